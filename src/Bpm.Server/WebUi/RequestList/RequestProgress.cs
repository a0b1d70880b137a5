using System.Text.Json;
using System.Text.Json.Nodes;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;

namespace Bpm.Server.WebUi.RequestList;

/// <summary>
/// Where a request stands, read from its tasks (oldest first): the nearest open deadline, the handling deadline, whether
/// it is late, and what the completed steps recorded — the outcome (办理结果), the feedback to the taxpayer (结果反馈)
/// and the revisit (回访). Example: 办理 completed "Resolved" with result "已为其办理退税", 结果反馈 by 电话, 回访 满意.
/// </summary>
public sealed record RequestProgress(
    RequestTask? NextDue,
    RequestTask? Handling,
    bool Overdue,
    string? Outcome,
    string? FeedbackMethod,
    string? Feedback,
    DateTimeOffset? FedBackAt,
    string? Satisfaction,
    string? RevisitMethod,
    string? RevisitNote)
{
    public const string NotifyTaxpayerActivity = "Bpm.NotifyTaxpayer";
    public const string RevisitActivity = "Bpm.Revisit";

    /// <summary>The data fields a handling step's text is kept in, by the steps of workflows/*.json (办理, 重新办理, 联席会议研究).</summary>
    private static readonly string[] OutcomeFields = ["result", "decision"];

    public static RequestProgress Of(TaxpayerRequest request, IReadOnlyList<RequestTask> tasks, DateTimeOffset now)
    {
        var completed = tasks.Where(t => t.Status == RequestTaskStatus.Completed).OrderBy(t => t.CompletedAt).ToList();
        var nextDue = tasks.Where(t => t.Status == RequestTaskStatus.Open && t.DueAt is not null).MinBy(t => t.DueAt);
        var handling = tasks.Where(t => t.SlaStep is SlaStep.Handling or SlaStep.Rehandle && t.Status != RequestTaskStatus.Cancelled).MaxBy(t => t.OpenedAt);
        var feedback = completed.LastOrDefault(t => t.ActivityType == NotifyTaxpayerActivity);
        var revisit = completed.LastOrDefault(t => t.ActivityType == RevisitActivity);
        var outcome = request.OnTheSpotAnswer
            ?? completed.Select(t => (Task: t, Text: FirstField(t.DataJson, OutcomeFields))).LastOrDefault(x => x.Text is not null) switch
            {
                ({ } task, { } text) => $"{task.Title}：{text}",
                _ => null,
            };
        return new RequestProgress(
            nextDue,
            handling,
            tasks.Any(t => IsLate(t, now)),
            outcome,
            FirstField(feedback?.DataJson, ["method"]),
            FirstField(feedback?.DataJson, ["content"]),
            feedback?.CompletedAt,
            FirstField(revisit?.DataJson, ["satisfaction"]),
            FirstField(revisit?.DataJson, ["method"]),
            FirstField(revisit?.DataJson, ["note"]));
    }

    /// <summary>The list's overdue rule (<see cref="Bpm.Application.Requests.TaxpayerRequestFilter.OverdueAsOf"/>) for one task.</summary>
    public static bool IsLate(RequestTask task, DateTimeOffset now) =>
        task.DueAt is { } due
        && ((task.Status == RequestTaskStatus.Open && !task.IsPaused && now >= due)
            || (task.Status == RequestTaskStatus.Completed && task.CompletedAt >= due));

    private static string? FirstField(string? dataJson, string[] names)
    {
        if (string.IsNullOrWhiteSpace(dataJson))
        {
            return null;
        }

        try
        {
            if (JsonNode.Parse(dataJson) is not JsonObject data)
            {
                return null;
            }

            return names.Select(name => data[name]).OfType<JsonValue>().Select(v => v.ToString()).FirstOrDefault(text => !string.IsNullOrWhiteSpace(text));
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
