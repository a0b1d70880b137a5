namespace Bpm.Engine.Runtime;

/// <summary>
/// Why a definition cannot run, pinned to the activity Studio should highlight, e.g.
/// ("decide1", "JavaScript in input 'Condition' does not parse: Line 1: Unexpected token )").
/// A null activity id means the workflow as a whole.
/// </summary>
public sealed record ValidationError(string? ActivityId, string Message)
{
    public override string ToString() => ActivityId is null ? Message : $"{ActivityId}: {Message}";
}
