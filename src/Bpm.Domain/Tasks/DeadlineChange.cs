using Bpm.Domain.Sla;

namespace Bpm.Domain.Tasks;

/// <summary>
/// The audit of one moved deadline: which task, old and new due, why, who, when. Never changed or deleted.
/// Example: 办理 of XT-2026-000123 moved from 2026-10-09 to 2026-10-13, Extension, "需外部门协查", by xt.approver.
/// </summary>
public sealed class DeadlineChange
{
    public const int MaxReasonLength = 500;

    private DeadlineChange()
    {
    }

    public DeadlineChange(
        Guid id, Guid requestId, Guid? taskId, SlaStep? step, DateOnly? oldDueDate, DateTimeOffset? oldDueAt, DateOnly newDueDate, DateTimeOffset newDueAt,
        DeadlineChangeCause cause, string reason, Guid? actorUserId, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(reason);
        Id = id;
        RequestId = requestId;
        TaskId = taskId;
        Step = step;
        OldDueDate = oldDueDate;
        OldDueAt = oldDueAt?.ToUniversalTime();
        NewDueDate = newDueDate;
        NewDueAt = newDueAt.ToUniversalTime();
        Cause = cause;
        Reason = reason.Length > MaxReasonLength ? reason[..(MaxReasonLength - 1)] + "…" : reason;
        ActorUserId = actorUserId;
        At = at.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    public Guid RequestId { get; private set; }

    /// <summary>The task whose deadline moved; null when no task of the step was open (an extension decided while none was).</summary>
    public Guid? TaskId { get; private set; }

    public SlaStep? Step { get; private set; }

    public DateOnly? OldDueDate { get; private set; }

    public DateTimeOffset? OldDueAt { get; private set; }

    public DateOnly NewDueDate { get; private set; }

    public DateTimeOffset NewDueAt { get; private set; }

    public DeadlineChangeCause Cause { get; private set; }

    public string Reason { get; private set; } = "";

    /// <summary>Null when the system moved it (e.g. a calendar import by the CLI without a user).</summary>
    public Guid? ActorUserId { get; private set; }

    public DateTimeOffset At { get; private set; }
}

/// <summary>Stored by name; never rename a member.</summary>
public enum DeadlineChangeCause
{
    /// <summary>延期获批</summary>
    Extension,

    /// <summary>暂停计时后恢复: the paused working days are added.</summary>
    PauseResumed,

    /// <summary>工作日历变更 (closure added, new year's notice imported)</summary>
    CalendarChange,

    /// <summary>时限规则变更</summary>
    PolicyChange,
}
