using Bpm.Domain.Requests;
using Bpm.Domain.Calendar;
using Bpm.Domain.Sla;
using Bpm.Domain.Users;

namespace Bpm.Domain.Tasks;

/// <summary>
/// A piece of work for people on a request: 受理登记, 分派, 办理, 延期审批, 结果反馈, 回访 …, opened by a
/// workflow activity and waiting on its bookmark. It belongs to a unit (any member with the role may claim
/// it) and is due at an instant computed from the bureau's SLA step and calendar.
/// </summary>
public sealed class RequestTask
{
    private RequestTask()
    {
    }

    public RequestTask(RequestTaskOpening opening)
    {
        RequiredText.Check(opening.Title, 100, "task.title", "任务名称", "title");
        if (opening.Outcomes.Count == 0)
        {
            throw new DomainException("task.outcomes", "任务至少要有一个办理结果", "outcomes");
        }

        Id = opening.Id;
        RequestId = opening.RequestId;
        BureauId = opening.BureauId;
        RequestType = opening.RequestType;
        InboxSearchName = opening.TaxpayerName;
        WorkflowInstanceId = opening.WorkflowInstanceId;
        BookmarkId = opening.BookmarkId;
        ActivityId = opening.ActivityId;
        ActivityType = opening.ActivityType;
        Title = opening.Title;
        AssigneeUnitId = opening.AssigneeUnitId;
        AssigneeRole = opening.AssigneeRole;
        Outcomes = [.. opening.Outcomes];
        FormJson = opening.FormJson;
        SlaStep = opening.SlaStep;
        OpenedAt = opening.OpenedAt.ToUniversalTime();
        DueDate = opening.DueDate;
        DueAt = opening.DueAt?.ToUniversalTime();
        DueIsProvisional = opening.DueIsProvisional;
        SlaCountFrom = opening.SlaCountFrom;
        SlaWorkingDays = opening.SlaWorkingDays;
        SlaAddedWorkingDays = opening.SlaAddedWorkingDays;
        Status = RequestTaskStatus.Open;
    }

    public Guid Id { get; private set; }

    public Guid RequestId { get; private set; }

    public Guid BureauId { get; private set; }

    /// <summary>
    /// The type of the request it belongs to (a request's type never changes), kept on the task so that an inbox filtered
    /// by type reads only tasks of that type: "my policy questions" among a unit's 40,000 open tasks.
    /// </summary>
    public RequestType RequestType { get; private set; }

    /// <summary>
    /// The taxpayer's name of the request while the task is open, null once it is completed or cancelled: the inbox looks a
    /// part of a name up among open tasks only (their own trigram index), e.g. "基准测试纳税人42" among 10⁵ open tasks instead
    /// of among 10⁶ requests, and no closed task keeps a copy of the name.
    /// </summary>
    public string? InboxSearchName { get; private set; }

    public string WorkflowInstanceId { get; private set; } = "";

    public string BookmarkId { get; private set; } = "";

    public string ActivityId { get; private set; } = "";

    public string ActivityType { get; private set; } = "";

    public string Title { get; private set; } = "";

    public Guid AssigneeUnitId { get; private set; }

    public Roles AssigneeRole { get; private set; }

    public Guid? ClaimedBy { get; private set; }

    public DateTimeOffset? ClaimedAt { get; private set; }

    /// <summary>The outcomes a person may choose, the normal one first, e.g. [Resolved, Extend, Object, Unsolvable].</summary>
    public List<string> Outcomes { get; private set; } = [];

    /// <summary>The form's field list as JSON (see Bpm.Application TaskForm), kept as the activity declared it.</summary>
    public string FormJson { get; private set; } = "[]";

    public SlaStep? SlaStep { get; private set; }

    public DateTimeOffset OpenedAt { get; private set; }

    public DateOnly? DueDate { get; private set; }

    /// <summary>The first instant that is late (UTC); null for tasks without an SLA step.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    public bool DueIsProvisional { get; private set; }

    /// <summary>The bureau-local day the deadline counts from (not itself counted); null without an SLA step.</summary>
    public DateOnly? SlaCountFrom { get; private set; }

    /// <summary>The step's working days under the policy the deadline was last planned with.</summary>
    public int SlaWorkingDays { get; private set; }

    /// <summary>Working days added since: approved extensions and paused time. Due = count-from + working days + added.</summary>
    public int SlaAddedWorkingDays { get; private set; }

    /// <summary>How far the escalation ladder has gone: none, yellow (warned), red (overdue, 督办).</summary>
    public SlaAlertLevel AlertLevel { get; private set; }

