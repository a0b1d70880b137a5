namespace Bpm.Engine.Metadata;

/// <summary>A child-activity slot of a container, hidden from the designer's ports (Flowchart's "Start").</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class EmbeddedPortAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
