namespace Bpm.Application.Workflows;

/// <summary>The journal of every executed activity of a request's workflow, with who did it and when.</summary>
public interface IWorkflowJournalStore
{
    Task AppendAsync(IReadOnlyCollection<WorkflowJournalEntry> entries, CancellationToken cancellationToken);

    /// <summary>Oldest first, in the order they were appended.</summary>
    Task<IReadOnlyList<WorkflowJournalEntry>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>The entries of one workflow instance, oldest first (the designer's instance viewer reads these).</summary>
    Task<IReadOnlyList<WorkflowJournalEntry>> ListByInstanceAsync(string workflowInstanceId, CancellationToken cancellationToken);

    /// <summary>The workflow instance an activity execution ran in, e.g. "4f1c…" for activity instance "9a0e3b7c5d2f4a61"; null if none.</summary>
    Task<string?> FindInstanceOfActivityAsync(string activityInstanceId, CancellationToken cancellationToken);
}

/// <summary>
/// One executed activity, e.g. (办理, Bpm.HumanTask, Completed, outcome Resolved, by xt.handler at 2026-10-08T02:13Z).
/// <see cref="Sequence"/> orders entries of one request; the store assigns it.
/// </summary>
public sealed record WorkflowJournalEntry(
    Guid RequestId,
    string WorkflowInstanceId,
    string ActivityInstanceId,
    string ActivityId,
    string ActivityNodeId,
    string ActivityType,
    string? ActivityName,
    string Status,
    IReadOnlyList<string> Outcomes,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    Guid? ActorUserId,
    string? Message,
    long Sequence = 0);
