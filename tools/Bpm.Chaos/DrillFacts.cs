namespace Bpm.Chaos;

/// <summary>A row of TaxpayerRequests; <see cref="Text"/> carries the drill's marker.</summary>
public sealed record StoredRequest(Guid Id, string Number, string Text);

/// <summary>A row of RequestTasks.</summary>
public sealed record StoredTask(
    Guid Id, Guid RequestId, string WorkflowInstanceId, string ActivityId, string ActivityType, string BookmarkId, string Status,
    DateTimeOffset OpenedAt, DateTimeOffset? CompletedAt);

/// <summary>A row of WorkflowJournal: one executed activity, or one applied escalation rung (ActivityType Bpm.Sla).</summary>
public sealed record StoredJournalEntry(
    Guid RequestId, string WorkflowInstanceId, string ActivityInstanceId, string ActivityId, string ActivityType, string Status);

/// <summary>A row of DueTimers.</summary>
public sealed record StoredTimer(Guid Id, string Kind, int Sequence, Guid? TaskId, string Status, DateTimeOffset DueAt);

/// <summary>A row of WorkflowInstances.</summary>
public sealed record StoredInstance(string Id, string Status);

/// <summary>What the server stored, read at <see cref="ReadAt"/> (the database's clock) after the drill settled.</summary>
public sealed record DrillFacts(
    IReadOnlyList<StoredRequest> Requests,
    IReadOnlyList<StoredTask> Tasks,
    IReadOnlyList<StoredJournalEntry> Journal,
    IReadOnlyList<StoredTimer> Timers,
    IReadOnlyList<StoredInstance> Instances,
    DateTimeOffset ReadAt);
