using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Calendar;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;

namespace Bpm.Application.Workflows;

/// <summary>
/// What the <c>Bpm.*</c> activities of one run may see and change, held in memory for that run: the request
/// (its status moves here and is saved with everything else in the same transaction), the bureau tree, the
/// units of the request's bureau and its ancestors, and who acts. Scoped: one per run.
/// </summary>
public sealed class RequestWorkflowContext
{
    private TaxpayerRequest? _request;
    private BureauTree? _tree;
    private IReadOnlyList<Unit> _units = [];
    private readonly List<DeadlineChangeNote> _deadlineChanges = [];

    public TaxpayerRequest Request => _request ?? throw new InvalidOperationException("No request is loaded for this workflow run.");

    public BureauTree Tree => _tree ?? throw new InvalidOperationException("No bureau tree is loaded for this workflow run.");

    public Guid? ActorUserId { get; private set; }

    public BureauClock Clock => Tree.ClockOf(Request.BureauId);

    public WorkingDayCalendar Calendar => Tree.CalendarOf(Request.BureauId);

    public void Load(TaxpayerRequest request, BureauTree tree, IReadOnlyList<Unit> units, Guid? actorUserId)
    {
        _request = request;
        _tree = tree;
        _units = units;
        ActorUserId = actorUserId;
        _deadlineChanges.Clear();
    }

    /// <summary>Deadlines an activity moved during this run, e.g. an approved extension; saved as audited changes.</summary>
    public IReadOnlyList<DeadlineChangeNote> DeadlineChanges => _deadlineChanges;

    public void NoteDeadlineChange(DeadlineChangeNote change) => _deadlineChanges.Add(change);

    /// <summary>The working days of an SLA step for this request's bureau and type; a step nobody sets is an error in the setup.</summary>
    public SlaRule SlaRule(SlaStep step) =>
        Tree.SlaRule(Request.BureauId, Request.Type, step)?.Value
        ?? throw new InvalidOperationException($"No SLA policy sets step {step} for {Tree[Request.BureauId].Name}; set it at this bureau or an ancestor.");

    public Unit? FindUnit(Guid unitId) => _units.FirstOrDefault(u => u.Id == unitId);

    /// <summary>
    /// The unit with a duty nearest to the request's bureau, walking up the tree: 集宁区 has its own 纳税服务股
    /// (TaxService), but its joint-meeting office is Ulanqab's 纳税服务科. Falls back to the TaxService unit when no
    /// bureau on the path has a joint-meeting office (Xiantao's tax-service department decides there).
    /// </summary>
    public Unit UnitWithDuty(UnitDuties duty)
    {
        foreach (var bureau in Tree.PathFromRoot(Request.BureauId).Reverse())
        {
            if (_units.FirstOrDefault(u => u.BureauId == bureau.Id && u.Duties.HasFlag(duty)) is { } unit)
            {
                return unit;
            }
        }

        return duty == UnitDuties.JointMeetingOffice
            ? UnitWithDuty(UnitDuties.TaxService)
            : throw new DomainException("bureau.no-tax-service", $"{Tree[Request.BureauId].Name} 及其上级均未设置纳税服务部门", "units");
    }

    /// <summary>Moves the request along its life cycle; an illegal move faults the activity (an error in the workflow).</summary>
    public void MoveRequestTo(RequestStatus status, DateTimeOffset now)
    {
        if (Request.Status != status || status == RequestStatus.Dispatched)
        {
            Request.MoveTo(status, now);
        }
    }
}

/// <summary>A deadline an activity moved, to be audited with the task it concerns: e.g. Handling 2026-10-09 → 2026-10-14, Extension.</summary>
public sealed record DeadlineChangeNote(
    SlaStep Step, DateOnly OldDueDate, DateTimeOffset OldDueAt, DateOnly NewDueDate, DateTimeOffset NewDueAt, DeadlineChangeCause Cause, string Reason);
