using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>Sets the instance's correlation id, e.g. to the request number "R-2024-000123", so it can be found by it.</summary>
[Activity("Elsa", "Correlate", Category = "Primitives", Description = "Set the CorrelationId of the workflow to a given value.")]
public sealed class Correlate : Activity
{
    [Input(DisplayName = "Correlation Id", Description = "An expression that evaluates to the value to store as the correlation id.")]
    public string? CorrelationId { get; set; }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        context.SetCorrelationId(CorrelationId);
        return ValueTask.FromResult(ActivityResult.Complete());
    }
}
