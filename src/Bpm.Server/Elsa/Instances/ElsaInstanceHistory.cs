using System.Text.Json.Nodes;
using Bpm.Application.Workflows;
using Bpm.Engine.Model;
using Bpm.Engine.Runtime;

namespace Bpm.Server.Elsa.Instances;

/// <summary>
/// One instance's journal as Elsa's viewer wants it. Our journal has one entry per run of an activity with its start and
/// end; Elsa's has one record per event. So a human task that waited and was completed, journalled as
/// (Suspended 10:00–10:00) and (Completed 14:00–14:00, same activity instance), reads in Elsa as
/// Started 10:00, Suspended 10:00, Resumed 14:00, Completed 14:00, and as one execution: started 10:00, completed 14:00.
/// A cancelled activity is one <c>Canceled</c> event; a 转办 (<c>Transferred</c>) is one event with its reason as message.
/// </summary>
public sealed class ElsaInstanceHistory
{
    private const string Source = "Bpm.Engine";
    private readonly WorkflowState _state;
    private readonly IReadOnlyList<WorkflowJournalEntry> _entries;
    private readonly IReadOnlyDictionary<string, int> _typeVersions;

    /// <param name="state">the instance.</param>
    /// <param name="entries">its journal, oldest first.</param>
    /// <param name="definition">the exact version it runs on, for activity type versions (null → version 1).</param>
    public ElsaInstanceHistory(WorkflowState state, IReadOnlyList<WorkflowJournalEntry> entries, WorkflowDefinition? definition)
    {
        _state = state;
        _entries = entries;
        _typeVersions = TypeVersions(definition);
    }

    /// <summary>Every journal event, oldest first, numbered 0, 1, 2, … within the instance.</summary>
    public IReadOnlyList<ElsaExecutionLogRecord> LogRecords()
    {
        var records = new List<ElsaExecutionLogRecord>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in _entries)
        {
            if (IsExecution(entry) && entry.Status != nameof(ActivityStatus.Cancelled))
            {
                var resumed = !seen.Add(entry.ActivityInstanceId);
                records.Add(Log(entry, records.Count, resumed ? "Resumed" : "Started", entry.StartedAt, null, []));
            }

            var (eventName, payload) = entry.Status switch
            {
                nameof(ActivityStatus.Cancelled) => ("Canceled", new JsonObject()),
                nameof(ActivityStatus.Faulted) => ("Faulted", new JsonObject { ["message"] = entry.Message }),
                _ => (entry.Status, Payload(entry)),
            };
            records.Add(Log(entry, records.Count, eventName, entry.CompletedAt, entry.Message, payload));
        }

        return records;
    }

    /// <summary>Every activity execution (one per activity instance), by start.</summary>
    public IReadOnlyList<ElsaActivityExecutionRecord> Executions()
    {
        var faultsByNode = _state.Incidents.GroupBy(i => i.ActivityNodeId).ToDictionary(g => g.Key, g => new Queue<Incident>(g));
        return _entries.Where(IsExecution).GroupBy(e => e.ActivityInstanceId).Select(runs =>
        {
            var first = runs.First();
            var last = runs.Last();
            var status = last.Status switch
            {
                nameof(ActivityStatus.Suspended) => ElsaActivityStatus.Running,
                nameof(ActivityStatus.Faulted) => ElsaActivityStatus.Faulted,
                nameof(ActivityStatus.Cancelled) => ElsaActivityStatus.Canceled,
                _ => ElsaActivityStatus.Completed,
            };
            var faults = runs.Count(e => e.Status == nameof(ActivityStatus.Faulted));
            IncidentException? exception = null;
            if (status == ElsaActivityStatus.Faulted)
            {
                exception = faultsByNode.TryGetValue(last.ActivityNodeId, out var incidents) && incidents.TryDequeue(out var incident)
                    ? incident.Exception
                    : new IncidentException("System.Exception", last.Message ?? "", null, null);
            }

            return new ElsaActivityExecutionRecord(
                first.ActivityInstanceId, _state.InstanceId, first.ActivityId, first.ActivityNodeId, first.ActivityType, TypeVersion(first),
                first.ActivityName, [], Payload(last), [], [], [], exception, first.StartedAt, status == ElsaActivityStatus.Running, status, faults,
                status == ElsaActivityStatus.Running ? null : last.CompletedAt, null, null, null, 0);
        }).ToList();
    }

    /// <summary>Badge counts per activity node, as Elsa's report gives them; nodes that never ran are left out.</summary>
    /// <param name="activityNodeIds">the nodes asked for; null = all.</param>
    public IReadOnlyList<ElsaActivityExecutionStats> Stats(IReadOnlyCollection<string>? activityNodeIds) =>
        [.. Executions()
            .Where(e => activityNodeIds is null || activityNodeIds.Contains(e.ActivityNodeId))
            .GroupBy(e => e.ActivityNodeId)
            .Select(g => new ElsaActivityExecutionStats(
                g.First().ActivityId, g.Key, g.Count(), g.Count(e => e.CompletedAt is not null), g.Count(e => e.CompletedAt is null),
                g.Any(e => e.HasBookmarks), g.Any(e => e.Status == ElsaActivityStatus.Faulted), g.Last().AggregateFaultCount, []))];

    /// <summary>Runs of the engine (not 转办 notes, which record an action on a task).</summary>
    private static bool IsExecution(WorkflowJournalEntry entry) =>
        entry.Status is nameof(ActivityStatus.Completed) or nameof(ActivityStatus.Suspended) or nameof(ActivityStatus.Faulted) or nameof(ActivityStatus.Cancelled);

    private ElsaExecutionLogRecord Log(WorkflowJournalEntry entry, int sequence, string eventName, DateTimeOffset timestamp, string? message, JsonObject payload) =>
        new($"{entry.Sequence}.{sequence}", entry.ActivityInstanceId, null, entry.ActivityId, entry.ActivityType, TypeVersion(entry), entry.ActivityName,
            entry.ActivityNodeId, timestamp, sequence, eventName, message, Source, [], payload);

    /// <summary>What the run ended with: <c>{"outcomes": ["Resolved"], "actorUserId": "…"}</c> (each only when known).</summary>
    private static JsonObject Payload(WorkflowJournalEntry entry)
    {
        var payload = new JsonObject();
        if (entry.Outcomes.Count > 0)
        {
            payload["outcomes"] = new JsonArray([.. entry.Outcomes.Select(o => JsonValue.Create(o))]);
        }

        if (entry.ActorUserId is { } actor)
        {
            payload["actorUserId"] = actor.ToString();
        }

        return payload;
    }

    private int TypeVersion(WorkflowJournalEntry entry) => _typeVersions.TryGetValue(entry.ActivityId, out var version) ? version : 1;

    /// <summary>The type version of every activity of the definition by activity id, containers' children included.</summary>
    private static Dictionary<string, int> TypeVersions(WorkflowDefinition? definition)
    {
        var versions = new Dictionary<string, int>(StringComparer.Ordinal);
        var pending = new Stack<JsonNode?>([definition?.Root]);
        while (pending.TryPop(out var node))
        {
            if (node is JsonObject activity)
            {
                if (activity["id"] is JsonValue id && id.TryGetValue<string>(out var activityId) && activity["type"] is JsonValue)
                {
                    versions.TryAdd(activityId, new ActivityJson(activity).Version);
                }

                foreach (var (_, child) in activity)
                {
                    pending.Push(child);
                }
            }
            else if (node is JsonArray array)
            {
                foreach (var item in array)
                {
                    pending.Push(item);
                }
            }
        }

        return versions;
    }
}
