using Bpm.Domain.Sla;

namespace Bpm.Domain.Timers;

/// <summary>
/// Something to do at an instant: a rung of a task's escalation ladder, or a workflow timer bookmark to resume.
/// Written in the same transaction as the step that needs it (the outbox), handed to the scheduler afterwards
/// (<see cref="HandedOver"/>), and applied at most once: <see cref="Apply"/> moves it from Pending to Applied under
/// optimistic concurrency, so two nodes, or a timer that fires again after a crash, cannot apply it twice.
/// Example: the red escalation of task 办理 of XT-2026-000123, due 2026-10-09T16:00Z.
/// </summary>
public sealed class DueTimer
{
    private DueTimer()
    {
    }

    private DueTimer(Guid id, DueTimerKind kind, DateTimeOffset dueAt, DateTimeOffset createdAt)
    {
        Id = id;
        Kind = kind;
        DueAt = dueAt.ToUniversalTime();
        CreatedAt = createdAt.ToUniversalTime();
        Status = DueTimerStatus.Pending;
    }

    public Guid Id { get; private set; }

    public DueTimerKind Kind { get; private set; }

    /// <summary>UTC; every timer due at the same instant is fired by one scheduler trigger.</summary>
    public DateTimeOffset DueAt { get; private set; }

    /// <summary>The reminder's number (1, 2, …); 0 for other kinds.</summary>
    public int Sequence { get; private set; }

    public Guid? TaskId { get; private set; }

    public Guid? RequestId { get; private set; }

    public string? BookmarkId { get; private set; }

    public string? WorkflowInstanceId { get; private set; }

    public DueTimerStatus Status { get; private set; }

    /// <summary>False while only the outbox knows it; true once the scheduler holds a trigger at <see cref="DueAt"/>.</summary>
    public bool HandedOver { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    /// <summary>When it was applied, skipped or cancelled.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    public long Version { get; private set; }

    /// <summary>A rung of a task's escalation ladder.</summary>
    public static DueTimer ForAlarm(Guid id, Guid taskId, Guid requestId, SlaAlarm alarm, DateTimeOffset createdAt)
    {
        ArgumentNullException.ThrowIfNull(alarm);
        return new DueTimer(id, alarm.Kind.ToTimerKind(), alarm.At, createdAt) { TaskId = taskId, RequestId = requestId, Sequence = alarm.Sequence };
    }

    /// <summary>A workflow timer (Delay, Timer): resume the bookmark of the instance at the instant.</summary>
    public static DueTimer ForBookmark(Guid id, string bookmarkId, string workflowInstanceId, DateTimeOffset dueAt, DateTimeOffset createdAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(bookmarkId);
        ArgumentException.ThrowIfNullOrEmpty(workflowInstanceId);
        return new DueTimer(id, DueTimerKind.ResumeBookmark, dueAt, createdAt) { BookmarkId = bookmarkId, WorkflowInstanceId = workflowInstanceId };
    }

    /// <summary>The alarm this timer stands for, to compare a stored plan with a new one.</summary>
    public SlaAlarm? Alarm => Kind.ToAlarmKind() is { } kind ? new SlaAlarm(kind, Sequence, DueAt) : null;

    /// <summary>Marks it done; applying a timer that is no longer pending is a conflict (someone else did it).</summary>
    public void Apply(DateTimeOffset now) => Close(DueTimerStatus.Applied, now);

    /// <summary>Fired, but what it was for had gone (task completed, bookmark consumed): nothing was done.</summary>
    public void Skip(DateTimeOffset now) => Close(DueTimerStatus.Skipped, now);

    /// <summary>No longer wanted: the task closed or its deadline moved.</summary>
    public void Cancel(DateTimeOffset now) => Close(DueTimerStatus.Cancelled, now);

    public void MarkHandedOver() => HandedOver = true;

    /// <summary>
    /// Moves a pending timer to a new instant, e.g. a red escalation from Fri 10-09 24:00 to Sat 10-10 24:00 after a
    /// closure was added; the scheduler must be told again (not handed over). A timer no longer pending cannot move.
    /// </summary>
    public void MoveTo(DateTimeOffset dueAt)
    {
        if (Status != DueTimerStatus.Pending)
        {
            throw new DomainConflictException("timer.not-pending", $"定时任务 {Id} 已处理（{Status}）");
        }

        DueAt = dueAt.ToUniversalTime();
        HandedOver = false;
    }

    private void Close(DueTimerStatus status, DateTimeOffset now)
    {
        if (Status != DueTimerStatus.Pending)
        {
            throw new DomainConflictException("timer.not-pending", $"定时任务 {Id} 已处理（{Status}）");
        }

        Status = status;
        ClosedAt = now.ToUniversalTime();
    }
}

/// <summary>Stored by name; never rename a member.</summary>
public enum DueTimerKind
{
    Warning,
    Overdue,
    Reminder,
    JointMeeting,
    ResumeBookmark,
}

/// <summary>Stored by name; never rename a member.</summary>
public enum DueTimerStatus
{
    Pending,
    Applied,
    Skipped,
    Cancelled,
}

public static class DueTimerKinds
{
    public static DueTimerKind ToTimerKind(this SlaAlarmKind kind) => kind switch
    {
        SlaAlarmKind.Warning => DueTimerKind.Warning,
        SlaAlarmKind.Overdue => DueTimerKind.Overdue,
        SlaAlarmKind.Reminder => DueTimerKind.Reminder,
        SlaAlarmKind.JointMeeting => DueTimerKind.JointMeeting,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static SlaAlarmKind? ToAlarmKind(this DueTimerKind kind) => kind switch
    {
        DueTimerKind.Warning => SlaAlarmKind.Warning,
        DueTimerKind.Overdue => SlaAlarmKind.Overdue,
        DueTimerKind.Reminder => SlaAlarmKind.Reminder,
        DueTimerKind.JointMeeting => SlaAlarmKind.JointMeeting,
        _ => null,
    };
}
