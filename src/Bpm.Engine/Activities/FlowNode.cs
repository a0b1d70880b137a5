using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// Elsa's flow node ("Container") used as a plain step: without a body it does nothing and completes with
/// Done, so it can serve as a junction (A → FlowNode → B and C). A body (a nested flowchart) is not supported:
/// the compiler rejects a FlowNode whose body holds activities, since only the root may hold activities.
/// </summary>
[Activity("Elsa", "FlowNode", Category = "Flow", DisplayName = "Container", Description = "A simple container that executes the specified activity.")]
public sealed class FlowNode : Activity
{
    public const string TypeName = "Elsa.FlowNode";

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) =>
        ValueTask.FromResult(ActivityResult.Complete());
}
