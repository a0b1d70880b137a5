using Bpm.Domain.Taxpayers;

namespace Bpm.Domain.Requests;

/// <summary>
/// What the receiving officer records (domain.md, "A request"): the first five lines are required,
/// the analysis fields (credit code, industry, size, operating status) are optional.
/// </summary>
public sealed record RequestRegistration
{
    public required string TaxpayerName { get; init; }

    public required string Contact { get; init; }

    public required string Text { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required Channel Channel { get; init; }

    /// <summary>A code of the receiving bureau's category taxonomy, e.g. 政策业务类 → <c>ZCYW</c>.</summary>
    public required string CategoryCode { get; init; }

    public required Guid ReceivingUnitId { get; init; }

    public required string ReceivingOfficer { get; init; }

    public string? CreditCode { get; init; }

    public string? Industry { get; init; }

    public TaxpayerSize? Size { get; init; }

    public OperatingStatus? OperatingStatus { get; init; }

    /// <summary>Answered on the spot (当场答复): the request is closed at registration, with this answer.</summary>
    public string? OnTheSpotAnswer { get; init; }
}

/// <summary>Field rules for a registration; every broken rule is reported, not just the first.</summary>
public static class RequestRegistrationRules
{
    public const int MaxNameLength = 200;
    public const int MaxTextLength = 10_000;
    public const int MaxIndustryLength = 100;
    public const int MaxOfficerLength = 50;

    /// <summary>A receipt may be stamped a little ahead of the server's clock (clock skew), never more.</summary>
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    public static IReadOnlyList<FieldError> Check(RequestRegistration registration, DateTimeOffset now)
    {
        var errors = new List<FieldError>();
        Text(errors, "taxpayerName", registration.TaxpayerName, MaxNameLength, "纳税人名称");
        Text(errors, "text", registration.Text, MaxTextLength, "诉求内容");
        Text(errors, "receivingOfficer", registration.ReceivingOfficer, MaxOfficerLength, "受理人");
        if (!ContactInfo.TryParse(registration.Contact, out _, out var contactReason))
        {
            errors.Add(new FieldError("contact", contactReason!));
        }

        if (registration.CreditCode is { } code && !string.IsNullOrWhiteSpace(code)
            && !UnifiedSocialCreditCode.TryParse(code, out _, out var codeReason))
        {
            errors.Add(new FieldError("creditCode", codeReason!));
        }

        if (registration.Industry is { Length: > MaxIndustryLength })
        {
            errors.Add(new FieldError("industry", $"所属行业不能超过{MaxIndustryLength}个字符"));
        }
        else if (HasControlCharacters(registration.Industry))
        {
            errors.Add(new FieldError("industry", "所属行业含有控制字符"));
        }

        if (registration.ReceivedAt > now + AllowedClockSkew)
        {
            errors.Add(new FieldError("receivedAt", "受理时间不能晚于当前时间 (receipt cannot be in the future)"));
        }

        if (registration.ReceivedAt.Year < 2000)
        {
            errors.Add(new FieldError("receivedAt", "受理时间不能早于2000年"));
        }

        if (!Enum.IsDefined(registration.Channel))
        {
            errors.Add(new FieldError("channel", "未知的诉求渠道 (unknown channel)"));
        }

        if (registration.Size is { } size && !Enum.IsDefined(size))
        {
            errors.Add(new FieldError("size", "未知的纳税人规模 (unknown size)"));
        }

        if (registration.OperatingStatus is { } status && !Enum.IsDefined(status))
        {
            errors.Add(new FieldError("operatingStatus", "未知的经营状态 (unknown operating status)"));
        }

        if (registration.ReceivingUnitId == Guid.Empty)
        {
            errors.Add(new FieldError("receivingUnitId", "受理单位不能为空"));
        }

        if (string.IsNullOrWhiteSpace(registration.CategoryCode))
        {
            errors.Add(new FieldError("categoryCode", "诉求分类不能为空"));
        }
        else if (HasControlCharacters(registration.CategoryCode))
        {
            errors.Add(new FieldError("categoryCode", "诉求分类含有控制字符"));
        }

        if (registration.OnTheSpotAnswer is { Length: > MaxTextLength })
        {
            errors.Add(new FieldError("onTheSpotAnswer", $"当场答复内容不能超过{MaxTextLength}个字符"));
        }
        else if (HasControlCharacters(registration.OnTheSpotAnswer))
        {
            errors.Add(new FieldError("onTheSpotAnswer", "当场答复内容含有控制字符"));
        }

        return errors;
    }

    private static void Text(List<FieldError> errors, string field, string? value, int max, string label)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new FieldError(field, $"{label}不能为空"));
        }
        else if (value.Length > max)
        {
            errors.Add(new FieldError(field, $"{label}不能超过{max}个字符"));
        }
        else if (HasControlCharacters(value))
        {
            errors.Add(new FieldError(field, $"{label}含有控制字符"));
        }
    }

    /// <summary>Control characters other than line breaks and tabs, e.g. NUL or ESC pasted from another system.</summary>
    private static bool HasControlCharacters(string? value) =>
        value is not null && value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t'));
}
