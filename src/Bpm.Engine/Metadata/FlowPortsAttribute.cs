namespace Bpm.Engine.Metadata;

/// <summary>
/// The outcomes an activity can complete with, shown as output ports in the designer:
/// <c>[FlowPorts("Done", "Transfer")]</c>. Without it, an activity has one port "Done" (none when terminal).
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class FlowPortsAttribute(params string[] names) : Attribute
{
    public IReadOnlyList<string> Names { get; } = names;
}
