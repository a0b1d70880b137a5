using System.Globalization;
using Bpm.Domain;
using Bpm.Domain.Calendar;
using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;

namespace Bpm.Server.WebUi.Pages.Register;

/// <summary>
/// What the registration form posts, as typed (so a refused form comes back exactly as the officer left it). Enum
/// values travel as names (<c>ServiceHall</c>), the receipt as the bureau-local <c>datetime-local</c> value
/// (<c>2026-10-09T09:30</c> in Xiantao = 2026-10-09T01:30Z).
/// </summary>
public sealed class RegisterForm
{
    public const string LocalFormat = "yyyy-MM-dd'T'HH:mm";

    public string? TaxpayerName { get; set; }

    public string? Contact { get; set; }

    public string? CreditCode { get; set; }

    public string? Industry { get; set; }

    public string? Size { get; set; }

    public string? OperatingStatus { get; set; }

    public string? Channel { get; set; }

    public string? CategoryCode { get; set; }

    public string? Text { get; set; }

    public string? ReceivedAt { get; set; }

    public string? ReceivingUnitId { get; set; }

    public string? ReceivingOfficer { get; set; }

    public bool AnsweredOnTheSpot { get; set; }

    public string? OnTheSpotAnswer { get; set; }

    /// <summary>
    /// The domain's registration, or every broken rule at once: the form's own checks (a missing choice, a malformed
    /// time, a ticked "answered on the spot" without an answer) together with the domain's field rules.
    /// </summary>
    /// <exception cref="DomainValidationException">one or more fields are missing or malformed.</exception>
    public RequestRegistration ToRegistration(BureauClock clock, DateTimeOffset now, string answerRequired, string receivedAtInvalid)
    {
        var errors = new List<FieldError>();
        var channel = Choice<Channel>(errors, "channel", "诉求渠道", Channel, required: true);
        var registration = new RequestRegistration
        {
            TaxpayerName = TaxpayerName ?? "",
            Contact = Contact ?? "",
            Text = Text ?? "",
            ReceivedAt = ParseLocal(errors, clock, now, receivedAtInvalid),
            Channel = channel ?? default,
            CategoryCode = CategoryCode ?? "",
            ReceivingUnitId = Guid.TryParse(ReceivingUnitId, out var unitId) ? unitId : Guid.Empty,
            ReceivingOfficer = ReceivingOfficer ?? "",
            CreditCode = CreditCode,
            Industry = string.IsNullOrWhiteSpace(Industry) ? null : Industry,
            Size = Choice<TaxpayerSize>(errors, "size", "纳税人规模", Size, required: false),
            OperatingStatus = Choice<Bpm.Domain.Taxpayers.OperatingStatus>(errors, "operatingStatus", "经营状态", OperatingStatus, required: false),
            OnTheSpotAnswer = AnsweredOnTheSpot ? OnTheSpotAnswer : null,
        };
        if (AnsweredOnTheSpot && string.IsNullOrWhiteSpace(OnTheSpotAnswer))
        {
            errors.Add(new FieldError("onTheSpotAnswer", answerRequired));
        }

        return errors.Count == 0
            ? registration
            : throw new DomainValidationException([.. errors, .. RequestRegistrationRules.Check(registration, now)]);
    }

    /// <summary>The receipt's local value, e.g. "2026-10-09T09:30", as an instant; empty or malformed → error, now stands in.</summary>
    private DateTimeOffset ParseLocal(List<FieldError> errors, BureauClock clock, DateTimeOffset now, string invalid)
    {
        if (string.IsNullOrWhiteSpace(ReceivedAt))
        {
            errors.Add(new FieldError("receivedAt", "受理时间不能为空"));
            return now;
        }

        string[] formats = [LocalFormat, "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];
        if (!DateTime.TryParseExact(ReceivedAt.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local)
            || clock.TimeZone.IsInvalidTime(local))
        {
            errors.Add(new FieldError("receivedAt", invalid));
            return now;
        }

        return new DateTimeOffset(local, clock.TimeZone.GetUtcOffset(local));
    }

    private static TEnum? Choice<TEnum>(List<FieldError> errors, string field, string label, string? name, bool required)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            if (required)
            {
                errors.Add(new FieldError(field, $"{label}不能为空"));
            }

            return null;
        }

        if (Enum.TryParse<TEnum>(name.Trim(), ignoreCase: false, out var value) && Enum.IsDefined(value) && !char.IsDigit(name.Trim()[0]))
        {
            return value;
        }

        errors.Add(new FieldError(field, $"未知的{label}“{name}”"));
        return null;
    }

    /// <summary>An empty form: received now (bureau-local), at the officer's unit, by the officer.</summary>
    public static RegisterForm Blank(BureauClock clock, DateTimeOffset now, Guid? unitId, string officer) => new()
    {
        ReceivedAt = TimeZoneInfo.ConvertTime(now, clock.TimeZone).ToString(LocalFormat, CultureInfo.InvariantCulture),
        ReceivingUnitId = unitId?.ToString(),
        ReceivingOfficer = officer,
    };
}
