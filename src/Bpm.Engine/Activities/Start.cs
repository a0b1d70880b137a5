using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>Where the flowchart begins when no activity is marked as its trigger.</summary>
[Activity("Elsa", "Start", Category = "Flow", Description = "The starting point of the flowchart.", IsStart = true)]
public sealed class Start : Activity
{
    public const string TypeName = "Elsa.Start";

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) => ValueTask.FromResult(ActivityResult.Complete());
}
