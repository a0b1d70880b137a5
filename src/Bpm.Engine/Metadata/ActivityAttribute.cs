namespace Bpm.Engine.Metadata;

/// <summary>
/// Names an activity type and describes it for the designer's toolbox:
/// <c>[Activity("Elsa", "WriteLine", Category = "Primitives")]</c> → type name "Elsa.WriteLine".
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ActivityAttribute(string @namespace, string name) : Attribute
{
    public string Namespace { get; } = @namespace;
    public string Name { get; } = name;
    public string TypeName => $"{Namespace}.{Name}";
    public int Version { get; set; } = 1;
    public string Category { get; set; } = "Miscellaneous";
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public ActivityKind Kind { get; set; } = ActivityKind.Action;

    /// <summary>Shown in the toolbox; false for containers such as the Flowchart.</summary>
    public bool IsBrowsable { get; set; } = true;

    /// <summary>No inbound port (e.g. Start).</summary>
    public bool IsStart { get; set; }

    /// <summary>No default Done port (e.g. End, Finish).</summary>
    public bool IsTerminal { get; set; }

    public bool IsContainer { get; set; }
}

/// <summary>How the designer styles and treats an activity (contract §4.1 <c>kind</c>).</summary>
public enum ActivityKind
{
    Action,
    Trigger,
    Job,
    Task,
}
