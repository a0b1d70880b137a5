using Bpm.Engine.Metadata;

namespace Bpm.Engine.Runtime;

/// <summary>
/// Loops that can only run forever, refused at publish: a cycle of connections in which no activity waits (a human task,
/// a timer, an event, a delay, or a container holding one) and no activity has a way out (an outcome port that leaves
/// the cycle and does not also continue it). Example: Start → a → b → a with WriteLines is refused; a → review (human
/// task) → a is a re-handling loop and allowed; Decision "again?" True → a → Decision, False → End is allowed (it can
/// leave; the runner's step cap still stops it if the condition never turns false).
/// </summary>
public static class EndlessLoops
{
    private const string DelayType = "Elsa.Delay";

    public static IReadOnlyList<ValidationError> Find(WorkflowGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var errors = new List<ValidationError>();
        foreach (var cycle in Cycles(graph))
        {
            var members = cycle.ToHashSet(StringComparer.Ordinal);
            if (cycle.Any(id => Waits(graph, id)) || cycle.Any(id => CanLeave(graph, id, members)))
            {
                continue;
            }

            var path = string.Join(" → ", cycle.Append(cycle[0]));
            errors.Add(new ValidationError(cycle[0],
                $"循环 {path} 中没有等待的活动（人工任务、定时器、事件），也没有出口，会无限执行 (endless loop {path}: no activity in it waits and none leads out of it)"));
        }

        return errors;
    }

    /// <summary>Whether the activity suspends the run: a task or trigger kind (Bpm.HumanTask, Elsa.Event, Elsa.Timer…), Elsa.Delay, or a container of one.</summary>
    private static bool Waits(WorkflowGraph graph, string activityId) =>
        WaitsItself(graph.Nodes[activityId]) || graph.Descendants(activityId).Any(id => graph.Nodes.TryGetValue(id, out var node) && WaitsItself(node));

    private static bool WaitsItself(GraphNode node) =>
        node.Descriptor is { Kind: ActivityKind.Task or ActivityKind.Trigger } || node.Activity.Type == DelayType;

    /// <summary>An outbound connection leaves the cycle on a port none of the activity's connections inside the cycle uses.</summary>
    private static bool CanLeave(WorkflowGraph graph, string activityId, HashSet<string> members)
    {
        var outbound = graph.Outbound(activityId);
        var continuing = outbound.Where(c => members.Contains(c.TargetActivityId)).Select(c => c.SourcePort).ToHashSet(StringComparer.Ordinal);
        return outbound.Any(c => !members.Contains(c.TargetActivityId) && !continuing.Contains(c.SourcePort));
    }

    /// <summary>
    /// The strongly connected components with a cycle (two or more activities, or one connected to itself), each in
    /// connection order from its first member. Iterative Tarjan, so that a chain of 10,000 activities needs no deep stack.
    /// </summary>
    private static IEnumerable<List<string>> Cycles(WorkflowGraph graph)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var low = new Dictionary<string, int>(StringComparer.Ordinal);
        var onStack = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>();
        var next = 0;
        var components = new List<List<string>>();
        foreach (var root in graph.Nodes.Keys.Order(StringComparer.Ordinal))
        {
            if (index.ContainsKey(root))
            {
                continue;
            }

            var work = new Stack<(string Node, int Edge)>();
            work.Push((root, 0));
            index[root] = low[root] = next++;
            stack.Push(root);
            onStack.Add(root);
            while (work.Count > 0)
            {
                var (node, edge) = work.Pop();
                var targets = Targets(graph, node);
                if (edge < targets.Count)
                {
                    work.Push((node, edge + 1));
                    var target = targets[edge];
                    if (!index.ContainsKey(target))
                    {
                        index[target] = low[target] = next++;
                        stack.Push(target);
                        onStack.Add(target);
                        work.Push((target, 0));
                    }
                    else if (onStack.Contains(target))
                    {
                        low[node] = Math.Min(low[node], index[target]);
                    }

                    continue;
                }

                if (work.Count > 0)
                {
                    var parent = work.Peek().Node;
                    low[parent] = Math.Min(low[parent], low[node]);
                }

                if (low[node] != index[node])
                {
                    continue;
                }

                var component = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    onStack.Remove(member);
                    component.Add(member);
                }
                while (member != node);

                if (component.Count > 1 || Targets(graph, node).Contains(node))
                {
                    components.Add(InConnectionOrder(graph, component));
                }
            }
        }

        return components;
    }

    private static List<string> Targets(WorkflowGraph graph, string activityId) =>
        [.. graph.Outbound(activityId).Select(c => c.TargetActivityId).Where(graph.Nodes.ContainsKey).Distinct(StringComparer.Ordinal)];

    /// <summary>The component's members walked along its connections from the alphabetically first, e.g. a → b → c.</summary>
    private static List<string> InConnectionOrder(WorkflowGraph graph, List<string> component)
    {
        var members = component.ToHashSet(StringComparer.Ordinal);
        var ordered = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var current = component.Min(StringComparer.Ordinal)!;
        while (current is not null && seen.Add(current))
        {
            ordered.Add(current);
            current = graph.Outbound(current).Select(c => c.TargetActivityId).FirstOrDefault(t => members.Contains(t) && !seen.Contains(t));
        }

        ordered.AddRange(component.Where(c => !seen.Contains(c)).Order(StringComparer.Ordinal));
        return ordered;
    }
}
