using System.Text.Json.Nodes;
using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// Elsa's Switch. With embedded activities (a case's <c>"activity"</c> or the <c>"default"</c> activity) it runs
/// the activities of the matching cases (the first match in MatchFirst mode, every match in MatchAny mode), or the
/// default activity when no case matches, and completes with "Done" once all of them have completed, e.g. cases
/// High (Amount &gt; 1000) and Positive (Amount &gt; 0) in MatchAny mode with Amount 1500 run both activities.
/// A matching case without activity runs nothing. Without embedded activities it behaves as <see cref="FlowSwitch"/>.
/// </summary>
[Activity("Elsa", "Switch", Category = "Branching", Description = "Evaluate a set of case conditions and follow the matching case.")]
[FlowPorts(Outcomes.Default)]
[EmbeddedPort("Default")]
public sealed class Switch : FlowSwitch
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var @default = context.Activity.Json["default"] as JsonObject;
        if (@default is null && Cases.All(c => c.Activity is not JsonObject))
        {
            return base.ExecuteAsync(context);
        }

        var matched = MatchingCases(context);
        var children = matched.Count == 0 ? EmbeddedChildren.Ids(@default) : EmbeddedChildren.Ids(matched.Select(c => c.Activity).ToArray());
        return ValueTask.FromResult(ActivityResult.ScheduleChildren(children));
    }
}
