using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>Ends the path it is on; other paths (and their bookmarks) carry on.</summary>
[Activity("Elsa", "End", Category = "Flow", Description = "Ends this path of the flowchart.", IsTerminal = true)]
public sealed class End : Activity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) =>
        ValueTask.FromResult(ActivityResult.CompleteWithoutOutcome());
}
