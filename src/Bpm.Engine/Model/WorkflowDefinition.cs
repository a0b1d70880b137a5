using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Bpm.Engine.Model;

/// <summary>
/// One version of a workflow definition in Elsa 3's JSON shape (contract §3.1). The root activity and
/// free-form parts stay JSON, so what the designer wrote (positions, custom properties, properties we do
/// not know) is written back unchanged.
/// </summary>
public sealed class WorkflowDefinition
{
    /// <summary>Version id: one per version, e.g. "0f3c6a2b9d8e4f10".</summary>
    public string Id { get; set; } = "";

    /// <summary>Stable id across versions, e.g. "approval-flow".</summary>
    public string DefinitionId { get; set; } = "";

    public string? Name { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>1-based version number.</summary>
    public int Version { get; set; } = 1;

    public string? ToolVersion { get; set; }
    public List<VariableDefinition> Variables { get; set; } = [];
    public JsonArray? Inputs { get; set; }
    public JsonArray? Outputs { get; set; }
    public List<string>? Outcomes { get; set; }
    public JsonObject? Options { get; set; }
    public JsonObject? CustomProperties { get; set; }
    public bool IsReadonly { get; set; }
    public bool IsSystem { get; set; }
    public bool IsLatest { get; set; }
    public bool IsPublished { get; set; }

    /// <summary>The root activity, normally an <c>Elsa.Flowchart</c>.</summary>
    public JsonObject? Root { get; set; }

    /// <summary>Top-level properties we do not model ("$schema", "links", …), kept for the round trip.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }

    /// <summary>A typed view of <see cref="Root"/>.</summary>
    [JsonIgnore]
    public ActivityJson? RootActivity => Root is null ? null : new ActivityJson(Root);

    /// <summary>A deep copy, e.g. to derive a new draft version from a published one.</summary>
    public WorkflowDefinition Clone() => WorkflowDefinitionJson.Parse(WorkflowDefinitionJson.Write(this));
}
