using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Bpm.Engine.Runtime;

/// <summary>
/// Everything needed to resume an instance later; serializable with <see cref="JsonOptions"/>. Variables
/// are stored by name as JSON (<c>{"Counter": 3}</c>).
/// </summary>
public sealed class WorkflowState
{
    public static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    public required string InstanceId { get; init; }
    public required string DefinitionId { get; init; }
    public required string DefinitionVersionId { get; init; }
    public int DefinitionVersion { get; init; }
    /// <summary>The instance's name, set by Elsa.SetName, e.g. "Objection of taxpayer 91310000MA1FL8XQ30".</summary>
    public string? Name { get; set; }

    /// <summary>Links the instance to a business key, set by Elsa.Correlate, e.g. a request number "R-2024-000123".</summary>
    public string? CorrelationId { get; set; }

    public WorkflowStatus Status { get; set; } = WorkflowStatus.Running;
    public WorkflowSubStatus SubStatus { get; set; } = WorkflowSubStatus.Executing;
    public JsonObject Input { get; set; } = [];
    public JsonObject Output { get; set; } = [];

    /// <summary>
    /// The outcomes the workflow finished with, as Elsa.Complete gives them (<c>["Success"]</c>); empty when it
    /// finished otherwise (end of all paths, End, Finish).
    /// </summary>
    public List<string> Outcomes { get; set; } = [];
    public Dictionary<string, JsonNode?> Variables { get; set; } = [];
    public List<Bookmark> Bookmarks { get; set; } = [];
    public List<Incident> Incidents { get; set; } = [];

    /// <summary>Activities waiting on bookmarks, by activity instance id.</summary>
    public List<ActivityInstance> ActiveActivities { get; set; } = [];

    /// <summary>
    /// Arrivals at activities with several inbound connections, by target activity id, then by connection key:
    /// true = the connection was followed, false = its source completed with another outcome (a dead path).
    /// </summary>
    public Dictionary<string, Dictionary<string, bool>> PendingJoins { get; set; } = [];

    /// <summary>
    /// Containers running embedded children, by container activity id, e.g. an If "check" waiting for its "then"
    /// activity (a RunTask) to complete: it completes, and its flowchart continues, once nothing inside it is left.
    /// </summary>
    public Dictionary<string, OpenContainer> OpenContainers { get; set; } = [];

    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static WorkflowState FromJson(string json) =>
        JsonSerializer.Deserialize<WorkflowState>(json, JsonOptions) ?? throw new JsonException("The workflow state is empty (null).");

    public WorkflowState Clone() => FromJson(ToJson());
}

/// <summary>An activity execution that is still open (it waits on a bookmark).</summary>
public sealed record ActivityInstance(string ActivityInstanceId, string ActivityId, string ActivityNodeId, string ActivityType);

/// <summary>
/// A container execution waiting for its children: <see cref="Completion"/> Any completes it when its first direct
/// child completes (Fork WaitAny), All once nothing inside it is left running or waiting.
/// </summary>
public sealed record OpenContainer(string ActivityInstanceId, Activities.ChildCompletion Completion, DateTimeOffset StartedAt);
