using System.Text.Json;
using System.Text.Json.Nodes;
using Bpm.Engine.Activities;
using Bpm.Engine.Expressions;
using Bpm.Engine.Metadata;
using Bpm.Engine.Model;

namespace Bpm.Engine.Runtime;

/// <summary>
/// Compiles a definition into a <see cref="WorkflowGraph"/> and lists what is wrong with it, each error
/// naming the activity: unknown type or version, duplicate id, dangling connection, no start activity,
/// unsupported expression syntax, JavaScript that does not parse. The root may be a Flowchart, a Sequence
/// (its activities run in order) or a single activity. Embedded children become nodes too, linked to their
/// container: a nested Flowchart's or Sequence's activities, a FlowNode's body, an If's then/else, a Switch's case
/// and default activities, a Fork's branches, e.g. an If "check" with then {"id":"w1"} gives node "w1" with parent
/// "check" (and nodeId "…:check:w1" when the JSON has none). Ids must be unique across the whole workflow.
/// </summary>
public sealed class WorkflowGraphCompiler(ActivityRegistry registry)
{
    public const string SequenceTypeName = Sequence.TypeName;

    public WorkflowGraph Compile(WorkflowDefinition definition)
    {
        var errors = new List<ValidationError>();
        var root = definition.RootActivity;
        var variables = definition.Variables.ToList();
        if (root is null)
        {
            errors.Add(new ValidationError(null, "The definition has no root activity."));
            return new WorkflowGraph(definition, new Dictionary<string, GraphNode>(), [], null, variables, errors);
        }

        variables.AddRange(ReadVariables(root.Json["variables"]));
        var build = new Build(errors);
        var start = root.Type switch
        {
            Flowchart.TypeName => AddScope(build, null, root.Activities, root.Connections, sequential: false),
            SequenceTypeName => AddScope(build, null, root.Activities, Chain(root.Activities), sequential: true),
            _ => AddActivity(build, root, null) ? root.Id : null,
        };

        return new WorkflowGraph(definition, build.Nodes, build.Connections, start, variables, errors, build.ScopeStarts, build.Sequential);
    }

    /// <summary>What the compiler collects while walking the definition.</summary>
    private sealed class Build(List<ValidationError> errors)
    {
        public List<ValidationError> Errors { get; } = errors;
        public Dictionary<string, GraphNode> Nodes { get; } = new(StringComparer.Ordinal);
        public List<Connection> Connections { get; } = [];
        public Dictionary<string, IReadOnlyList<string>> ScopeStarts { get; } = new(StringComparer.Ordinal);
        public HashSet<string> Sequential { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>Adds a flowchart's (or sequence's) activities and connections; returns its start activity (null when empty).</summary>
    private string? AddScope(Build build, GraphNode? container, IReadOnlyList<ActivityJson> children, IReadOnlyList<Connection> connections, bool sequential)
    {
        var errors = build.Errors;
        var added = new List<ActivityJson>();
        foreach (var child in children)
        {
            if (sequential)
            {
                build.Sequential.Add(child.Id);
            }

            if (AddActivity(build, child, container))
            {
                added.Add(build.Nodes[child.Id].Activity);
            }
        }

        foreach (var connection in connections)
        {
            foreach (var end in new[] { connection.SourceActivityId, connection.TargetActivityId }.Where(id => !build.Nodes.ContainsKey(id)))
            {
                errors.Add(new ValidationError(connection.SourceActivityId == end ? end : connection.SourceActivityId,
                    $"Dangling connection {connection.SourceActivityId}:{connection.SourcePort} → {connection.TargetActivityId}: activity '{end}' does not exist."));
            }
        }

        var validConnections = connections.Where(c => build.Nodes.ContainsKey(c.SourceActivityId) && build.Nodes.ContainsKey(c.TargetActivityId)).ToList();
        build.Connections.AddRange(validConnections);
        var start = FindStart(added, validConnections);
        if (start is null && added.Count > 0)
        {
            errors.Add(new ValidationError(container?.Activity.Id,
                "No start activity: mark one as 'Trigger workflow' (canStartWorkflow), add an Elsa.Start, or leave exactly one activity without inbound connections."));
        }

        return start;
    }

    /// <summary>Adds one activity and, recursively, its embedded children; false when it could not be added.</summary>
    private bool AddActivity(Build build, ActivityJson activity, GraphNode? container)
    {
        if (container is not null && activity.Json["nodeId"] is null && !string.IsNullOrWhiteSpace(activity.Id))
        {
            var withNodeId = (JsonObject)activity.Json.DeepClone();
            withNodeId["nodeId"] = container.Activity.NodeId + ":" + activity.Id;
            activity = new ActivityJson(withNodeId);
        }

        var node = CompileActivity(activity, container?.Activity.Id, build.Errors);
        if (node is null)
        {
            return false;
        }

        if (!build.Nodes.TryAdd(activity.Id, node))
        {
            build.Errors.Add(new ValidationError(activity.Id, $"Duplicate activity id '{activity.Id}': ids must be unique within the workflow."));
            return false;
        }

        var json = activity.Json;
        switch (activity.Type)
        {
            case Flowchart.TypeName:
                build.ScopeStarts[activity.Id] = AddScope(build, node, activity.Activities, activity.Connections, sequential: false) is { } start ? [start] : [];
                break;
            case SequenceTypeName:
                build.ScopeStarts[activity.Id] = AddScope(build, node, activity.Activities, Chain(activity.Activities), sequential: true) is { } first ? [first] : [];
                break;
            case FlowNode.TypeName when json["body"] is JsonObject body:
                var bodyActivity = new ActivityJson(body);
                build.ScopeStarts[activity.Id] = AddActivity(build, bodyActivity, node) ? [bodyActivity.Id] : [];
                break;
            default:
                foreach (var child in EmbeddedActivities(activity))
                {
                    AddActivity(build, new ActivityJson(child), node);
                }

                break;
        }

        return true;
    }

