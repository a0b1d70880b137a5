using Bpm.Engine.Runtime;

namespace Bpm.Persistence.Workflows;

/// <summary>
/// One version of a workflow definition: the whole Elsa JSON as the designer saved it (<see cref="Json"/>, the
/// source of truth, unknown properties included) plus copies of the fields the stores query on.
/// </summary>
internal sealed class WorkflowDefinitionRecord
{
    public string Id { get; set; } = "";

    public string DefinitionId { get; set; } = "";

    public int Version { get; set; }

    public bool IsLatest { get; set; }

    public bool IsPublished { get; set; }

    public string? Name { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string Json { get; set; } = "{}";
}

/// <summary>
/// A workflow instance: its <see cref="WorkflowState"/> as JSON plus the columns lists filter on, and
/// <see cref="Version"/>, the optimistic concurrency token (1 on insert, bumped by BpmDbContext on every
/// update). The engine's state has no version of its own; see EfWorkflowInstanceStore for how the token is kept.
/// </summary>
internal sealed class WorkflowInstanceRecord
{
    public string Id { get; set; } = "";

    public string DefinitionId { get; set; } = "";

    public string DefinitionVersionId { get; set; } = "";

    public int DefinitionVersion { get; set; }

    /// <summary>The instance's own name (Elsa.SetName), e.g. "Objection of 91310000MA1FL8XQ30"; null when no activity set one.</summary>
    public string? Name { get; set; }

    /// <summary>The business key set by Elsa.Correlate, e.g. "R-2024-000123"; null when none was set.</summary>
    public string? CorrelationId { get; set; }

    /// <summary>How many activities faulted (<see cref="WorkflowState.Incidents"/>), so lists can filter "has incidents".</summary>
    public int IncidentCount { get; set; }

    public WorkflowStatus Status { get; set; }

    public WorkflowSubStatus SubStatus { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public DateTimeOffset? FinishedAt { get; set; }

    public string StateJson { get; set; } = "{}";

    public long Version { get; set; }
}

/// <summary>A bookmark an instance waits on; stimuli find it by (Name, Hash).</summary>
internal sealed class BookmarkRecord
{
    public string Id { get; set; } = "";

    public string WorkflowInstanceId { get; set; } = "";

    public string Name { get; set; } = "";

    public string Hash { get; set; } = "";

    public string ActivityId { get; set; } = "";

    public string ActivityNodeId { get; set; } = "";

    public string ActivityInstanceId { get; set; } = "";

    public string ActivityType { get; set; } = "";

    public string? PayloadJson { get; set; }

    public bool AutoBurn { get; set; } = true;

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset? ResumeAt { get; set; }
}

/// <summary>One line of a request's workflow journal; <see cref="Sequence"/> is assigned by the database.</summary>
internal sealed class WorkflowJournalRecord
{
    public long Sequence { get; set; }

    public Guid RequestId { get; set; }

    public string WorkflowInstanceId { get; set; } = "";

    public string ActivityInstanceId { get; set; } = "";

    public string ActivityId { get; set; } = "";

    public string ActivityNodeId { get; set; } = "";

    public string ActivityType { get; set; } = "";

    public string? ActivityName { get; set; }

    public string Status { get; set; } = "";

    public List<string> Outcomes { get; set; } = [];

    public DateTimeOffset StartedAt { get; set; }

    public DateTimeOffset CompletedAt { get; set; }

    public Guid? ActorUserId { get; set; }

    public string? Message { get; set; }
}