    /// <summary>催办 reminders sent after the due instant.</summary>
    public int RemindersSent { get; private set; }

    /// <summary>When the task was handed to the joint-meeting office for still being unsolved after due.</summary>
    public DateTimeOffset? EscalatedAt { get; private set; }

    /// <summary>The SLA clock stands still since then (waiting for the taxpayer's documents); null when running.</summary>
    public DateTimeOffset? PausedAt { get; private set; }

    public string? PauseReason { get; private set; }

    public bool IsPaused => PausedAt is not null;

    public RequestTaskStatus Status { get; private set; }

    public DateTimeOffset? CompletedAt { get; private set; }

    public Guid? CompletedBy { get; private set; }

    public string? Outcome { get; private set; }

    /// <summary>The form data given on completion, as JSON.</summary>
    public string? DataJson { get; private set; }

    public long Version { get; private set; }

    /// <summary>Takes the task for oneself; someone else's claim must be released by a transfer first.</summary>
    public void Claim(Guid userId, DateTimeOffset now)
    {
        EnsureOpen();
        if (ClaimedBy is { } holder && holder != userId)
        {
            throw new DomainConflictException("task.claimed", "该任务已被他人认领");
        }

        ClaimedBy = userId;
        ClaimedAt = now.ToUniversalTime();
    }

    /// <summary>Finishes the task with one of its outcomes; the workflow then follows that port.</summary>
    public void Complete(Guid userId, string outcome, string? dataJson, DateTimeOffset now)
    {
        EnsureOpen();
        if (!Outcomes.Contains(outcome, StringComparer.Ordinal))
        {
            throw new DomainException("task.outcome", $"未知的办理结果“{outcome}”；可选：{string.Join("、", Outcomes)}", "outcome");
        }

        Status = RequestTaskStatus.Completed;
        InboxSearchName = null;
        Outcome = outcome;
        DataJson = dataJson;
        CompletedBy = userId;
        CompletedAt = now.ToUniversalTime();
    }

    /// <summary>Moves the task to another unit (转办): any claim is released.</summary>
    public void TransferTo(Guid unitId)
    {
        EnsureOpen();
        if (unitId == AssigneeUnitId)
        {
            throw new DomainException("task.transfer-same-unit", "任务已在该单位", "unit");
        }

        AssigneeUnitId = unitId;
        ClaimedBy = null;
        ClaimedAt = null;
    }

    /// <summary>A new due instant, e.g. after an approved extension or a calendar change.</summary>
    public void MoveDeadline(DateOnly dueDate, DateTimeOffset dueAt, bool provisional)
    {
        EnsureOpen();
        DueDate = dueDate;
        DueAt = dueAt.ToUniversalTime();
        DueIsProvisional = provisional;
    }

    /// <summary>
    /// Where the deadline falls under a calendar: the (count-from + working days + added)-th working day, at the clock's
    /// cut-off. Null without an SLA count. Example: counted from Wed 2026-09-30, 2 WD → Fri 2026-10-09.
    /// </summary>
    public WorkingDayDeadline? PlannedDeadline(WorkingDayCalendar calendar, BureauClock clock)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(clock);
        if (SlaCountFrom is not { } from)
        {
            return null;
        }

