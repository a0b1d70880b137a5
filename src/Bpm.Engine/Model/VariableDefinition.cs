using System.Text.Json;
using System.Text.Json.Serialization;

namespace Bpm.Engine.Model;

/// <summary>
/// A workflow variable. <see cref="Value"/> is the default formatted as text, as Elsa writes it:
/// <c>{"id":"v1","name":"Approved","typeName":"Boolean","value":"false"}</c>.
/// </summary>
public sealed class VariableDefinition
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string? TypeName { get; set; }
    public bool IsArray { get; set; }
    public string? Value { get; set; }
    public string? StorageDriverTypeName { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
