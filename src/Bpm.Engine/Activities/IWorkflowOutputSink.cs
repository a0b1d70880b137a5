namespace Bpm.Engine.Activities;

/// <summary>Where WriteLine writes; standard output by default, a recorder in tests.</summary>
public interface IWorkflowOutputSink
{
    ValueTask WriteLineAsync(string text, CancellationToken cancellationToken);
}

/// <summary>Writes lines to standard output, as Elsa's WriteLine does.</summary>
public sealed class StandardOutputSink : IWorkflowOutputSink
{
    public async ValueTask WriteLineAsync(string text, CancellationToken cancellationToken) =>
        await Console.Out.WriteLineAsync(text.AsMemory(), cancellationToken);
}
