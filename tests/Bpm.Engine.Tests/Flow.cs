using System.Text.Json.Nodes;

namespace Bpm.Engine.Tests;

/// <summary>Builds small definitions in Elsa's JSON shape for tests: a root flowchart with activities and connections.</summary>
public static class Flow
{
    public static JsonObject Literal(string value, string? typeName = null) =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    public static JsonObject Js(string script, string typeName = "Object") =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = script } };

    public static JsonObject Expr(string type, string value, string typeName = "Object") =>
        new() { ["typeName"] = typeName, ["expression"] = new JsonObject { ["type"] = type, ["value"] = value } };

    public static JsonObject Bind(string variableId) =>
        new() { ["typeName"] = "Object", ["memoryReference"] = new JsonObject { ["id"] = variableId } };

    /// <summary><c>Activity("w1", "Elsa.WriteLine", ("text", Literal("Hi")))</c>.</summary>
    public static JsonObject Activity(string id, string type, params (string Key, JsonNode? Value)[] properties)
    {
        var activity = new JsonObject
        {
            ["id"] = id, ["nodeId"] = $"Workflow1:flow1:{id}", ["name"] = id, ["type"] = type, ["version"] = 1,
            ["customProperties"] = new JsonObject(), ["metadata"] = new JsonObject(),
        };
        foreach (var (key, value) in properties)
        {
            activity[key] = value;
        }

        return activity;
    }

    public static JsonObject Write(string id, string text) => Activity(id, "Elsa.WriteLine", ("text", Literal(text, "String")));

    public static JsonObject WriteJs(string id, string script) => Activity(id, "Elsa.WriteLine", ("text", Js(script, "String")));

    public static JsonObject Connect(string from, string to, string port = "Done") => new()
    {
        ["source"] = new JsonObject { ["activity"] = from, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = to, ["port"] = "In" },
        ["vertices"] = new JsonArray(),
    };

    public static JsonObject Variable(string id, string name, string typeName, string? value) => new()
    {
        ["id"] = id, ["name"] = name, ["typeName"] = typeName, ["isArray"] = false, ["value"] = value,
        ["storageDriverTypeName"] = "Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core",
    };

    public static string Workflow(JsonObject[] activities, JsonObject[] connections, params JsonObject[] variables) => new JsonObject
    {
        ["id"] = "v1-id", ["definitionId"] = "test-flow", ["name"] = "Test flow", ["createdAt"] = "2025-01-15T10:00:00+00:00",
        ["version"] = 1, ["toolVersion"] = "3.8.2.0",
        ["variables"] = new JsonArray(variables.Select(v => (JsonNode)v).ToArray()),
        ["inputs"] = new JsonArray(), ["outputs"] = new JsonArray(), ["outcomes"] = new JsonArray(), ["customProperties"] = new JsonObject(),
        ["isReadonly"] = false, ["isSystem"] = false, ["isLatest"] = true, ["isPublished"] = false,
        ["options"] = new JsonObject { ["autoUpdateConsumingWorkflows"] = false },
        ["root"] = new JsonObject
        {
            ["type"] = "Elsa.Flowchart", ["version"] = 1, ["id"] = "flow1", ["nodeId"] = "Workflow1:flow1", ["name"] = "Flowchart1",
            ["customProperties"] = new JsonObject(), ["metadata"] = new JsonObject(), ["variables"] = new JsonArray(),
            ["activities"] = new JsonArray(activities.Select(a => (JsonNode)a).ToArray()),
            ["connections"] = new JsonArray(connections.Select(c => (JsonNode)c).ToArray()),
        },
    }.ToJsonString();
}
