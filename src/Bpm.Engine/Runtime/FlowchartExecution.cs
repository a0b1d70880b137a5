using System.Text.Json;
using System.Text.Json.Nodes;
using Bpm.Engine.Activities;
using Bpm.Engine.Expressions;
using Bpm.Engine.Metadata;
using Bpm.Engine.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Engine.Runtime;

/// <summary>
/// One run over a flowchart. Scheduling rules:
/// <list type="bullet">
/// <item>An activity completing with outcomes follows the connections whose source port is one of them; each
/// other outbound connection carries a "not taken" mark, so a merge further down knows that path is dead.</item>
/// <item>An activity with one inbound connection runs when it is followed and is skipped (passing "not taken"
/// on) when it is not.</item>
/// <item>An activity with several inbound connections (an implicit merge, or FlowJoin WaitAll) runs once every
/// inbound connection has been reached and at least one was followed; if none was followed it is skipped.</item>
/// <item>FlowJoin WaitAny runs on the first followed arrival and cancels work still open on the other inbound
/// branches (their bookmarks and queued activities).</item>
/// <item>A connection back to an earlier activity (a loop) schedules its target directly, as a new execution.</item>
/// <item>A container with embedded children (an If with then/else, a nested Flowchart or Sequence, a Switch with case
/// activities, a Fork with branch activities, a FlowNode with a body) runs its children and is kept open in
/// <see cref="WorkflowState.OpenContainers"/>; once nothing inside it is left (Fork WaitAny: at its first branch) it
/// completes with "Done" and its own connections are followed, e.g. If → then: RunTask, and If → (Done) WriteLine
/// writes after the task completes, even after a suspend and resume.</item>
/// <item>An activity with an explicit <c>customProperties.mergeMode</c> (Merge, Converge, Cascade, Race) follows
/// Elsa's token rules instead; see FlowchartExecution.MergeModes.cs.</item>
/// </list>
/// </summary>
internal sealed partial class FlowchartExecution
{
    private readonly WorkflowGraph graph;
    private readonly WorkflowState state;
    private readonly IReadOnlyList<Bookmark> bookmarksBefore;
    private readonly IServiceProvider services;
    private readonly TimeProvider time;
    private readonly IIdGenerator ids;
    private readonly CancellationToken cancellationToken;
    private readonly VariableScope scope;
    private readonly LinkedList<string> queue = new();
    private readonly List<ActivityExecutionRecord> journal = [];

    public FlowchartExecution(WorkflowGraph graph, WorkflowState state, IReadOnlyList<Bookmark> bookmarksBefore, IServiceProvider services,
        TimeProvider time, IIdGenerator ids, CancellationToken cancellationToken)
    {
        this.graph = graph;
        this.state = state;
        this.bookmarksBefore = bookmarksBefore;
        this.services = services;
        this.time = time;
        this.ids = ids;
        this.cancellationToken = cancellationToken;
        scope = new VariableScope(state, graph.Variables, DeclaredInputNames(graph.Definition), DeclaredNames(graph.Definition.Outputs));
    }

    private bool IsFinished => state.Status == WorkflowStatus.Finished;

    public void Initialize() => scope.Initialize();

    public void Schedule(string activityId) => queue.AddLast(activityId);

    public async Task RunAsync(int maxSteps)
    {
        var steps = 0;
        while (!IsFinished && queue.First is { } next)
        {
            cancellationToken.ThrowIfCancellationRequested();
            queue.RemoveFirst();
            if (++steps > maxSteps)
            {
                var node = graph.Nodes[next.Value];
                Fault(node.Activity, ids.NewId(), time.GetUtcNow(),
                    new InvalidOperationException($"More than {maxSteps} steps in one run: is there a loop without a wait?"), forceStop: true);
                break;
            }

            await ExecuteAsync(next.Value);
        }

        if (!IsFinished)
        {
            state.SubStatus = state.Bookmarks.Count > 0 ? WorkflowSubStatus.Suspended : WorkflowSubStatus.Finished;
            if (state.SubStatus == WorkflowSubStatus.Finished)
            {
                state.Status = WorkflowStatus.Finished;
                state.FinishedAt = time.GetUtcNow();
            }
        }

        state.UpdatedAt = time.GetUtcNow();
    }

    public async Task ResumeAsync(Bookmark bookmark, JsonNode? resumeInput)
    {
        var node = graph.Nodes[bookmark.ActivityId];
        var startedAt = time.GetUtcNow();
        var activity = Create(node);
        var context = NewContext(node, bookmark.ActivityInstanceId, isTrigger: false, bookmark, resumeInput);
        ActivityResult result;
        try
        {
            AssignInputs(activity, node);
            result = await activity.OnResumeAsync(context);
        }
        catch (ResumeRejectedException)
        {
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Fault(node.Activity, bookmark.ActivityInstanceId, startedAt, e);
            return;
        }

        if (bookmark.AutoBurn)
        {
            state.Bookmarks.RemoveAll(b => b.Id == bookmark.Id);
        }

        Apply(node, activity, bookmark.ActivityInstanceId, startedAt, result);
    }

