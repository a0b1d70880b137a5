using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>Follows "True" or "False" depending on <see cref="Condition"/>.</summary>
[Activity("Elsa", "FlowDecision", Category = "Branching", DisplayName = "Decision", Description = "Evaluate a Boolean condition to determine which path to execute next.")]
[FlowPorts(Outcomes.True, Outcomes.False)]
public sealed class FlowDecision : Activity
{
    [Input(Description = "The condition to evaluate.", UIHint = UIHints.SingleLine)]
    public bool Condition { get; set; }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) =>
        ValueTask.FromResult(ActivityResult.Complete(Condition ? Outcomes.True : Outcomes.False));
}
