using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>Names the instance, e.g. "Objection R-2024-000123", as shown in instance lists.</summary>
[Activity("Elsa", "SetName", Category = "Primitives", DisplayName = "Set Name", Description = "Set the name of the workflow instance to a specified value.")]
public sealed class SetName : Activity
{
    [Input(Description = "The name to give the workflow instance.")]
    public string? Value { get; set; }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        context.SetWorkflowName(Value);
        return ValueTask.FromResult(ActivityResult.Complete());
    }
}
