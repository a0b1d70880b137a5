using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// A container of <c>activities</c> and <c>connections</c>, as the root or embedded (an If's "then", a FlowNode's
/// body, a node of another flowchart). The runner walks it itself: it starts at its start activity and completes
/// with "Done" once nothing inside it is running or waiting, e.g. a nested flowchart A → B completes after B.
/// </summary>
[Activity("Elsa", "Flowchart", Category = "Flow", Description = "A flowchart of activities and connections.",
    IsContainer = true, IsBrowsable = false)]
[EmbeddedPort("Start")]
public sealed class Flowchart : Activity
{
    public const string TypeName = "Elsa.Flowchart";

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) =>
        throw new NotSupportedException("The runner schedules a flowchart's activities itself; it is never executed as a step.");
}
