using System.Text.Json.Nodes;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;

namespace Bpm.Server.Api;

/// <summary>A task as the inbox and the request page show it.</summary>
public sealed record TaskDto
{
    public Guid Id { get; set; }

    public Guid RequestId { get; set; }

    /// <summary>The request it belongs to, in brief (inbox rows show number, taxpayer and type).</summary>
    public TaskRequestDto? Request { get; set; }

    public string Title { get; set; } = "";

    /// <summary>The workflow node that opened it; journal entries of the same node are its steps.</summary>
    public string ActivityId { get; set; } = "";

    /// <summary>The Bpm activity that opened it, e.g. Bpm.HumanTask, Bpm.Dispatch.</summary>
    public string ActivityType { get; set; } = "";

    public UnitRefDto? Unit { get; set; }

    /// <summary>Handler or Approver.</summary>
    public string Role { get; set; } = "";

    public Guid? ClaimedBy { get; set; }

    /// <summary>What the person may choose; the first is the normal path.</summary>
    public IReadOnlyList<string> Outcomes { get; set; } = [];

    /// <summary>The fields to fill in: [{name,label,type,required,outcomes,options}].</summary>
    public JsonNode? Form { get; set; }

    public SlaStep? SlaStep { get; set; }

    public DateTimeOffset OpenedAt { get; set; }

    /// <summary>Bureau-local due date, e.g. 2026-10-13.</summary>
    public DateOnly? DueDate { get; set; }

    /// <summary>The first instant that is late (UTC).</summary>
    public DateTimeOffset? DueAt { get; set; }

    /// <summary>The due date lies in a year without a published holiday notice; it may move.</summary>
    public bool DueIsProvisional { get; set; }

    /// <summary>Working days from today (bureau-local) to the due date; negative when overdue.</summary>
    public int? WorkingDaysLeft { get; set; }

    public bool Overdue { get; set; }

    /// <summary>None, Warning (yellow, 预警) or Overdue (red, 督办), as far as the escalation ladder has gone.</summary>
    public SlaAlertLevel AlertLevel { get; set; }

    /// <summary>催办 reminders sent since the due instant.</summary>
    public int RemindersSent { get; set; }

    /// <summary>When it went to the joint-meeting office for being unsolved after due.</summary>
    public DateTimeOffset? EscalatedAt { get; set; }

    /// <summary>The SLA clock stands still since then (waiting for the taxpayer); null when running.</summary>
    public DateTimeOffset? PausedAt { get; set; }

    public string? PauseReason { get; set; }

    public RequestTaskStatus Status { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public Guid? CompletedBy { get; set; }

    public string? Outcome { get; set; }

    public JsonNode? Data { get; set; }

    public long Version { get; set; }
}

/// <summary>The request behind an inbox row.</summary>
public sealed record TaskRequestDto(Guid Id, string Number, string TaxpayerName, string Type, string TypeName, string Status, string StatusName);

/// <summary>
/// One page of the inbox, the least working time left first. The total is counted up to 1,000 (or the end of the page asked
/// for): with more matches <c>totalCount</c> is 1,000 and <c>totalIsLowerBound</c> true ("1,000+").
/// </summary>
public sealed record TaskPageDto(IReadOnlyList<TaskDto> Items, int TotalCount, int Page, int PageSize, bool TotalIsLowerBound);

/// <summary>Body of <c>POST /api/tasks/{id}/complete</c>: <c>{"outcome":"Resolved","data":{"result":"已办结"}}</c>.</summary>
public sealed record CompleteTaskBody(string? Outcome, JsonObject? Data);

/// <summary>Body of <c>POST /api/tasks/{id}/pause</c>: <c>{"reason":"等待纳税人补充资料"}</c>.</summary>
public sealed record PauseTaskBody(string? Reason);

/// <summary>Body of <c>POST /api/tasks/{id}/transfer</c>: the unit it goes to and why.</summary>
public sealed record TransferTaskBody(Guid? Unit, string? Reason);

/// <summary>What a completion did: the task as completed, the request's status after it, and the tasks that opened.</summary>
public sealed record TaskCompletionDto(TaskDto Task, RequestDto Request, IReadOnlyList<TaskDto> OpenTasks);

/// <summary>One executed activity of the request's workflow.</summary>
public sealed record JournalEntryDto(
    long Sequence, string ActivityId, string? ActivityName, string ActivityType, string Status,
    IReadOnlyList<string> Outcomes, DateTimeOffset StartedAt, DateTimeOffset CompletedAt, Guid? ActorUserId, string? Message);
