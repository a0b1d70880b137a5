using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// Marks the end of the flowchart, as in Elsa: reaching it completes the flowchart at once, so work still
/// pending on other paths (a waiting task, a timer) is cancelled. Only root flowcharts exist here, so the
/// workflow finishes. Example: Fork → [A: End] and [B: RunTask] — reaching End cancels B's bookmark.
/// </summary>
[Activity("Elsa", "End", Category = "Flow", Description = "Marks the end of the flowchart, completing it.", IsTerminal = true)]
public sealed class End : Activity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) =>
        ValueTask.FromResult(ActivityResult.FinishWorkflow());
}
