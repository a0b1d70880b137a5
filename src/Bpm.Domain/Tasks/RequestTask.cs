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
        Status = RequestTaskStatus.Open;
    }

    public Guid Id { get; private set; }

    public Guid RequestId { get; private set; }

    public Guid BureauId { get; private set; }

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

    /// <summary>The workflow no longer waits on this task (another branch finished it, or the request was merged).</summary>
    public void Cancel(DateTimeOffset now)
    {
        EnsureOpen();
        Status = RequestTaskStatus.Cancelled;
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
    bool DueIsProvisional);