    private async Task ExecuteAsync(string activityId)
    {
        var node = graph.Nodes[activityId];
        var instanceId = ids.NewId();
        var startedAt = time.GetUtcNow();
        if (graph.ScopeStarts.TryGetValue(activityId, out var starts))
        {
            Apply(node, null, instanceId, startedAt, ActivityResult.ScheduleChildren(starts));
            return;
        }

        ActivityResult result;
        Activity activity;
        try
        {
            activity = Create(node);
            AssignInputs(activity, node);
            var isTrigger = activityId == graph.StartActivityId && node.Activity.CanStartWorkflow && journal.Count == 0 && bookmarksBefore.Count == 0;
            result = await activity.ExecuteAsync(NewContext(node, instanceId, isTrigger, null, null));
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Fault(node.Activity, instanceId, startedAt, e);
            return;
        }

        Apply(node, activity, instanceId, startedAt, result);
    }

    private void Apply(GraphNode node, Activity? activity, string instanceId, DateTimeOffset startedAt, ActivityResult result)
    {
        var a = node.Activity;
        if (activity is not null)
        {
            WriteOutputs(activity, node, onlySet: result.Kind is ActivityResultKind.Suspended or ActivityResultKind.ScheduleChildren);
        }

        switch (result.Kind)
        {
            case ActivityResultKind.Suspended:
                state.Bookmarks.AddRange(result.Bookmarks);
                if (state.ActiveActivities.All(x => x.ActivityInstanceId != instanceId))
                {
                    state.ActiveActivities.Add(new ActivityInstance(instanceId, a.Id, a.NodeId, a.Type));
                }

                Record(a, instanceId, ActivityStatus.Suspended, [], startedAt);
                break;
            case ActivityResultKind.FinishWorkflow:
                CloseInstance(instanceId);
                Record(a, instanceId, ActivityStatus.Completed, [], startedAt);
                CancelEverything();
                state.Outcomes = result.Outcomes.ToList();
                state.Status = WorkflowStatus.Finished;
                state.SubStatus = WorkflowSubStatus.Finished;
                state.FinishedAt = time.GetUtcNow();
                break;
            case ActivityResultKind.ScheduleChildren:
                state.OpenContainers[a.Id] = new OpenContainer(instanceId, result.Completion, startedAt);
                foreach (var child in result.Children.Where(graph.Nodes.ContainsKey))
                {
                    Schedule(child);
                }

                break;
            default:
                Completed(node, instanceId, startedAt, result.Outcomes);
                break;
        }
    }

    /// <summary>
    /// The activity completed: follow its outbound connections (all of them inside a Sequence), then tell its
    /// container, which completes in turn once nothing inside it is left (or at its first child, in Any mode),
    /// e.g. the last WriteLine of an If's then-Sequence completes the Sequence, which completes the If.
    /// </summary>
    private void Completed(GraphNode node, string instanceId, DateTimeOffset startedAt, IReadOnlyList<string> outcomes)
    {
        var a = node.Activity;
        CloseInstance(instanceId);
        Record(a, instanceId, ActivityStatus.Completed, outcomes, startedAt);
        var followAll = graph.Sequential.Contains(a.Id);
        foreach (var connection in graph.Outbound(a.Id))
        {
            Deliver(connection, followAll || outcomes.Contains(connection.SourcePort, StringComparer.Ordinal));
        }

        if (node.ParentId is { } parentId && !IsFinished && state.OpenContainers.TryGetValue(parentId, out var open)
            && (open.Completion == ChildCompletion.Any || !HasWorkWithin(parentId)))
        {
            state.OpenContainers.Remove(parentId);
            CancelWithin(graph.Descendants(parentId));
            Completed(graph.Nodes[parentId], open.ActivityInstanceId, open.StartedAt, [Outcomes.Done]);
        }
    }

    /// <summary>Whether anything inside the container is queued, waiting on a bookmark, or itself a container still open.</summary>
    private bool HasWorkWithin(string containerId)
    {
        var inside = graph.Descendants(containerId);
        return queue.Any(inside.Contains) || state.ActiveActivities.Any(x => inside.Contains(x.ActivityId)) || state.OpenContainers.Keys.Any(inside.Contains);
    }

