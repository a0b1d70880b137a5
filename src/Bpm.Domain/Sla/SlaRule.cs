using Bpm.Domain.Bureaus;
using Bpm.Domain.Calendar;
using Bpm.Domain.Requests;

namespace Bpm.Domain.Sla;

/// <summary>
/// One line of a bureau's SLA policy: for a step, and for one request type or (Type = null) all types,
/// a number of working days. The most specific line wins, nearest bureau first (see
/// <see cref="BureauTree.SlaRule"/>): Xiantao's (Handling, all types, 2) beats the national default.
/// </summary>
public sealed class SlaRule
{
    public const int MaxWorkingDays = 250;

    private SlaRule()
    {
    }

    public SlaRule(
        Guid bureauId, RequestType? type, SlaStep step, int workingDays, ExtensionCapBasis? capBasis = null,
        EscalationLadder? ladder = null, TimeOnly? cutOff = null)
    {
        if (workingDays is < 0 or > MaxWorkingDays)
        {
            throw new DomainException("sla.working-days", $"工作日数应在0到{MaxWorkingDays}之间", "workingDays");
        }

        if ((step == SlaStep.ExtensionCap) != capBasis.HasValue)
        {
            throw new DomainException(
                "sla.cap-basis", "延期上限必须说明计算口径（仅延期 / 含办理期限），其他环节不设口径", "capBasis");
        }

        if (ladder?.Problems().FirstOrDefault() is { } problem)
        {
            throw new DomainException("sla.ladder", problem.Reason, problem.Field);
        }

        if (cutOff == TimeOnly.MinValue)
        {
            throw new DomainException("sla.cut-off", "截止时间不能为00:00；一天结束请留空（24:00）", "cutOff");
        }

        BureauId = bureauId;
        Type = type;
        Step = step;
        WorkingDays = workingDays;
        CapBasis = capBasis;
        Ladder = ladder;
        CutOff = cutOff;
    }

    public Guid BureauId { get; private set; }

    public RequestType? Type { get; private set; }

    public SlaStep Step { get; private set; }

    public int WorkingDays { get; private set; }

    public ExtensionCapBasis? CapBasis { get; private set; }

    /// <summary>Warnings, red escalation, reminders and joint-meeting hand-over around the deadline; null = none.</summary>
    public EscalationLadder? Ladder { get; private set; }

    /// <summary>
    /// The step's own cut-off time of day, e.g. handling ends at 17:30 while the bureau's days end at 24:00;
    /// null = the bureau's cut-off.
    /// </summary>
    public TimeOnly? CutOff { get; private set; }

    /// <summary>The bureau's clock with this step's cut-off, if it sets one.</summary>
    public BureauClock ClockFor(BureauClock bureauClock)
    {
        ArgumentNullException.ThrowIfNull(bureauClock);
        return CutOff is { } cutOff ? bureauClock with { CutOff = cutOff } : bureauClock;
    }

    public void Change(int workingDays, ExtensionCapBasis? capBasis, EscalationLadder? ladder, TimeOnly? cutOff)
    {
        _ = new SlaRule(BureauId, Type, Step, workingDays, capBasis, ladder, cutOff);
        WorkingDays = workingDays;
        CapBasis = capBasis;
        Ladder = ladder;
        CutOff = cutOff;
    }
}
