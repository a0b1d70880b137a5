using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// Elsa's If used inside a flowchart: completes with "True" or "False" and also "Done", so a connection
/// from Done is followed either way. (Its Then/Else child slots are not supported.)
/// </summary>
[Activity("Elsa", "If", Category = "Branching", Description = "Evaluate a Boolean condition to determine which path to execute next.")]
[FlowPorts(Outcomes.True, Outcomes.False, Outcomes.Done)]
public sealed class If : Activity
{
    [Input(Description = "The condition to evaluate.", UIHint = UIHints.SingleLine)]
    public bool Condition { get; set; }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) =>
        ValueTask.FromResult(ActivityResult.Complete(Condition ? Outcomes.True : Outcomes.False, Outcomes.Done));
}