    /// <summary>Passes control (or a "not taken" mark) along one connection; see the class summary for the rules.</summary>
    private void Deliver(Connection connection, bool followed)
    {
        var target = connection.TargetActivityId;
        if (MergeModeOf(graph.Nodes[target]) is { } mergeMode)
        {
            DeliverByMergeMode(connection, followed, mergeMode);
            return;
        }

        if (graph.IsBackward(connection))
        {
            if (followed)
            {
                Schedule(target);
            }

            return;
        }

        var inbound = graph.ForwardInbound(target);
        var joinMode = JoinModeOf(graph.Nodes[target]);
        if (inbound.Count <= 1 && joinMode is null)
        {
            if (followed)
            {
                Schedule(target);
            }
            else
            {
                Skip(target);
            }

            return;
        }

        if (!state.PendingJoins.TryGetValue(target, out var arrivals))
        {
            state.PendingJoins[target] = arrivals = [];
        }

        arrivals[connection.Key] = followed;
        var allReached = inbound.All(c => arrivals.ContainsKey(c.Key));
        if (joinMode == FlowJoinMode.WaitAny && followed)
        {
            state.PendingJoins.Remove(target);
            CancelBranchesInto(target);
            Schedule(target);
        }
        else if (allReached)
        {
            state.PendingJoins.Remove(target);
            if (arrivals.Values.Any(f => f))
            {
                Schedule(target);
            }
            else
            {
                Skip(target);
            }
        }
    }

    /// <summary>An activity on a path not taken: it does not run, and its outbound connections are marked not taken.</summary>
    private void Skip(string activityId)
    {
        foreach (var connection in graph.Outbound(activityId))
        {
            Deliver(connection, followed: false);
        }
    }

    /// <summary>WaitAny fired: cancel the open activities and queued work on the other branches leading into the join (and inside them).</summary>
    private void CancelBranchesInto(string joinId)
    {
        var ancestors = graph.ForwardAncestors(joinId);
        var doomed = new HashSet<string>(ancestors, StringComparer.Ordinal);
        foreach (var ancestor in ancestors)
        {
            doomed.UnionWith(graph.Descendants(ancestor));
        }

        CancelWithin(doomed);
    }

    /// <summary>Cancels queued work, open activities, open containers and pending joins of the given activities.</summary>
    private void CancelWithin(IReadOnlySet<string> activityIds)
    {
        for (var item = queue.First; item is not null;)
        {
            var next = item.Next;
            if (activityIds.Contains(item.Value))
            {
                queue.Remove(item);
            }

            item = next;
        }

        foreach (var open in state.ActiveActivities.Where(x => activityIds.Contains(x.ActivityId)).ToList())
        {
            Cancel(open);
        }

        foreach (var (containerId, open) in state.OpenContainers.Where(x => activityIds.Contains(x.Key)).ToList())
        {
            state.OpenContainers.Remove(containerId);
            var a = graph.Nodes[containerId].Activity;
            journal.Add(new ActivityExecutionRecord(open.ActivityInstanceId, a.Id, a.NodeId, a.Type, ActivityStatus.Cancelled, [], open.StartedAt, time.GetUtcNow()));
        }

        foreach (var id in activityIds)
        {
            state.PendingJoins.Remove(id);
        }
    }

    /// <summary>Stops the instance for good: every waiting activity is journalled as cancelled, every bookmark dropped.</summary>
    public void CancelInstance()
    {
        CancelEverything();
        var now = time.GetUtcNow();
        state.Status = WorkflowStatus.Finished;
        state.SubStatus = WorkflowSubStatus.Cancelled;
        state.FinishedAt = now;
        state.UpdatedAt = now;
    }

    private void CancelEverything()
    {
        queue.Clear();
        state.PendingJoins.Clear();
        state.OpenContainers.Clear();
        foreach (var open in state.ActiveActivities.ToList())
        {
            Cancel(open);
        }

        state.Bookmarks.Clear();
    }

    private void Cancel(ActivityInstance open)
    {
        state.Bookmarks.RemoveAll(b => b.ActivityInstanceId == open.ActivityInstanceId);
        state.ActiveActivities.Remove(open);
        var now = time.GetUtcNow();
        journal.Add(new ActivityExecutionRecord(open.ActivityInstanceId, open.ActivityId, open.ActivityNodeId, open.ActivityType,
            ActivityStatus.Cancelled, [], now, now));
    }

    /// <summary>The activity execution is over: drop it and any other bookmark it still had (e.g. a timeout next to an event).</summary>
    private void CloseInstance(string instanceId)
    {
        state.ActiveActivities.RemoveAll(x => x.ActivityInstanceId == instanceId);
        state.Bookmarks.RemoveAll(b => b.ActivityInstanceId == instanceId);
    }

