using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Bpm.Engine.Metadata;

/// <summary>
/// What the designer needs to know about an activity type (contract §4.1); serialize with web defaults
/// (camelCase) and it is the body of <c>GET /descriptors/activities</c>.
/// </summary>
public sealed class ActivityDescriptor
{
    public required string TypeName { get; init; }
    public required string Namespace { get; init; }
    public required string Name { get; init; }
    public int Version { get; init; } = 1;
    public required string Category { get; init; }
    public string? DisplayName { get; init; }
    public string? Description { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<ActivityKind>))]
    public ActivityKind Kind { get; init; }

    public IReadOnlyList<InputDescriptor> Inputs { get; init; } = [];
    public IReadOnlyList<OutputDescriptor> Outputs { get; init; } = [];
    public IReadOnlyList<PortDescriptor> Ports { get; init; } = [];
    public bool IsContainer { get; init; }
    public bool IsBrowsable { get; init; } = true;
    public bool IsStart { get; init; }
    public bool IsTerminal { get; init; }
    public JsonObject CustomProperties { get; init; } = [];
    public JsonObject ConstructionProperties { get; init; } = [];

    /// <summary>The class the runner instantiates (through DI) for each execution.</summary>
    [JsonIgnore]
    public Type ClrType { get; init; } = null!;
}

/// <summary>An input editor in the designer; <see cref="Property"/> is where the runner assigns the evaluated value.</summary>
public sealed class InputDescriptor
{
    public required string Name { get; init; }
    public required string TypeName { get; init; }
    public string? UIHint { get; init; }
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public string? Category { get; init; }
    public float Order { get; init; }
    public bool IsWrapped { get; init; } = true;
    public bool IsBrowsable { get; init; } = true;
    public bool IsReadOnly { get; init; }
    public bool IsSensitive { get; init; }
    public JsonNode? DefaultValue { get; init; }
    public string DefaultSyntax { get; init; } = "Literal";
    public JsonObject? UISpecifications { get; init; }

    [JsonIgnore]
    public PropertyInfo Property { get; init; } = null!;
}

public sealed class OutputDescriptor
{
    public required string Name { get; init; }
    public required string TypeName { get; init; }
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public float Order { get; init; }
    public bool IsBrowsable { get; init; } = true;

    [JsonIgnore]
    public PropertyInfo Property { get; init; } = null!;
}

/// <summary>An outcome port (<c>type: "Flow"</c>) or a child slot (<c>"Embedded"</c>).</summary>
public sealed record PortDescriptor(string Name, string DisplayName, string Type = PortDescriptor.Flow, bool IsBrowsable = true)
{
    public const string Flow = "Flow";
    public const string Embedded = "Embedded";
}