    /// <summary>The single-activity slots of If (then, else), Switch (each case's activity, default) and Fork (branches).</summary>
    private static IEnumerable<JsonObject> EmbeddedActivities(ActivityJson activity)
    {
        var json = activity.Json;
        IEnumerable<JsonNode?> slots = activity.Type switch
        {
            "Elsa.If" => [json["then"], json["else"]],
            "Elsa.Switch" => (json["cases"] as JsonArray ?? []).OfType<JsonObject>().Select(c => c["activity"]).Append(json["default"]),
            "Elsa.Fork" => json["branches"] as JsonArray ?? [],
            _ => [],
        };
        return slots.OfType<JsonObject>();
    }

    private GraphNode? CompileActivity(ActivityJson activity, string? parentId, List<ValidationError> errors)
    {
        if (string.IsNullOrWhiteSpace(activity.Id))
        {
            errors.Add(new ValidationError(null, $"An activity of type '{activity.Type}' has no id."));
            return null;
        }

        var descriptor = registry.Find(activity.Type, activity.Version);
        if (descriptor is null)
        {
            var latest = registry.FindLatest(activity.Type);
            errors.Add(new ValidationError(activity.Id, latest is null
                ? $"Unknown activity type '{activity.Type}'."
                : $"Unknown version {activity.Version} of activity type '{activity.Type}' (known up to {latest.Version})."));
        }

        CheckExpressions(activity.Id, activity.Json, null, errors);
        return new GraphNode(activity, descriptor, parentId);
    }

    /// <summary>
    /// Finds expressions (<c>{"type":…,"value":…}</c> under "expression" or "condition") anywhere in the activity but
    /// in its embedded activities (objects with an "id" and a "type", e.g. an If's then), which are checked as their own nodes.
    /// </summary>
    private static void CheckExpressions(string activityId, JsonNode? node, string? key, List<ValidationError> errors)
    {
        switch (node)
        {
            case JsonObject o when key is "expression" or "condition" && ExpressionJson.From(o) is { } expression:
                if (!ExpressionEvaluator.SupportedTypes.Contains(expression.Type))
                {
                    errors.Add(new ValidationError(activityId, $"Expression syntax '{expression.Type}' is not supported (supported: {string.Join(", ", ExpressionEvaluator.SupportedTypes)})."));
                }
                else if (expression.Type == ExpressionJson.JavaScript && expression.Text is { } script
                         && JavaScriptEvaluator.SyntaxError(script) is { } syntaxError)
                {
                    errors.Add(new ValidationError(activityId, $"JavaScript does not parse (ES5.1): {syntaxError}. Script: {script}"));
                }

                break;
            case JsonObject o:
                foreach (var (childKey, child) in o)
                {
                    if (childKey is not "metadata" && !IsEmbeddedActivity(child))
                    {
                        CheckExpressions(activityId, child, childKey, errors);
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a.Where(c => !IsEmbeddedActivity(c)))
                {
                    CheckExpressions(activityId, child, key, errors);
                }

                break;
        }
    }

    private static bool IsEmbeddedActivity(JsonNode? node) => node is JsonObject o && o["id"] is JsonValue && o["type"] is JsonValue;

    /// <summary>
    /// The trigger (customProperties.canStartWorkflow), else an Elsa.Start, else the first activity without
    /// inbound connections.
    /// </summary>
    private static string? FindStart(IReadOnlyList<ActivityJson> activities, IReadOnlyList<Connection> connections) =>
        activities.FirstOrDefault(a => a.CanStartWorkflow)?.Id
        ?? activities.FirstOrDefault(a => a.Type == Start.TypeName)?.Id
        ?? activities.FirstOrDefault(a => connections.All(c => c.TargetActivityId != a.Id))?.Id;

    private static List<Connection> Chain(IReadOnlyList<ActivityJson> activities) =>
        activities.Zip(activities.Skip(1), (a, b) => new Connection(a.Id, Connection.DonePort, b.Id)).ToList();

    private static IEnumerable<VariableDefinition> ReadVariables(JsonNode? node) =>
        node is JsonArray array
            ? array.OfType<JsonObject>().Select(v => v.Deserialize<VariableDefinition>(WorkflowDefinitionJson.Options)).OfType<VariableDefinition>()
            : [];
}
