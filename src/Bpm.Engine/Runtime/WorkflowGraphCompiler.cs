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
/// (its activities run in order) or a single activity.
/// </summary>
public sealed class WorkflowGraphCompiler(ActivityRegistry registry)
{
    public const string SequenceTypeName = "Elsa.Sequence";

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

        var (children, connections) = root.Type switch
        {
            Flowchart.TypeName => (root.Activities, root.Connections),
            SequenceTypeName => (root.Activities, Chain(root.Activities)),
            _ => ((IReadOnlyList<ActivityJson>)[root], (IReadOnlyList<Connection>)[]),
        };
        variables.AddRange(ReadVariables(root.Json["variables"]));

        var nodes = new Dictionary<string, GraphNode>(StringComparer.Ordinal);
        foreach (var activity in children)
        {
            var node = CompileActivity(activity, errors);
            if (node is null)
            {
                continue;
            }

            if (!nodes.TryAdd(activity.Id, node))
            {
                errors.Add(new ValidationError(activity.Id, $"Duplicate activity id '{activity.Id}': ids must be unique within the workflow."));
            }
        }

        foreach (var connection in connections)
        {
            foreach (var end in new[] { connection.SourceActivityId, connection.TargetActivityId }.Where(id => !nodes.ContainsKey(id)))
            {
                errors.Add(new ValidationError(connection.SourceActivityId == end ? end : connection.SourceActivityId,
                    $"Dangling connection {connection.SourceActivityId}:{connection.SourcePort} → {connection.TargetActivityId}: activity '{end}' does not exist."));
            }
        }

        var validConnections = connections.Where(c => nodes.ContainsKey(c.SourceActivityId) && nodes.ContainsKey(c.TargetActivityId)).ToList();
        var start = FindStart(children.Where(a => nodes.ContainsKey(a.Id)).ToList(), validConnections);
        if (start is null && nodes.Count > 0)
        {
            errors.Add(new ValidationError(null,
                "No start activity: mark one as 'Trigger workflow' (canStartWorkflow), add an Elsa.Start, or leave exactly one activity without inbound connections."));
        }

        return new WorkflowGraph(definition, nodes, validConnections, start, variables, errors);
    }

    private GraphNode? CompileActivity(ActivityJson activity, List<ValidationError> errors)
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
        else if (descriptor.IsContainer)
        {
            errors.Add(new ValidationError(activity.Id, $"Nested container '{activity.Type}' is not supported: only the root may hold activities."));
        }
        else if (activity.Type == FlowNode.TypeName && HasBody(activity))
        {
            errors.Add(new ValidationError(activity.Id, "A FlowNode body is not supported: only the root may hold activities (a FlowNode without body is a plain step)."));
        }

        CheckExpressions(activity.Id, activity.Json, null, errors);
        return new GraphNode(activity, descriptor);
    }

    /// <summary>A body that does something: an activity, or a flowchart with activities (an empty flowchart is no body).</summary>
    private static bool HasBody(ActivityJson activity) => activity.Json["body"] switch
    {
        JsonObject body when body["type"] is JsonValue t && t.TryGetValue<string>(out var type) && type == Flowchart.TypeName =>
            body["activities"] is JsonArray { Count: > 0 },
        JsonObject => true,
        _ => false,
    };

    /// <summary>Finds expressions (<c>{"type":…,"value":…}</c> under "expression" or "condition") anywhere in the activity.</summary>
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
                    if (childKey is not "metadata")
                    {
                        CheckExpressions(activityId, child, childKey, errors);
                    }
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    CheckExpressions(activityId, child, key, errors);
                }

                break;
        }
    }

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
