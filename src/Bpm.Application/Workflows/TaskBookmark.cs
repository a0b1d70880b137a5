using System.Globalization;
using System.Text.Json.Nodes;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Domain.Users;

namespace Bpm.Application.Workflows;

/// <summary>
/// The bookmark a task activity waits on, and what its payload tells the host about the task to open:
/// <c>{"taskId":"…","title":"办理","assigneeUnitId":"…","role":"Handler","outcomes":["Resolved","Extend"],
/// "form":[…],"slaStep":"Handling","dueDate":"2026-10-13","dueAt":"2026-10-13T16:00:00Z","provisional":false,
/// "countFrom":"2026-09-30","workingDays":5,"addedDays":0}</c>.
/// </summary>
public static class TaskBookmark
{
    /// <summary>Every Bpm task activity waits on a bookmark of this name; the hash is made from the task id.</summary>
    public const string Name = "Bpm.Task";

    public static JsonObject Payload(TaskOpeningSpec spec) => new()
    {
        ["taskId"] = spec.TaskId.ToString(),
        ["title"] = spec.Title,
        ["assigneeUnitId"] = spec.AssigneeUnitId.ToString(),
        ["role"] = spec.Role.ToString(),
        ["outcomes"] = new JsonArray([.. spec.Outcomes.Select(o => (JsonNode)o)]),
        ["form"] = spec.Form?.DeepClone() ?? new JsonArray(),
        ["slaStep"] = spec.SlaStep?.ToString(),
        ["dueDate"] = spec.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["dueAt"] = spec.DueAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        ["provisional"] = spec.Provisional,
        ["countFrom"] = spec.Count?.CountFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["workingDays"] = spec.Count?.WorkingDays,
        ["addedDays"] = spec.Count?.AddedWorkingDays,
    };

    /// <summary>The task to open for a bookmark a task activity created.</summary>
    public static RequestTaskOpening ToOpening(JsonNode payload, TaxpayerRequest request, string instanceId, string bookmarkId, string activityId, string activityType, DateTimeOffset openedAt) =>
        new(
            Guid.Parse(payload["taskId"]!.GetValue<string>()),
            request.Id,
            request.BureauId,
            request.Type,
            request.TaxpayerName,
            instanceId,
            bookmarkId,
            activityId,
            activityType,
            payload["title"]!.GetValue<string>(),
            Guid.Parse(payload["assigneeUnitId"]!.GetValue<string>()),
            Enum.Parse<TaskRole>(payload["role"]!.GetValue<string>()) == TaskRole.Approver ? Roles.Approver : Roles.Handler,
            [.. payload["outcomes"]!.AsArray().Select(o => o!.GetValue<string>())],
            payload["form"]?.ToJsonString() ?? "[]",
            payload["slaStep"]?.GetValue<string>() is { } step ? Enum.Parse<SlaStep>(step) : null,
            openedAt,
            payload["dueDate"]?.GetValue<string>() is { } date ? DateOnly.ParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            payload["dueAt"]?.GetValue<string>() is { } at ? DateTimeOffset.Parse(at, CultureInfo.InvariantCulture) : null,
            payload["provisional"]?.GetValue<bool>() ?? false,
            payload["countFrom"]?.GetValue<string>() is { } from ? DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture) : null,
            payload["workingDays"]?.GetValue<int>() ?? 0,
            payload["addedDays"]?.GetValue<int>() ?? 0);
}

/// <summary>What a task activity decided about the task it opens.</summary>
public sealed record TaskOpeningSpec(
    Guid TaskId,
    string Title,
    Guid AssigneeUnitId,
    TaskRole Role,
    IReadOnlyList<string> Outcomes,
    JsonNode? Form,
    SlaStep? SlaStep,
    DateOnly? DueDate,
    DateTimeOffset? DueAt,
    bool Provisional,
    Activities.SlaCount? Count = null);
