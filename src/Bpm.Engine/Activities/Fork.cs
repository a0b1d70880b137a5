using System.Text.Json.Nodes;
using Bpm.Engine.Metadata;
using Bpm.Engine.Model;

namespace Bpm.Engine.Activities;

/// <summary>
/// Elsa's Fork. With <c>"branches"</c> as an array of embedded activities it runs them all in parallel and completes
/// with "Done": in WaitAll mode once every branch has completed, in WaitAny mode once the first branch completes,
/// cancelling the others (their bookmarks too), e.g. branches [RunTask, Event] in WaitAny mode: the task completing
/// cancels the event's bookmark. No branches: completes at once. With <c>"branches"</c> as a wrapped list of names
/// (<c>["Left","Right"]</c>) it behaves as <see cref="FlowFork"/> and follows those ports.
/// </summary>
[Activity("Elsa", "Fork", Category = "Branching", Description = "Branch execution into multiple branches.")]
public sealed class Fork : Activity
{
    [Input(Description = "WaitAll: completes once every branch has; WaitAny: once the first branch has, cancelling the others.",
        UIHint = UIHints.Dropdown, IsWrapped = false, DefaultValue = ForkJoinMode.WaitAll)]
    public ForkJoinMode JoinMode { get; set; } = ForkJoinMode.WaitAll;

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var branches = context.Activity.Json["branches"];
        if (branches is JsonObject wrapped && ExpressionJson.From(wrapped["expression"]) is { } expression)
        {
            var names = context.Evaluate<string[]>(expression) ?? [];
            return ValueTask.FromResult(ActivityResult.Complete(names.Length == 0 ? [Outcomes.Done] : names));
        }

        var children = EmbeddedChildren.Ids(branches is JsonArray array ? array.ToArray() : []);
        return ValueTask.FromResult(ActivityResult.ScheduleChildren(children,
            JoinMode == ForkJoinMode.WaitAny ? ChildCompletion.Any : ChildCompletion.All));
    }
}

/// <summary>When a Fork with embedded branches completes: after all branches (WaitAll) or the first (WaitAny).</summary>
public enum ForkJoinMode
{
    WaitAll,
    WaitAny,
}
