using System.Text.Json.Nodes;
using Bpm.Domain;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Engine.Activities;
using Bpm.Engine.Metadata;

namespace Bpm.Application.Workflows.Activities;

/// <summary>
/// 跟踪回访: the tax-service department records the taxpayer's satisfaction. 不满意 → Unsatisfied: the request goes
/// back for re-handling (no extension allowed); otherwise Satisfied.
/// </summary>
[Activity("Bpm", "Revisit", Category = BpmCategory.Name, DisplayName = "回访 Revisit", Description = "Record the taxpayer's satisfaction; poor → re-handle.", Kind = ActivityKind.Task)]
[FlowPorts(Satisfied, Unsatisfied)]
public sealed class Revisit(RequestWorkflowContext request) : TaskActivity(request)
{
    public const string Satisfied = "Satisfied";
    public const string Unsatisfied = "Unsatisfied";
    public const string Poor = "不满意";

    private static readonly JsonArray Fields =
    [
        new JsonObject { ["name"] = "satisfaction", ["label"] = "满意度", ["type"] = "choice", ["required"] = true, ["options"] = new JsonArray("满意", "基本满意", Poor) },
        new JsonObject { ["name"] = "method", ["label"] = "回访方式", ["type"] = "choice", ["options"] = new JsonArray("12366回访", "电话", "问卷", "第三方评估", "实地走访") },
        new JsonObject { ["name"] = "note", ["label"] = "回访记录", ["type"] = "multiline" },
    ];

    [Input(DisplayName = "任务名称 Title", Order = 0)]
    public string Title { get; set; } = "回访";

    protected override string TaskTitle => Title;

    protected override TaskAssignee TaskAssignee => TaskAssignee.TaxService;

    protected override TaskRole TaskRole => TaskRole.Handler;

    protected override IReadOnlyList<string> TaskOutcomes => [Satisfied, Unsatisfied];

    protected override JsonNode? TaskForm => Fields;

    protected override SlaStep? TaskSlaStep => SlaStep.Revisit;

    protected override IEnumerable<FieldError> Check(ActivityExecutionContext context, string outcome, JsonObject? data, DateTimeOffset now)
    {
        var poor = data?["satisfaction"]?.GetValue<string>() == Poor;
        if (poor != (outcome == Unsatisfied))
        {
            yield return new FieldError("data.satisfaction", outcome == Unsatisfied ? "选择“不满意”才能退回重新办理" : "满意度为“不满意”时应退回重新办理");
        }
    }

    protected override void OnCompleted(ActivityExecutionContext context, string outcome, JsonObject? data, DateTimeOffset now)
    {
        if (outcome == Unsatisfied)
        {
            Request.MoveRequestTo(RequestStatus.Rehandling, now);
        }
    }
}
