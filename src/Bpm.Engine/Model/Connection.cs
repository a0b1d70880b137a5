namespace Bpm.Engine.Model;

/// <summary>
/// A flowchart edge: when <see cref="SourceActivityId"/> completes with outcome <see cref="SourcePort"/>,
/// <see cref="TargetActivityId"/> is scheduled. A missing port reads as "Done" (source) and "In" (target).
/// </summary>
public sealed record Connection(string SourceActivityId, string SourcePort, string TargetActivityId, string TargetPort = Connection.InPort)
{
    public const string DonePort = "Done";
    public const string InPort = "In";

    /// <summary>Stable key used in join bookkeeping, e.g. "fork1:Branch1->join1".</summary>
    public string Key => $"{SourceActivityId}:{SourcePort}->{TargetActivityId}";
}
