using System.Text.Json.Nodes;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Engine.Activities;
using Bpm.Engine.Metadata;

namespace Bpm.Application.Workflows.Activities;

/// <summary>
/// 结果反馈: the registering unit (首问负责制) tells the taxpayer the result within the Feedback working days.
/// A handled request becomes FedBack; one handed to reconsideration keeps its status.
/// </summary>
[Activity("Bpm", "NotifyTaxpayer", Category = BpmCategory.Name, DisplayName = "结果反馈 Notify taxpayer", Description = "The registering unit tells the taxpayer the result.", Kind = ActivityKind.Task)]
[FlowPorts(Outcomes.Done)]
public sealed class NotifyTaxpayer(RequestWorkflowContext request) : TaskActivity(request)
{
    private static readonly JsonArray Fields =
    [
        new JsonObject { ["name"] = "method", ["label"] = "反馈方式", ["type"] = "choice", ["required"] = true, ["options"] = new JsonArray("电话", "短信", "电子邮件", "当面", "书面") },
        new JsonObject { ["name"] = "content", ["label"] = "反馈内容", ["type"] = "multiline", ["required"] = true },
    ];

    [Input(DisplayName = "任务名称 Title", Order = 0)]
    public string Title { get; set; } = "结果反馈";

    protected override string TaskTitle => Title;

    protected override TaskAssignee TaskAssignee => TaskAssignee.ReceivingUnit;

    protected override TaskRole TaskRole => TaskRole.Handler;

    protected override IReadOnlyList<string> TaskOutcomes => [Outcomes.Done];

    protected override JsonNode? TaskForm => Fields;

    protected override SlaStep? TaskSlaStep => SlaStep.Feedback;

    protected override void OnCompleted(ActivityExecutionContext context, string outcome, JsonObject? data, DateTimeOffset now)
    {
        if (Request.Request.Status == RequestStatus.Handled)
        {
            Request.MoveRequestTo(RequestStatus.FedBack, now);
        }
    }
}
