using Bpm.Engine.Activities;

namespace Bpm.Engine.Tests;

/// <summary>Collects WriteLine output in order.</summary>
public sealed class RecordingOutputSink : IWorkflowOutputSink
{
    private readonly List<string> lines = [];

    public IReadOnlyList<string> Lines => lines;

    public ValueTask WriteLineAsync(string text, CancellationToken cancellationToken)
    {
        lines.Add(text);
        return ValueTask.CompletedTask;
    }
}
