using System.Globalization;
using Bpm.Application.Administration;
using Bpm.Domain;
using Bpm.Domain.Sla;

namespace Bpm.Server.Api;

/// <summary>
/// Route and query values of the admin endpoints, read by hand so that a bad one answers 400 naming it (a bound enum
/// would fail without a field): <c>step=Handlng</c> → errors { "step": [...] }; <c>2026-02-30</c> → "date"; <c>25:00</c> → "cutOff".
/// </summary>
internal static class AdminInput
{
    /// <summary>A member name, any case; numbers are refused (<c>type=1</c> is not Enforcement).</summary>
    public static T Enum<T>(string text, string field)
        where T : struct, System.Enum =>
        TryEnum<T>(text, out var value)
            ? value
            : throw Invalid(field, $"“{text}”无效；可选：{string.Join("、", System.Enum.GetNames<T>())}");

    /// <summary>Null or empty → null.</summary>
    public static T? OptionalEnum<T>(string? text, string field)
        where T : struct, System.Enum =>
        string.IsNullOrWhiteSpace(text) ? null : Enum<T>(text.Trim(), field);

    public static ReplanMode Replan(string? text) => OptionalEnum<ReplanMode>(text, "replan") ?? ReplanMode.Open;

    /// <summary>yyyy-MM-dd, a real date: 2026-10-08.</summary>
    public static DateOnly Date(string text, string field) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw Invalid(field, $"“{text}”不是有效日期；格式 yyyy-MM-dd，例如 2026-10-08");

    /// <summary>HH:mm between 00:01 and 23:59, e.g. 17:30; null or empty → null (the bureau's cut-off).</summary>
    public static TimeOnly? CutOff(string? text) =>
        string.IsNullOrWhiteSpace(text)
            ? null
            : TimeOnly.TryParseExact(text.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
                ? time
                : throw Invalid("cutOff", $"“{text}”不是有效时间；格式 HH:mm，例如 17:30；一天结束（24:00）请留空");

    public static SlaLineInput Line(SlaLineBody body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var errors = new List<FieldError>();
        if (body.WorkingDays is null)
        {
            errors.Add(new FieldError("workingDays", "请填写工作日数（workingDays）"));
        }

        TimeOnly? cutOff = null;
        try
        {
            cutOff = CutOff(body.CutOff);
        }
        catch (DomainValidationException e)
        {
            errors.AddRange(e.Errors);
        }

        return errors.Count > 0
            ? throw new DomainValidationException(errors)
            : new SlaLineInput(body.WorkingDays!.Value, body.CapBasis, cutOff, Ladder(body.Ladder));
    }

    private static EscalationLadder? Ladder(LadderDto? ladder) => ladder is null
        ? null
        : new EscalationLadder(
            ladder.WarnBefore is { } warn ? new SlaOffset(warn.Amount, warn.Unit) : null,
            ladder.EscalateAtDue,
            ladder.RemindEveryWorkingDays,
            ladder.MaxReminders,
            ladder.JointMeetingAfterWorkingDays);

    private static bool TryEnum<T>(string text, out T value)
        where T : struct, System.Enum
    {
        value = default;
        return text.Length > 0 && char.IsLetter(text[0]) && System.Enum.TryParse(text, ignoreCase: true, out value) && System.Enum.IsDefined(value);
    }

    private static DomainValidationException Invalid(string field, string reason) => new([new FieldError(field, reason)]);
}
