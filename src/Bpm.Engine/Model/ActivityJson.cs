using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bpm.Engine.Model;

/// <summary>
/// A typed, read-only view over one activity's JSON (contract §3.2). The JSON stays the source of truth:
/// <c>{"id":"write1","nodeId":"Workflow1:flow1:write1","type":"Elsa.WriteLine","version":1,
/// "text":{"typeName":"String","expression":{"type":"Literal","value":"Hello"}}}</c>.
/// </summary>
public sealed class ActivityJson(JsonObject json)
{
    public JsonObject Json { get; } = json;

    public string Id => Text("id") ?? "";
    public string NodeId => Text("nodeId") ?? Id;
    public string? Name => Text("name");
    public string Type => Text("type") ?? "";
    public int Version => Json["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : 1;
    public JsonObject? CustomProperties => Json["customProperties"] as JsonObject;

    /// <summary>True when the designer's "Trigger workflow" switch is on (<c>customProperties.canStartWorkflow</c>).</summary>
    public bool CanStartWorkflow => CustomProperties?["canStartWorkflow"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    /// <summary>Child activities of a container (Flowchart, Sequence); empty otherwise.</summary>
    public IReadOnlyList<ActivityJson> Activities =>
        (Json["activities"] as JsonArray)?.OfType<JsonObject>().Select(o => new ActivityJson(o)).ToList() ?? [];

    /// <summary>Flowchart connections in either form Elsa reads (nested source/target or legacy flat).</summary>
    public IReadOnlyList<Connection> Connections =>
        (Json["connections"] as JsonArray)?.OfType<JsonObject>().Select(ReadConnection).OfType<Connection>().ToList() ?? [];

    /// <summary>The raw property by camelCase input name (<c>"Text"</c> → <c>"text"</c>), or null.</summary>
    public JsonNode? Property(string name) => Json[CamelCase(name)] ?? Json[name];

    /// <summary>The wrapped input's expression, e.g. <c>Literal "Hello"</c> for input "Text"; null when absent.</summary>
    public ExpressionJson? InputExpression(string inputName) => ExpressionJson.From(Property(inputName)?["expression"]);

    /// <summary>The declared typeName of a wrapped input (Studio writes null for new inputs).</summary>
    public string? InputTypeName(string inputName) => Property(inputName)?["typeName"] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    /// <summary>The variable id an output is bound to: <c>"result":{"memoryReference":{"id":"v1"}}</c> → "v1".</summary>
    public string? OutputVariableId(string outputName) =>
        Property(outputName)?["memoryReference"]?["id"] is JsonValue v && v.TryGetValue<string>(out var id) ? id : null;

    public static string CamelCase(string name) =>
        string.IsNullOrEmpty(name) || char.IsLower(name[0]) ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private string? Text(string key) => Json[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static Connection? ReadConnection(JsonObject c)
    {
        static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

        if (c["source"] is JsonObject source && c["target"] is JsonObject target)
        {
            var from = Str(source["activity"]);
            var to = Str(target["activity"]);
            return from is null || to is null ? null
                : new Connection(from, Str(source["port"]) ?? Connection.DonePort, to, Str(target["port"]) ?? Connection.InPort);
        }

        var flatFrom = Str(c["source"]);
        var flatTo = Str(c["target"]);
        return flatFrom is null || flatTo is null ? null
            : new Connection(flatFrom, Str(c["sourcePort"]) ?? Connection.DonePort, flatTo, Str(c["targetPort"]) ?? Connection.InPort);
    }

    public override string ToString() => $"{Type} {Id}";

    internal static JsonSerializerOptions Options => WorkflowDefinitionJson.Options;
}
