using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// Splits into parallel branches: completes with every name in <see cref="Branches"/> (ports), e.g.
/// Branches ["Left","Right"] follows both the Left and the Right connections.
/// </summary>
[Activity("Elsa", "FlowFork", Category = "Branching", DisplayName = "Fork", Description = "Branch execution into multiple branches.")]
public class FlowFork : Activity
{
    [Input(Description = "The branches (outbound ports) to follow.", UIHint = UIHints.DynamicOutcomes)]
    public string[] Branches { get; set; } = [];

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) =>
        ValueTask.FromResult(ActivityResult.Complete(Branches.Length == 0 ? [Outcomes.Done] : Branches));
}
