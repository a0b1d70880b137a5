using Bpm.Engine.Metadata;
using Bpm.Engine.Model;

namespace Bpm.Engine.Runtime;

/// <summary>
/// One activity of the compiled workflow and the registered type that runs it; <see cref="ParentId"/> names the
/// container it is embedded in (null at the root), e.g. "check" for the "then" activity of If "check".
/// </summary>
public sealed record GraphNode(ActivityJson Activity, ActivityDescriptor? Descriptor, string? ParentId = null);

/// <summary>
/// A definition compiled for running: nodes by id, connections, the start activity, and which connections
/// go back to an earlier activity (loops). Built by <see cref="WorkflowGraphCompiler"/>; check <see cref="Errors"/>.
/// </summary>
public sealed class WorkflowGraph
{
    private readonly Dictionary<string, List<Connection>> outbound;
    private readonly Dictionary<string, List<Connection>> inbound;
    private readonly Dictionary<string, List<Connection>> forwardInbound;
    private readonly HashSet<Connection> backward;
    private readonly Dictionary<string, HashSet<string>> descendants = new(StringComparer.Ordinal);

    internal WorkflowGraph(
        WorkflowDefinition definition,
        IReadOnlyDictionary<string, GraphNode> nodes,
        IReadOnlyList<Connection> connections,
        string? startActivityId,
        IReadOnlyList<VariableDefinition> variables,
        IReadOnlyList<ValidationError> errors,
        IReadOnlyDictionary<string, IReadOnlyList<string>>? scopeStarts = null,
        IReadOnlySet<string>? sequential = null)
    {
        ScopeStarts = scopeStarts ?? new Dictionary<string, IReadOnlyList<string>>();
        Sequential = sequential ?? new HashSet<string>();
        foreach (var node in nodes.Values)
        {
            for (var parent = node.ParentId; parent is not null; parent = nodes.GetValueOrDefault(parent)?.ParentId)
            {
                if (!descendants.TryGetValue(parent, out var set))
                {
                    descendants[parent] = set = new HashSet<string>(StringComparer.Ordinal);
                }

                set.Add(node.Activity.Id);
            }
        }

        Definition = definition;
        Nodes = nodes;
        Connections = connections;
        StartActivityId = startActivityId;
        Variables = variables;
        Errors = errors;
        backward = FindBackwardConnections(nodes.Keys, connections, startActivityId);
        outbound = connections.GroupBy(c => c.SourceActivityId).ToDictionary(g => g.Key, g => g.ToList());
        inbound = connections.GroupBy(c => c.TargetActivityId).ToDictionary(g => g.Key, g => g.ToList());
        forwardInbound = connections.Where(c => !backward.Contains(c)).GroupBy(c => c.TargetActivityId).ToDictionary(g => g.Key, g => g.ToList());
    }

    public WorkflowDefinition Definition { get; }
    public IReadOnlyDictionary<string, GraphNode> Nodes { get; }
    public IReadOnlyList<Connection> Connections { get; }
    public string? StartActivityId { get; }

    /// <summary>The definition's variables plus those declared on the root flowchart.</summary>
    public IReadOnlyList<VariableDefinition> Variables { get; }

    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>
    /// Containers the runner walks itself (Flowchart, Sequence, FlowNode with a body), with the activity each starts
    /// at, e.g. a nested flowchart "inner" → ["first"]; empty when it has none (it completes at once).
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> ScopeStarts { get; }

    /// <summary>Activities in a Sequence: the next one runs whatever outcome they complete with (a FlowDecision's True too).</summary>
    public IReadOnlySet<string> Sequential { get; }

    /// <summary>Every activity embedded (at any depth) in the given container, e.g. If "check" → its then/else and theirs.</summary>
    public IReadOnlySet<string> Descendants(string activityId) =>
        descendants.TryGetValue(activityId, out var set) ? set : (IReadOnlySet<string>)new HashSet<string>();
    public bool IsValid => Errors.Count == 0;

    /// <summary>From options.incidentStrategyType: keep running after a fault only with "ContinueWithIncidents…".</summary>
    public bool ContinueOnIncidents =>
        Definition.Options?["incidentStrategyType"]?.GetValue<string>() is { } s && s.Contains("ContinueWithIncidents", StringComparison.Ordinal);

    public IReadOnlyList<Connection> Outbound(string activityId) => outbound.GetValueOrDefault(activityId) ?? [];

    /// <summary>All inbound connections, loop-backs included: those a mergeMode "Converge" activity waits for.</summary>
    public IReadOnlyList<Connection> Inbound(string activityId) => inbound.GetValueOrDefault(activityId) ?? [];

    /// <summary>Inbound connections that are not loop-backs: those a join waits for.</summary>
    public IReadOnlyList<Connection> ForwardInbound(string activityId) => forwardInbound.GetValueOrDefault(activityId) ?? [];

    /// <summary>True for a connection back to an activity on the path that led here (a loop), e.g. decide → write in a counter loop.</summary>
    public bool IsBackward(Connection connection) => backward.Contains(connection);

    /// <summary>Activities from which the given one can be reached without going round a loop.</summary>
    public IReadOnlySet<string> ForwardAncestors(string activityId)
    {
        var found = new HashSet<string>();
        var pending = new Stack<string>([activityId]);
        while (pending.TryPop(out var current))
        {
            foreach (var connection in ForwardInbound(current))
            {
                if (found.Add(connection.SourceActivityId))
                {
                    pending.Push(connection.SourceActivityId);
                }
            }
        }

        return found;
    }

    /// <summary>Depth-first from the start (then from any unvisited activity): an edge to an activity still on the stack closes a loop.</summary>
    private static HashSet<Connection> FindBackwardConnections(IEnumerable<string> nodeIds, IReadOnlyList<Connection> connections, string? startId)
    {
        var bySource = connections.GroupBy(c => c.SourceActivityId).ToDictionary(g => g.Key, g => g.ToList());
        var result = new HashSet<Connection>();
        var state = new Dictionary<string, int>(); // 1 = on stack, 2 = done
        var roots = (startId is null ? [] : new[] { startId }).Concat(nodeIds);
        foreach (var root in roots)
        {
            if (state.ContainsKey(root))
            {
                continue;
            }

            var stack = new Stack<(string Node, int Next)>();
            stack.Push((root, 0));
            state[root] = 1;
            while (stack.TryPop(out var frame))
            {
                var edges = bySource.GetValueOrDefault(frame.Node) ?? [];
                if (frame.Next >= edges.Count)
                {
                    state[frame.Node] = 2;
                    continue;
                }

                stack.Push((frame.Node, frame.Next + 1));
                var edge = edges[frame.Next];
                switch (state.GetValueOrDefault(edge.TargetActivityId))
                {
                    case 1:
                        result.Add(edge);
                        break;
                    case 0:
                        state[edge.TargetActivityId] = 1;
                        stack.Push((edge.TargetActivityId, 0));
                        break;
                }
            }
        }

        return result;
    }
}
