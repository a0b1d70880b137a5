using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Bpm.Engine.Model;

/// <summary>
/// Reads and writes workflow definitions as Elsa does: camelCase, nulls omitted. Reading then writing
/// loses nothing: unknown top-level properties ("$schema", "links") and everything inside activities
/// (designer positions, custom properties) come back as they were.
/// </summary>
public static class WorkflowDefinitionJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    public static WorkflowDefinition Parse(string json) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(json, Options) ?? throw new JsonException("The workflow definition is empty (null).");

    public static WorkflowDefinition Parse(Stream json) =>
        JsonSerializer.Deserialize<WorkflowDefinition>(json, Options) ?? throw new JsonException("The workflow definition is empty (null).");

    public static async Task<WorkflowDefinition> ParseAsync(Stream json, CancellationToken cancellationToken) =>
        await JsonSerializer.DeserializeAsync<WorkflowDefinition>(json, Options, cancellationToken)
        ?? throw new JsonException("The workflow definition is empty (null).");

    public static string Write(WorkflowDefinition definition) => JsonSerializer.Serialize(definition, Options);

    public static JsonObject ToNode(WorkflowDefinition definition) =>
        JsonSerializer.SerializeToNode(definition, Options)!.AsObject();
}
