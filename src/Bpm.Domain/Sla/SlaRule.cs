using Bpm.Domain.Bureaus;
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

    public SlaRule(Guid bureauId, RequestType? type, SlaStep step, int workingDays, ExtensionCapBasis? capBasis = null)
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

        BureauId = bureauId;
        Type = type;
        Step = step;
        WorkingDays = workingDays;
        CapBasis = capBasis;
    }

    public Guid BureauId { get; private set; }

    public RequestType? Type { get; private set; }

    public SlaStep Step { get; private set; }

    public int WorkingDays { get; private set; }

    public ExtensionCapBasis? CapBasis { get; private set; }

    public void Change(int workingDays, ExtensionCapBasis? capBasis)
    {
        _ = new SlaRule(BureauId, Type, Step, workingDays, capBasis);
        WorkingDays = workingDays;
        CapBasis = capBasis;
    }
}
