using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>Finishes the whole workflow: pending paths and their bookmarks (a waiting task, a timer) are cancelled.</summary>
[Activity("Elsa", "Finish", Category = "Primitives", Description = "Finishes the workflow, cancelling any pending work.", IsTerminal = true)]
public sealed class Finish : Activity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) =>
        ValueTask.FromResult(ActivityResult.FinishWorkflow());
}