    private void Fault(ActivityJson activity, string instanceId, DateTimeOffset startedAt, Exception exception, bool forceStop = false)
    {
        CloseInstance(instanceId);
        var now = time.GetUtcNow();
        state.Incidents.Add(new Incident(activity.Id, activity.NodeId, activity.Type, exception.Message, IncidentException.From(exception), now));
        Record(activity, instanceId, ActivityStatus.Faulted, [], startedAt, exception.Message);
        if (forceStop || !graph.ContinueOnIncidents)
        {
            CancelEverything();
            state.Status = WorkflowStatus.Finished;
            state.SubStatus = WorkflowSubStatus.Faulted;
            state.FinishedAt = now;
        }
    }

    private void Record(ActivityJson a, string instanceId, ActivityStatus status, IReadOnlyList<string> outcomes, DateTimeOffset startedAt, string? message = null) =>
        journal.Add(new ActivityExecutionRecord(instanceId, a.Id, a.NodeId, a.Type, status, outcomes, startedAt, time.GetUtcNow(), message));

    private Activity Create(GraphNode node) =>
        (Activity)ActivatorUtilities.CreateInstance(services, node.Descriptor!.ClrType);

    private ActivityExecutionContext NewContext(GraphNode node, string instanceId, bool isTrigger, Bookmark? bookmark, JsonNode? resumeInput) =>
        new(state.InstanceId, node.Activity, instanceId, scope, state, time, ids.NewId, isTrigger, bookmark, resumeInput, cancellationToken);

    /// <summary>Evaluates each input from the definition (or its declared default) into the activity's [Input] property.</summary>
    private void AssignInputs(Activity activity, GraphNode node)
    {
        foreach (var input in node.Descriptor!.Inputs)
        {
            var type = input.Property.PropertyType;
            object? value;
            try
            {
                if (input.IsWrapped)
                {
                    var expression = node.Activity.InputExpression(input.Name);
                    if (expression is null)
                    {
                        if (input.DefaultValue is null)
                        {
                            continue;
                        }

                        value = ValueConverter.Convert(input.DefaultValue, type);
                    }
                    else
                    {
                        value = ExpressionEvaluator.Evaluate(expression, type, scope);
                    }
                }
                else
                {
                    var raw = node.Activity.Property(input.Name);
                    if (raw is null)
                    {
                        continue;
                    }

                    value = ValueConverter.Convert(raw.DeepClone(), type);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                throw new InvalidOperationException($"Input '{input.Name}' of {node.Activity.Type} '{node.Activity.Id}' could not be evaluated: {e.Message}", e);
            }

            input.Property.SetValue(activity, value);
        }
    }

    /// <summary>Copies [Output] properties into their bound variables; while suspended only outputs already set (RunTask's TaskId).</summary>
    private void WriteOutputs(Activity activity, GraphNode node, bool onlySet)
    {
        foreach (var output in node.Descriptor!.Outputs)
        {
            if (node.Activity.OutputVariableId(output.Name) is not { } variableId)
            {
                continue;
            }

            var value = output.Property.GetValue(activity);
            if (value is not null || !onlySet)
            {
                scope.SetVariable(variableId, value);
            }
        }
    }

    /// <summary>The names in the definition's <c>"inputs":[{"name":"Amount","type":"Decimal",…}]</c>.</summary>
    private static List<string> DeclaredInputNames(WorkflowDefinition definition) => DeclaredNames(definition.Inputs);

    /// <summary>The names in a definition's <c>"inputs"</c> or <c>"outputs"</c> array.</summary>
    private static List<string> DeclaredNames(JsonArray? declarations) =>
        declarations?.OfType<JsonObject>().Select(i => i["name"]).OfType<JsonValue>()
            .Select(v => v.TryGetValue<string>(out var name) ? name : null).OfType<string>().ToList() ?? [];

    private FlowJoinMode? JoinModeOf(GraphNode node)
    {
        if (node.Activity.Type != FlowJoin.TypeName)
        {
            return null;
        }

        var expression = node.Activity.InputExpression(nameof(FlowJoin.Mode));
        return expression is null ? FlowJoinMode.WaitAny : (FlowJoinMode)ExpressionEvaluator.Evaluate(expression, typeof(FlowJoinMode), scope)!;
    }

    public WorkflowExecutionResult Result()
    {
        var before = bookmarksBefore.Select(b => b.Id).ToHashSet();
        var after = state.Bookmarks.Select(b => b.Id).ToHashSet();
        return new WorkflowExecutionResult
        {
            State = state,
            Journal = journal,
            CreatedBookmarks = state.Bookmarks.Where(b => !before.Contains(b.Id)).ToList(),
            RemovedBookmarks = bookmarksBefore.Where(b => !after.Contains(b.Id)).ToList(),
        };
    }
}
