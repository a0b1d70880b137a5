namespace Bpm.Engine.Runtime;

/// <summary>
/// One journal entry: an activity execution (or resume) and how it ended. A loop that runs WriteLine
/// three times produces three records with three different <see cref="ActivityInstanceId"/>s.
/// </summary>
public sealed record ActivityExecutionRecord(
    string ActivityInstanceId,
    string ActivityId,
    string ActivityNodeId,
    string ActivityType,
    ActivityStatus Status,
    IReadOnlyList<string> Outcomes,
    DateTimeOffset StartedAt,
    DateTimeOffset CompletedAt,
    string? Message = null);
