namespace Bpm.Engine.Metadata;

/// <summary>
/// Marks a property whose value, after execution, is written to the variable the definition binds it to:
/// <c>"result":{"memoryReference":{"id":"v1"}}</c> stores Result into variable v1.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class OutputAttribute : Attribute
{
    public string? DisplayName { get; set; }
    public string? Description { get; set; }
    public float Order { get; set; }
    public bool IsBrowsable { get; set; } = true;
}
