namespace Bpm.Engine.Metadata;

/// <summary>
/// Marks a property as an input the designer edits and the runner evaluates before execution:
/// <c>[Input(UIHint = UIHints.MultiLine)] public string Notes { get; set; }</c>.
/// Without a hint: bool → checkbox, enum → dropdown, anything else → singleline (Elsa's defaults).
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class InputAttribute : Attribute
{
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public string? UIHint { get; set; }
    public string? Category { get; set; }
    public float Order { get; set; }

    /// <summary>Default shown by the designer and used when the definition has no value, e.g. "Normal".</summary>
    public object? DefaultValue { get; set; }

    /// <summary>Dropdown items, e.g. <c>Options = new[] { "Low", "Normal", "High" }</c> (enums get their names).</summary>
    public string[]? Options { get; set; }

    /// <summary>
    /// Wrapped inputs are stored as <c>{typeName, expression, memoryReference}</c>; unwrapped ones as raw JSON
    /// (Elsa's FlowSwitch <c>cases</c>).
    /// </summary>
    public bool IsWrapped { get; set; } = true;

    public bool IsBrowsable { get; set; } = true;
}
