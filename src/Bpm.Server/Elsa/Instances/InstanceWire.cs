using System.Text.Json.Nodes;
using Bpm.Engine.Runtime;

namespace Bpm.Server.Elsa.Instances;

/// <summary>Elsa's <c>WorkflowInstanceModel</c>: the summary's fields plus the whole <see cref="ElsaWorkflowState"/>.</summary>
public sealed record ElsaWorkflowInstance(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    int Version,
    string? ParentWorkflowInstanceId,
    ElsaWorkflowState WorkflowState,
    WorkflowStatus Status,
    WorkflowSubStatus SubStatus,
    bool IsExecuting,
    string? CorrelationId,
    string? Name,
    int IncidentCount,
    bool IsSystem,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt);

/// <summary>
/// Elsa's <c>WorkflowState</c> as the viewer reads it: incidents (Incidents tab), input, output, bookmarks. Elsa's
/// execution-context tree and completion callbacks have no counterpart in our engine: always empty lists.
/// </summary>
public sealed record ElsaWorkflowState(
    string Id,
    string DefinitionId,
    string DefinitionVersionId,
    int DefinitionVersion,
    string? CorrelationId,
    string? Name,
    WorkflowStatus Status,
    WorkflowSubStatus SubStatus,
    IReadOnlyList<ElsaBookmark> Bookmarks,
    IReadOnlyList<Incident> Incidents,
    ElsaWorkflowFault? Fault,
    IReadOnlyList<JsonObject> CompletionCallbacks,
    IReadOnlyList<JsonObject> ActivityExecutionContexts,
    JsonObject Input,
    JsonObject Output,
    JsonObject Properties,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt);

/// <summary>Why a faulted instance stopped: the last incident, e.g. <c>{"exception": {...}, "message": "…", "faultedActivityId": "notify1"}</c>.</summary>
public sealed record ElsaWorkflowFault(IncidentException Exception, string Message, string? FaultedActivityId);

/// <summary>Elsa's <c>Bookmark</c>: <c>{id, name, hash, payload, activityNodeId, activityInstanceId, createdAt, autoBurn, callbackMethodName, metadata}</c>.</summary>
public sealed record ElsaBookmark(
    string Id,
    string Name,
    string Hash,
    JsonNode? Payload,
    string ActivityId,
    string ActivityNodeId,
    string ActivityInstanceId,
    DateTimeOffset CreatedAt,
    bool AutoBurn,
    string? CallbackMethodName,
    JsonObject Metadata);

/// <summary>
/// Elsa's <c>WorkflowExecutionLogRecord</c>, one journal event: <c>Started</c>, <c>Resumed</c>, <c>Suspended</c>,
/// <c>Completed</c>, <c>Faulted</c>, <c>Canceled</c>, and Bpm's own <c>Transferred</c> (转办, with its reason as message).
/// </summary>
public sealed record ElsaExecutionLogRecord(
    string Id,
    string ActivityInstanceId,
    string? ParentActivityInstanceId,
    string ActivityId,
    string ActivityType,
    int ActivityTypeVersion,
    string? ActivityName,
    string NodeId,
    DateTimeOffset Timestamp,
    long Sequence,
    string EventName,
    string? Message,
    string? Source,
    JsonObject ActivityState,
    JsonObject Payload);

/// <summary>The status of one activity execution, as Elsa names it.</summary>
public enum ElsaActivityStatus
{
    Pending,
    Running,
    Completed,
    Canceled,
    Faulted,
}

/// <summary>Elsa's <c>ActivityExecutionRecord</c>: one execution of an activity, from its start to its end (or still running).</summary>
public sealed record ElsaActivityExecutionRecord(
    string Id,
    string WorkflowInstanceId,
    string ActivityId,
    string ActivityNodeId,
    string ActivityType,
    int ActivityTypeVersion,
    string? ActivityName,
    JsonObject ActivityState,
    JsonObject Payload,
    JsonObject Outputs,
    JsonObject Properties,
    JsonObject Metadata,
    IncidentException? Exception,
    DateTimeOffset StartedAt,
    bool HasBookmarks,
    ElsaActivityStatus Status,
    int AggregateFaultCount,
    DateTimeOffset? CompletedAt,
    string? SchedulingActivityExecutionId,
    string? SchedulingActivityId,
    string? SchedulingWorkflowInstanceId,
    int CallStackDepth)
{
    public ElsaActivityExecutionSummary ToSummary() =>
        new(Id, WorkflowInstanceId, ActivityId, ActivityNodeId, ActivityType, ActivityTypeVersion, ActivityName, StartedAt, HasBookmarks, Status, Metadata, CompletedAt);
}

/// <summary>Elsa's <c>ActivityExecutionRecordSummary</c>, the Executions tab's rows.</summary>
public sealed record ElsaActivityExecutionSummary(
    string Id,
    string WorkflowInstanceId,
    string ActivityId,
    string ActivityNodeId,
    string ActivityType,
    int ActivityTypeVersion,
    string? ActivityName,
    DateTimeOffset StartedAt,
    bool HasBookmarks,
    ElsaActivityStatus Status,
    JsonObject Metadata,
    DateTimeOffset? CompletedAt);

/// <summary>The badge of one activity on the viewer's diagram: green = completed, amber = blocked, red = faulted.</summary>
public sealed record ElsaActivityExecutionStats(
    string ActivityId,
    string ActivityNodeId,
    long StartedCount,
    long CompletedCount,
    long UncompletedCount,
    bool IsBlocked,
    bool IsFaulted,
    int AggregateFaultCount,
    JsonObject Metadata);

public sealed record ElsaActivityExecutionReport(IReadOnlyList<ElsaActivityExecutionStats> Stats);

/// <summary>
/// What the viewer polls while an instance runs. Elsa's server writes <c>subStatus</c>, its client reads
/// <c>workflowSubStatus</c>: both are sent.
/// </summary>
public sealed record ElsaExecutionState(WorkflowStatus Status, WorkflowSubStatus SubStatus, WorkflowSubStatus WorkflowSubStatus, DateTimeOffset UpdatedAt);

/// <summary>A workflow variable's current value: <c>{"id": "v1", "name": "leadUnitId", "value": "…"}</c>.</summary>
public sealed record ElsaResolvedVariable(string Id, string Name, JsonNode? Value);

/// <summary>The call-stack tab: the execution and those that scheduled it (ours has no scheduling chain, so just the execution).</summary>
public sealed record ElsaCallStack(string ActivityExecutionId, IReadOnlyList<ElsaActivityExecutionRecord> Items, long TotalCount);
