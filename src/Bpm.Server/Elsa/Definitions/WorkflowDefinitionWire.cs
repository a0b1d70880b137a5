using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bpm.Domain;
using Bpm.Engine.Model;
using Bpm.Engine.Runtime;

namespace Bpm.Server.Elsa.Definitions;

/// <summary>
/// Elsa's <c>WorkflowDefinitionSummary</c> (a row of Studio's definition list). A row is editable in Studio only when
/// its <see cref="Links"/> contain <c>rel: "publish"</c>.
/// </summary>
public sealed record WorkflowDefinitionSummary(
    string Id, string DefinitionId, string? Name, string? Description, int Version, string? ToolVersion,
    bool IsLatest, bool IsPublished, string MaterializerName, bool IsMaterializerAvailable, bool IsReadonly, bool IsSystem,
    DateTimeOffset CreatedAt, IReadOnlyList<ElsaLink> Links);

/// <summary>Elsa's <c>SaveWorkflowDefinitionResponse</c>; <c>workflowDefinition</c> is the full model with links.</summary>
public sealed record SaveWorkflowDefinitionResponse(JsonObject WorkflowDefinition, bool AlreadyPublished, int ConsumingWorkflowCount, IReadOnlyList<string> ValidationErrors);

/// <summary>
/// Definitions on the wire (contract §3.1, §3.4): the stored Elsa JSON plus Studio's links, collections never null;
/// incoming models with every null Studio sends tolerated (the "Create workflow" dialog posts ids, variables and
/// options as null and a root without nodeId, activities or connections).
/// </summary>
public static class WorkflowDefinitionWire
{
    public const string SchemaUrl = "https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json";

    /// <summary>Properties the server owns: Studio's links and the export file's schema are never stored.</summary>
    private static readonly string[] Transient = ["links", "$schema"];

    private static readonly JsonDocumentOptions SingleMembers = new() { AllowDuplicateProperties = false };

    /// <summary>The full model with links, as by-definition-id, by-id and the save answer return it.</summary>
    public static JsonObject ToModel(WorkflowDefinition definition, bool canEdit)
    {
        var model = WithDefaults(definition);
        model["links"] = JsonSerializer.SerializeToNode(DefinitionLinks.For(definition.DefinitionId, canEdit), ElsaJson.Options);
        return model;
    }

    public static WorkflowDefinitionSummary ToSummary(WorkflowDefinition d, bool canEdit) => new(
        d.Id, d.DefinitionId, d.Name, d.Description, d.Version, d.ToolVersion, d.IsLatest, d.IsPublished,
        "Json", IsMaterializerAvailable: true, d.IsReadonly, d.IsSystem, d.CreatedAt, DefinitionLinks.For(d.DefinitionId, canEdit));

