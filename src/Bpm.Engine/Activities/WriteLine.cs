using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>Writes <see cref="Text"/> as one line to the output sink.</summary>
[Activity("Elsa", "WriteLine", Category = "Console", DisplayName = "Write Line", Description = "Write a line of text.")]
public sealed class WriteLine(IWorkflowOutputSink output) : Activity
{
    [Input(Description = "The text to write.")]
    public string? Text { get; set; }

    public override async ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        await output.WriteLineAsync(Text ?? "", context.CancellationToken);
        return ActivityResult.Complete();
    }
}
