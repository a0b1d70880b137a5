using Bpm.Domain.Requests;

namespace Bpm.Domain.Sla;

/// <summary>One line of a named profile, before it is attached to a bureau.</summary>
public sealed record SlaProfileLine(
    SlaStep Step, int WorkingDays, RequestType? Type = null, ExtensionCapBasis? CapBasis = null, EscalationLadder? Ladder = null, TimeOnly? CutOff = null);

/// <summary>
/// The SLA profiles of the seed documents, as data that an administrator can apply to a bureau and then
/// change. Sources: Xiantao's scheme [seeds/000 §四], Ulanqab's joint-meeting rules [seeds/004 §三].
/// </summary>
public static class SlaProfiles
{
    /// <summary>
    /// Ulanqab's handling ladder: warn 2 WD ahead, red at due, daily reminders (5 at most), and an item still unsolved
    /// 3 WD after due goes to the joint meeting. Declared first: the profiles below use it.
    /// </summary>
    public static EscalationLadder UlanqabHandlingLadder { get; } = new(new SlaOffset(2, SlaOffsetUnit.WorkingDays), true, 1, 5, 3);

    /// <summary>
    /// 仙桃: transfer to the tax-service department within 1 WD; handle within 2 WD; when truly difficult
    /// extend, but at most 5 WD in all; feed the result back within 1 WD. Revisit and re-handling times are
    /// not in the scheme: 5 WD and the handling time, as the national default.
    /// </summary>
    public static IReadOnlyList<SlaProfileLine> Xiantao { get; } =
    [
        new(SlaStep.Transfer, 1, Ladder: EscalationLadder.Short),
        new(SlaStep.Handling, 2, Ladder: EscalationLadder.Standard),
        new(SlaStep.ExtensionCap, 5, CapBasis: ExtensionCapBasis.HandlingPlusExtension),
        new(SlaStep.ExtensionLeadTime, 0),
        new(SlaStep.Feedback, 1, Ladder: EscalationLadder.Short),
        new(SlaStep.Rehandle, 2, Ladder: EscalationLadder.Standard),
    ];

    /// <summary>
    /// 乌兰察布: object to an assignment within 2 WD of the push; escalate an unsolvable item within 3 WD;
    /// feed back within 10 WD; apply for an extension at least 2 WD before due; extension at most 20 WD;
    /// re-handling "within the set handling time", with no extension.
    /// </summary>
    public static IReadOnlyList<SlaProfileLine> Ulanqab { get; } =
    [
        new(SlaStep.DispatchObjection, 2),
        new(SlaStep.EscalateUnsolvable, 3, Ladder: EscalationLadder.Standard),
        new(SlaStep.Handling, 10, Ladder: UlanqabHandlingLadder),
        new(SlaStep.ExtensionLeadTime, 2),
        new(SlaStep.ExtensionCap, 20, CapBasis: ExtensionCapBasis.ExtensionOnly),
        new(SlaStep.Rehandle, 10, Ladder: UlanqabHandlingLadder),
    ];

    /// <summary>
    /// Defaults at the root for every step a city does not set: the Xiantao figures (the mechanism's
    /// own scheme), objection 2 WD and escalation 3 WD as in Ulanqab, revisit 5 WD.
    /// </summary>
    public static IReadOnlyList<SlaProfileLine> NationalDefault { get; } =
    [
        new(SlaStep.Transfer, 1, Ladder: EscalationLadder.Short),
        new(SlaStep.DispatchObjection, 2),
        new(SlaStep.Handling, 2, Ladder: EscalationLadder.Standard),
        new(SlaStep.ExtensionCap, 5, CapBasis: ExtensionCapBasis.HandlingPlusExtension),
        new(SlaStep.ExtensionLeadTime, 0),
        new(SlaStep.EscalateUnsolvable, 3, Ladder: EscalationLadder.Standard),
        new(SlaStep.Feedback, 1, Ladder: EscalationLadder.Short),
        new(SlaStep.Revisit, 5, Ladder: EscalationLadder.Standard),
        new(SlaStep.Rehandle, 2, Ladder: EscalationLadder.Standard),
    ];

    public static IEnumerable<SlaRule> For(Guid bureauId, IEnumerable<SlaProfileLine> profile) =>
        profile.Select(line => new SlaRule(bureauId, line.Type, line.Step, line.WorkingDays, line.CapBasis, line.Ladder, line.CutOff));
}
