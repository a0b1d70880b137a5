using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// The root container: <c>activities</c> and <c>connections</c>. The runner walks it itself (see
/// <see cref="Runtime.WorkflowRunner"/>); it is never executed as a step.
/// </summary>
[Activity("Elsa", "Flowchart", Category = "Flow", Description = "A flowchart of activities and connections.",
    IsContainer = true, IsBrowsable = false)]
[EmbeddedPort("Start")]
public sealed class Flowchart : Activity
{
    public const string TypeName = "Elsa.Flowchart";

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) =>
        throw new NotSupportedException("Nested flowcharts are not supported: only the root may be a flowchart.");
}
