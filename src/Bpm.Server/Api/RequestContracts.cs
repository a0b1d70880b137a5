using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;

namespace Bpm.Server.Api;

/// <summary>
/// Body of <c>POST /api/requests</c>: the registration fields (domain.md, "A request"). Every field is
/// nullable so that a missing one is reported by name with the other broken rules, not as a JSON error.
/// Enums travel as names, e.g. <c>"channel": "Hotline12366"</c>.
/// </summary>
public sealed record RegisterRequestBody
{
    public string? TaxpayerName { get; init; }

    public string? Contact { get; init; }

    public string? Text { get; init; }

    public DateTimeOffset? ReceivedAt { get; init; }

    public Channel? Channel { get; init; }

    public string? CategoryCode { get; init; }

    /// <summary>Default: the signed-in user's unit.</summary>
    public Guid? ReceivingUnitId { get; init; }

    /// <summary>Default: the signed-in user's display name.</summary>
    public string? ReceivingOfficer { get; init; }

    public string? CreditCode { get; init; }

    public string? Industry { get; init; }

    public TaxpayerSize? Size { get; init; }

    public OperatingStatus? OperatingStatus { get; init; }

    /// <summary>Answered on the spot: the request is closed at registration.</summary>
    public string? OnTheSpotAnswer { get; init; }

    /// <summary>Default: the signed-in user's bureau; must lie in the user's subtree.</summary>
    public Guid? BureauId { get; init; }
}

/// <summary>A bureau as other resources name it.</summary>
public sealed record BureauRefDto
{
    public Guid Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";
}

/// <summary>A unit as other resources name it.</summary>
public sealed record UnitRefDto
{
    public Guid Id { get; set; }

    public string Code { get; set; } = "";

    public string Name { get; set; } = "";
}

/// <summary>One request as the API shows it; Chinese names beside the enum names for display.</summary>
public sealed record RequestDto
{
    public Guid Id { get; set; }

    /// <summary>e.g. XT-2026-000123.</summary>
    public string Number { get; set; } = "";

    public BureauRefDto Bureau { get; set; } = new();

    public RequestType Type { get; set; }

    /// <summary>e.g. 政策落实类.</summary>
    public string TypeName { get; set; } = "";

    public string CategoryCode { get; set; } = "";

    /// <summary>The category's name in the bureau's taxonomy, e.g. 系统技术类.</summary>
    public string? CategoryName { get; set; }

    public Channel Channel { get; set; }

    /// <summary>e.g. 12366纳税缴费服务热线.</summary>
    public string ChannelName { get; set; } = "";

    public string TaxpayerName { get; set; } = "";

    public string Contact { get; set; } = "";

    public string Text { get; set; } = "";

    public DateTimeOffset ReceivedAt { get; set; }

    public UnitRefDto? ReceivingUnit { get; set; }

    public string ReceivingOfficer { get; set; } = "";

    public string? CreditCode { get; set; }

    public string? Industry { get; set; }

    public TaxpayerSize? Size { get; set; }

    public OperatingStatus? OperatingStatus { get; set; }

    public RequestStatus Status { get; set; }

    /// <summary>e.g. 已登记, 已归档.</summary>
    public string StatusName { get; set; } = "";

    public DateTimeOffset RegisteredAt { get; set; }

    public DateTimeOffset StatusChangedAt { get; set; }

    public DateTimeOffset? ClosedAt { get; set; }

    public string? OnTheSpotAnswer { get; set; }

    /// <summary>Concurrency version: grows by one with every saved change.</summary>
    public long Version { get; set; }

    /// <summary>The workflow handling it, e.g. "policy" version 1; null for a request answered on the spot.</summary>
    public string? WorkflowDefinitionId { get; set; }

    public int? WorkflowDefinitionVersion { get; set; }

    public string? WorkflowInstanceId { get; set; }

    /// <summary>The deadlines of the open tasks (single request views only).</summary>
    public IReadOnlyList<DeadlineDto>? Deadlines { get; set; }

    /// <summary>Every task, oldest first (single request views only).</summary>
    public IReadOnlyList<TaskDto>? Tasks { get; set; }

    /// <summary>Every executed step with actor and time (single request views only).</summary>
    /// <summary>Every moved deadline: old → new due, cause (Extension, PauseResumed, CalendarChange, PolicyChange), reason, actor.</summary>
    public IReadOnlyList<DeadlineChangeDto>? DeadlineChanges { get; set; }

    /// <summary>The SLA timers of the request's tasks: pending ones and what became of the others (Applied, Skipped, Cancelled).</summary>
    public IReadOnlyList<TimerDto>? Timers { get; set; }

    public IReadOnlyList<JournalEntryDto>? Journal { get; set; }
}

/// <summary>An open task's deadline: e.g. 办理, Handling, due 2026-10-13 (UTC instant 2026-10-13T16:00:00Z).</summary>
public sealed record DeadlineDto(Guid TaskId, string Title, Bpm.Domain.Sla.SlaStep? SlaStep, DateOnly? DueDate, DateTimeOffset? DueAt, bool Provisional, bool Overdue);

/// <summary>
/// One page of <c>GET /api/requests</c>, newest receipt first. The total is counted up to 1,000 (or the end of the page asked
/// for): with more matches <c>totalCount</c> is 1,000 and <c>totalIsLowerBound</c> true ("1,000+").
/// </summary>
public sealed record RequestPageDto(IReadOnlyList<RequestDto> Items, int TotalCount, int Page, int PageSize, bool TotalIsLowerBound);

/// <summary>One audited deadline move.</summary>
public sealed record DeadlineChangeDto(
    Guid? TaskId, Bpm.Domain.Sla.SlaStep? Step, DateOnly? OldDueDate, DateTimeOffset? OldDueAt, DateOnly NewDueDate, DateTimeOffset NewDueAt,
    string Cause, string Reason, Guid? ActorUserId, DateTimeOffset At);

/// <summary>A timer of a task's escalation ladder (Warning, Overdue, Reminder n, JointMeeting) and its status.</summary>
public sealed record TimerDto(Guid Id, Guid? TaskId, string Kind, int Sequence, DateTimeOffset DueAt, string Status);
