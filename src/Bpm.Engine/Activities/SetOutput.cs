using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// Sets one of the workflow's outputs by name, as Elsa does for a root flowchart: OutputName "Decision" with
/// OutputValue "Approved" gives the instance output <c>{"Decision":"Approved"}</c>; setting it again overwrites it.
/// </summary>
[Activity("Elsa", "SetOutput", Category = "Composition", DisplayName = "Set Output", Description = "Assigns a given value to the workflow's output.")]
public sealed class SetOutput : Activity
{
    [Input(DisplayName = "Output", Description = "The output to assign.", UIHint = UIHints.OutputPicker, Order = 0)]
    public string? OutputName { get; set; }

    [Input(Description = "The value to assign.", Order = 1)]
    public object? OutputValue { get; set; }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        if (string.IsNullOrWhiteSpace(OutputName))
        {
            throw new InvalidOperationException($"SetOutput {context.Activity.Id} names no output.");
        }

        context.SetWorkflowOutput(OutputName, OutputValue);
        return ValueTask.FromResult(ActivityResult.Complete());
    }
}
