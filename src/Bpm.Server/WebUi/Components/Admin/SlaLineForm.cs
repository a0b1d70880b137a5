using System.Globalization;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Server.Api;

namespace Bpm.Server.WebUi.Components.Admin;

/// <summary>
/// An SLA line as the admin page posts it (the preview form, then the same values hidden in the confirm form), read by the
/// API's own rules (<see cref="AdminInput"/>), so that page and <c>PUT …/sla-policy/{step}</c> refuse the same input alike.
/// </summary>
public sealed class SlaLineForm
{
    public string? Step { get; set; }

    /// <summary>Empty = the line for all types.</summary>
    public string? Type { get; set; }

    public int? WorkingDays { get; set; }

    public string? CutOff { get; set; }

    public string? CapBasis { get; set; }

    public int? WarnAmount { get; set; }

    public SlaOffsetUnit WarnUnit { get; set; }

    public bool EscalateAtDue { get; set; }

    public int? RemindEvery { get; set; }

    public int MaxReminders { get; set; }

    public int? JointMeetingAfter { get; set; }

    public string? Mode { get; set; } = nameof(Application.Administration.ReplanMode.Open);

    public static SlaLineForm Of(SlaStep step, RequestType? type, SlaRule? rule) => new()
    {
        Step = step.ToString(),
        Type = type?.ToString() ?? "",
        WorkingDays = rule?.WorkingDays,
        CutOff = rule?.CutOff?.ToString("HH:mm", CultureInfo.InvariantCulture),
        CapBasis = rule?.CapBasis?.ToString(),
        WarnAmount = rule?.Ladder?.WarnBefore?.Amount,
        WarnUnit = rule?.Ladder?.WarnBefore?.Unit ?? SlaOffsetUnit.WorkingDays,
        EscalateAtDue = rule?.Ladder?.EscalateAtDue ?? false,
        RemindEvery = rule?.Ladder?.RemindEveryWorkingDays,
        MaxReminders = rule?.Ladder?.MaxReminders ?? 0,
        JointMeetingAfter = rule?.Ladder?.JointMeetingAfterWorkingDays,
    };

    public SlaStep ParsedStep() => AdminInput.Enum<SlaStep>(Step ?? "", "step");

    public RequestType? ParsedType() => AdminInput.OptionalEnum<RequestType>(Type, "type");

    public Application.Administration.ReplanMode ParsedMode() => AdminInput.Replan(Mode);

    /// <summary>No ladder when nothing of it is filled in (a step without timers).</summary>
    public Application.Administration.SlaLineInput Input() => AdminInput.Line(new SlaLineBody(
        WorkingDays,
        AdminInput.OptionalEnum<ExtensionCapBasis>(CapBasis, "capBasis"),
        CutOff,
        WarnAmount is null && !EscalateAtDue && RemindEvery is null && MaxReminders == 0 && JointMeetingAfter is null
            ? null
            : new LadderDto
            {
                WarnBefore = WarnAmount is { } amount ? new OffsetDto { Amount = amount, Unit = WarnUnit } : null,
                EscalateAtDue = EscalateAtDue,
                RemindEveryWorkingDays = RemindEvery,
                MaxReminders = MaxReminders,
                JointMeetingAfterWorkingDays = JointMeetingAfter,
            }));

    /// <summary>The values as (field, value) pairs, for the hidden inputs of the confirm form.</summary>
    public IEnumerable<(string Field, string Value)> Fields() =>
    [
        (nameof(Step), Step ?? ""), (nameof(Type), Type ?? ""), (nameof(WorkingDays), Text(WorkingDays)), (nameof(CutOff), CutOff ?? ""),
        (nameof(CapBasis), CapBasis ?? ""), (nameof(WarnAmount), Text(WarnAmount)), (nameof(WarnUnit), WarnUnit.ToString()),
        (nameof(EscalateAtDue), EscalateAtDue ? "true" : "false"), (nameof(RemindEvery), Text(RemindEvery)),
        (nameof(MaxReminders), Text(MaxReminders)), (nameof(JointMeetingAfter), Text(JointMeetingAfter)), (nameof(Mode), Mode ?? ""),
    ];

    private static string Text(int? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "";
}
