using System.Text.Json.Nodes;
using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// Elsa's If. With embedded children (<c>"then"</c> and/or <c>"else"</c>, each one activity, possibly a Sequence or
/// Flowchart) it runs the child the condition picks and completes with "Done" when that child completes, e.g. a
/// true condition runs "then" and the flowchart continues from the If's Done port afterwards; no child for the
/// picked branch completes at once. Without children it completes at once with "True" or "False" and also "Done".
/// </summary>
[Activity("Elsa", "If", Category = "Branching", Description = "Evaluate a Boolean condition to determine which path to execute next.")]
[FlowPorts(Outcomes.True, Outcomes.False, Outcomes.Done)]
[EmbeddedPort("Then")]
[EmbeddedPort("Else")]
public sealed class If : Activity
{
    [Input(Description = "The condition to evaluate.", UIHint = UIHints.SingleLine)]
    public bool Condition { get; set; }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var then = context.Activity.Json["then"] as JsonObject;
        var @else = context.Activity.Json["else"] as JsonObject;
        if (then is null && @else is null)
        {
            return ValueTask.FromResult(ActivityResult.Complete(Condition ? Outcomes.True : Outcomes.False, Outcomes.Done));
        }

        var child = Condition ? then : @else;
        return ValueTask.FromResult(ActivityResult.ScheduleChildren(EmbeddedChildren.Ids(child)));
    }
}