    /// <summary>Elsa's export file: <c>$schema</c> first, then the model without links.</summary>
    public static byte[] ToExportFile(WorkflowDefinition definition)
    {
        var file = new JsonObject { ["$schema"] = SchemaUrl };
        foreach (var (name, value) in WithDefaults(definition).ToList())
        {
            file[name] = value?.DeepClone();
        }

        return Encoding.UTF8.GetBytes(file.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    /// <summary>Elsa's file name: <c>workflow-definition-&lt;name-slug&gt;-&lt;definitionId&gt;-&lt;id&gt;.json</c>, e.g. "workflow-definition-approval-flow-approval-flow-0f3c….json".</summary>
    public static string ExportFileName(WorkflowDefinition definition)
    {
        var name = string.IsNullOrWhiteSpace(definition.Name) ? definition.DefinitionId : definition.Name.Trim();
        var slug = string.Join('-', name.ToLowerInvariant().Split([' ', '_', '\t'], StringSplitOptions.RemoveEmptyEntries));
        var invalid = Path.GetInvalidFileNameChars();
        var part = new string($"{slug}-{definition.DefinitionId}-{definition.Id}".Where(c => !invalid.Contains(c)).ToArray());
        return $"workflow-definition-{part}.json";
    }

    /// <summary>
    /// Reads a model Studio (or an import) sent. Client-owned nulls become empty, a missing root becomes an empty
    /// flowchart, and the root gets Elsa's nodeId <c>Workflow1:&lt;rootId&gt;</c> when it has none, because Studio
    /// derives the nodeIds of activities it adds from it.
    /// </summary>
    /// <exception cref="DomainValidationException">the model is missing or is not a workflow definition.</exception>
    public static WorkflowDefinition FromModel(JsonNode? model, string field, IIdGenerator ids)
    {
        if (model is not JsonObject)
        {
            throw new DomainValidationException([new FieldError(field, "缺少流程定义 (a workflow definition object is required)")]);
        }

        WorkflowDefinition definition;
        try
        {
            // A member twice anywhere ({"id":"a","id":"b"}) would fail later, at first access, as a 500: refuse it here.
            using (JsonDocument.Parse(model.ToJsonString(), SingleMembers))
            {
            }

            definition = model.Deserialize<WorkflowDefinition>(WorkflowDefinitionJson.Options)!;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or ArgumentException)
        {
            throw new DomainValidationException([new FieldError(field, $"不是有效的流程定义 (not a workflow definition: {e.Message})")]);
        }

        foreach (var name in Transient)
        {
            definition.Extra?.Remove(name);
        }

        definition.Id ??= "";
        definition.DefinitionId ??= "";
        definition.Variables ??= [];
        definition.Root ??= new JsonObject { ["type"] = "Elsa.Flowchart", ["version"] = 1, ["name"] = "Flowchart1" };
        var root = definition.Root;
        var wrongTypes = new[] { "id", "type" }.Where(name => root[name] is { } node && node.GetValueKind() != JsonValueKind.String).ToList();
        if (wrongTypes.Count > 0)
        {
            // e.g. "root": {"type": 5} or {"id": []}: Studio always sends text; anything else is not a definition.
            throw new DomainValidationException([.. wrongTypes.Select(name => new FieldError($"{field}.root.{name}", $"应为文本 (root.{name} must be a string)"))]);
        }

        if (root["id"] is null)
        {
            root["id"] = ids.NewId();
        }

        root["nodeId"] ??= "Workflow1:" + root["id"]!.GetValue<string>();
        if (root["type"]?.GetValue<string>() == "Elsa.Flowchart")
        {
            root["activities"] ??= new JsonArray();
            root["connections"] ??= new JsonArray();
        }

        return definition;
    }

    /// <summary>The stored JSON without transient properties, with every collection Studio iterates present.</summary>
    private static JsonObject WithDefaults(WorkflowDefinition definition)
    {
        var model = WorkflowDefinitionJson.ToNode(definition);
        foreach (var name in Transient)
        {
            model.Remove(name);
        }

        foreach (var name in new[] { "variables", "inputs", "outputs", "outcomes" })
        {
            model[name] ??= new JsonArray();
        }

        model["customProperties"] ??= new JsonObject();
        model["options"] ??= new JsonObject { ["autoUpdateConsumingWorkflows"] = false };
        return model;
    }
}

/// <summary>
/// Studio's editability switch (contract §2.1): everyone gets <c>self</c>; editors also get <c>publish</c>,
/// <c>unpublish</c> and <c>delete</c>, and the list's top-level <c>bulk-publish</c>. Hrefs are relative to /elsa/api, as Elsa's.
/// </summary>
public static class DefinitionLinks
{
    public static IReadOnlyList<ElsaLink> For(string definitionId, bool canEdit)
    {
        var self = $"/workflow-definitions/{Uri.EscapeDataString(definitionId)}";
        var read = new ElsaLink(self, "self", "GET");
        return canEdit
            ? [read, new ElsaLink(self + "/publish", "publish", "POST"), new ElsaLink(self + "/retract", "unpublish", "POST"), new ElsaLink(self, "delete", "DELETE")]
            : [read];
    }

    public static IReadOnlyList<ElsaLink> ForList(bool canEdit) =>
        canEdit ? [new ElsaLink("/bulk-actions/publish/workflow-definitions/by-definition-ids", "bulk-publish", "POST")] : [];
}
