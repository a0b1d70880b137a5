using System.Text.Json.Nodes;
using Bpm.Engine.Activities;
using Bpm.Engine.Model;

namespace Bpm.Engine.Runtime;

/// <summary>
/// Elsa's per-activity merge modes, read from <c>"customProperties": { "mergeMode": "Merge" }</c>. They apply only
/// to followed connections (Elsa's tokens): a "not taken" mark stops at such an activity, so when a token it needs
/// never comes it simply never runs, and the flowchart completes once nothing else is pending.
/// <list type="bullet">
/// <item>Merge: runs once every forward (non-loop) inbound connection was followed, e.g. fork → A, fork → decision
/// → (True) B, with A → C and B → C: when the decision goes False, C never runs.</item>
/// <item>Converge: as Merge, but loop-back connections count too, e.g. a C with inbound A → C and a loop D → C
/// waits for both.</item>
/// <item>Cascade: as Elsa's flowchart does it (not as its enum's comment says): the first followed arrival runs
/// the activity and the next arrival on each other inbound connection is swallowed, like Race but without
/// cancelling the other branches, e.g. fork → A, fork → B, A → C, B → C runs C once and lets B finish.</item>
/// <item>Race: runs on the first followed arrival, cancels work still open on the other inbound branches, and
/// ignores the next arrival on each of the other inbound connections, e.g. A → C, B → C: A arrives, C runs, B's
/// arrival is swallowed.</item>
/// </list>
/// With at most one connection to wait for, Merge and Converge run on every followed arrival (loops, sequences).
/// "None", "Stream" and unknown values, and FlowJoin (which has its own Mode), keep the default join rules.
/// </summary>
internal sealed partial class FlowchartExecution
{
    private static MergeMode? MergeModeOf(GraphNode node)
    {
        if (node.Activity.Type == FlowJoin.TypeName
            || node.Activity.CustomProperties?["mergeMode"] is not JsonValue value
            || !value.TryGetValue<string>(out var text)
            || Enum.GetNames<MergeMode>().FirstOrDefault(n => string.Equals(n, text, StringComparison.OrdinalIgnoreCase)) is not { } name)
        {
            return null;
        }

        return Enum.Parse<MergeMode>(name);
    }

    private void DeliverByMergeMode(Connection connection, bool followed, MergeMode mode)
    {
        if (!followed)
        {
            return;
        }

        var target = connection.TargetActivityId;
        switch (mode)
        {
            case MergeMode.Merge:
                WaitForAll(connection, graph.ForwardInbound(target));
                break;
            case MergeMode.Converge:
                WaitForAll(connection, graph.Inbound(target));
                break;
            case MergeMode.Cascade:
                Race(connection, cancelOthers: false);
                break;
            case MergeMode.Race:
                Race(connection, cancelOthers: true);
                break;
        }
    }

    /// <summary>
    /// Records the arrival (in PendingJoins, as true) and runs the target once every required connection has one,
    /// e.g. required A → C and B → C: A arrives (waits), B arrives (C runs, both arrivals are used up).
    /// </summary>
    private void WaitForAll(Connection connection, IReadOnlyList<Connection> required)
    {
        var target = connection.TargetActivityId;
        if (required.Count <= 1)
        {
            Schedule(target);
            return;
        }

        var arrivals = PendingArrivals(target);
        if (required.Contains(connection))
        {
            arrivals[connection.Key] = true;
        }

        if (required.All(c => arrivals.GetValueOrDefault(c.Key)))
        {
            state.PendingJoins.Remove(target);
            Schedule(target);
        }
    }

    /// <summary>
    /// First arrival wins: the target runs, the other inbound branches are cancelled, and each other forward
    /// inbound connection is blocked (in PendingJoins, as false) so its next arrival is swallowed, e.g. A → C and
    /// B → C: A arrives (C runs, B → C blocked), B arrives (block used up, C does not run again).
    /// </summary>
    private void Race(Connection connection, bool cancelOthers)
    {
        var target = connection.TargetActivityId;
        var arrivals = PendingArrivals(target);
        if (arrivals.TryGetValue(connection.Key, out var waiting) && !waiting)
        {
            arrivals.Remove(connection.Key);
            return;
        }

        if (cancelOthers)
        {
            CancelBranchesInto(target);
        }

        Schedule(target);
        foreach (var other in graph.ForwardInbound(target).Where(c => c.SourceActivityId != connection.SourceActivityId))
        {
            arrivals[other.Key] = false;
        }

        if (arrivals.Count == 0)
        {
            state.PendingJoins.Remove(target);
        }
    }

    private Dictionary<string, bool> PendingArrivals(string target)
    {
        if (!state.PendingJoins.TryGetValue(target, out var arrivals))
        {
            state.PendingJoins[target] = arrivals = [];
        }

        return arrivals;
    }

    /// <summary>The modes from Elsa's MergeMode enum that change scheduling (None and Stream mean the default).</summary>
    private enum MergeMode
    {
        Merge,
        Converge,
        Cascade,
        Race,
    }
}