        var date = calendar.AddWorkingDays(from, SlaWorkingDays + SlaAddedWorkingDays);
        return new WorkingDayDeadline(date, clock.DeadlineInstant(date), calendar.IsProvisional(date));
    }

    /// <summary>The policy's working days for the step changed (re-planning after a policy change).</summary>
    public void Rebase(int workingDays)
    {
        EnsureOpen();
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        SlaWorkingDays = workingDays;
    }

    /// <summary>Stops the SLA clock with a reason, e.g. 等待纳税人补充资料. Only a task with a deadline can pause.</summary>
    public void Pause(string reason, DateTimeOffset now)
    {
        EnsureOpen();
        RequiredText.Check(reason, 500, "task.pause-reason", "暂停原因", "reason");
        if (SlaCountFrom is null)
        {
            throw new DomainException("task.no-deadline", $"任务“{Title}”没有办理时限，无需暂停计时", "taskId");
        }

        if (IsPaused)
        {
            throw new DomainConflictException("task.paused", $"任务“{Title}”已暂停计时");
        }

        PausedAt = now.ToUniversalTime();
        PauseReason = reason.Trim();
    }

    /// <summary>
    /// Restarts the SLA clock: the working days the pause covered, from its local day up to but not including the day of
    /// resuming, are added. Paused Mon 2026-10-12, resumed Wed 10-14 → 2 WD added; paused and resumed the same day → 0.
    /// Returns the working days added.
    /// </summary>
    public int Resume(WorkingDayCalendar calendar, BureauClock clock, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(clock);
        EnsureOpen();
        if (PausedAt is not { } pausedAt)
        {
            throw new DomainConflictException("task.not-paused", $"任务“{Title}”没有暂停计时");
        }

        var from = clock.LocalDate(pausedAt);
        var to = clock.LocalDate(now);
        var days = Math.Max(0, calendar.WorkingDaysBetween(from.AddDays(-1), to.AddDays(-1)));
        SlaAddedWorkingDays += days;
        PausedAt = null;
        PauseReason = null;
        return days;
    }

    /// <summary>An approved extension adds working days, counted on from the current due date.</summary>
    public void AddWorkingDays(int workingDays)
    {
        EnsureOpen();
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        SlaAddedWorkingDays += workingDays;
    }

    /// <summary>Yellow or red; never lowers the level. False when the task was already at that level or above.</summary>
    public bool RaiseAlert(SlaAlertLevel level)
    {
        EnsureOpen();
        if (level <= AlertLevel)
        {
            return false;
        }

        AlertLevel = level;
        return true;
    }

    /// <summary>Reminder n was sent; false when it (or a later one) was already.</summary>
    public bool RecordReminder(int number)
    {
        EnsureOpen();
        if (number <= RemindersSent)
        {
            return false;
        }

        RemindersSent = number;
        return true;
    }

    /// <summary>Handed to the joint-meeting office; false when it already was.</summary>
    public bool RecordJointMeeting(DateTimeOffset now)
    {
        EnsureOpen();
        if (EscalatedAt is not null)
        {
            return false;
        }

        EscalatedAt = now.ToUniversalTime();
        return true;
    }

    /// <summary>
    /// After the deadline moved: marks whose instants now lie in the future are taken back. Yellow at Thu, moved to next
    /// week → no mark; red, moved into the future → yellow when the new warning instant has passed, else none. Reminders
    /// already sent stay counted only as far as the new plan has them in the past.
    /// </summary>
    public void ReviewAlerts(DateTimeOffset? warnAt, DateTimeOffset dueAt, int remindersDue, DateTimeOffset now)
    {
        if (now < dueAt)
        {
            var level = warnAt is { } warn && warn <= now ? SlaAlertLevel.Warning : SlaAlertLevel.None;
            AlertLevel = level < AlertLevel ? level : AlertLevel;
        }

        RemindersSent = Math.Min(RemindersSent, remindersDue);
    }

    /// <summary>The workflow no longer waits on this task (another branch finished it, or the request was merged).</summary>
    public void Cancel(DateTimeOffset now)
    {
        EnsureOpen();
        Status = RequestTaskStatus.Cancelled;
        InboxSearchName = null;
        CompletedAt = now.ToUniversalTime();
    }

    private void EnsureOpen()
    {
        if (Status != RequestTaskStatus.Open)
        {
            throw new DomainConflictException("task.not-open", $"任务“{Title}”已{(Status == RequestTaskStatus.Completed ? "办结" : "取消")}");
        }
    }
}

/// <summary>Ordered: a level only rises. Stored by name; never rename a member.</summary>
public enum SlaAlertLevel
{
    None,

    /// <summary>黄色预警</summary>
    Warning,

    /// <summary>红色督办 (overdue)</summary>
    Overdue,
}

public enum RequestTaskStatus
{
    Open,
    Completed,
    Cancelled,
}

/// <summary>What opening a task needs; the due date is computed by the caller from the SLA step.</summary>
public sealed record RequestTaskOpening(
    Guid Id,
    Guid RequestId,
    Guid BureauId,
    RequestType RequestType,
    string TaxpayerName,
    string WorkflowInstanceId,
    string BookmarkId,
    string ActivityId,
    string ActivityType,
    string Title,
    Guid AssigneeUnitId,
    Roles AssigneeRole,
    IReadOnlyList<string> Outcomes,
    string FormJson,
    SlaStep? SlaStep,
    DateTimeOffset OpenedAt,
    DateOnly? DueDate,
    DateTimeOffset? DueAt,
    bool DueIsProvisional,
    DateOnly? SlaCountFrom = null,
    int SlaWorkingDays = 0,
    int SlaAddedWorkingDays = 0);
