using System.Text.Json.Nodes;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Engine.Activities;
using Bpm.Engine.Metadata;

namespace Bpm.Application.Workflows.Activities;

/// <summary>
/// 分派: the tax-service department picks the lead unit (承办单位) and any co-handling units (协办单位). Dispatching
/// starts a new handling clock: the next handling task is due the policy's Handling working days later.
/// Other outcomes (Park, HandOver) are paths of the workflow.
/// </summary>
[Activity("Bpm", "Dispatch", Category = BpmCategory.Name, DisplayName = "分派 Dispatch", Description = "The tax-service department assigns the lead and co-handling units.", Kind = ActivityKind.Task)]
public sealed class Dispatch(RequestWorkflowContext request) : TaskActivity(request)
{
    public const string Dispatched = "Dispatched";

    private static readonly JsonArray Fields =
    [
        new JsonObject { ["name"] = "leadUnit", ["label"] = "承办单位", ["type"] = "unit", ["required"] = true, ["outcomes"] = new JsonArray(Dispatched) },
        new JsonObject { ["name"] = "coUnits", ["label"] = "协办单位", ["type"] = "units" },
        new JsonObject { ["name"] = "note", ["label"] = "分派意见", ["type"] = "multiline" },
    ];

    [Input(DisplayName = "任务名称 Title", Order = 0)]
    public string Title { get; set; } = "分派";

    [Input(DisplayName = "办理结果 Outcomes", Description = "Dispatched first; Park and HandOver where the workflow has them.", UIHint = UIHints.DynamicOutcomes, Order = 1)]
    public string[] Outcomes { get; set; } = [Dispatched];

    protected override string TaskTitle => Title;

    protected override TaskAssignee TaskAssignee => TaskAssignee.TaxService;

    protected override TaskRole TaskRole => TaskRole.Handler;

    protected override IReadOnlyList<string> TaskOutcomes => Outcomes;

    protected override JsonNode? TaskForm => Fields;

    protected override SlaStep? TaskSlaStep => null;

    protected override void OnCompleted(ActivityExecutionContext context, string outcome, JsonObject? data, DateTimeOffset now)
    {
        if (outcome != Dispatched)
        {
            return;
        }

        context.SetVariable(WorkflowVariables.LeadUnitId, data!["leadUnit"]!.GetValue<string>());
        context.SetVariable(WorkflowVariables.CoUnitIds, data["coUnits"]?.DeepClone() ?? new JsonArray());
        context.SetVariable(WorkflowVariables.DispatchedAt, now);
        HandlingClock.Reset(context);
        Request.MoveRequestTo(RequestStatus.Dispatched, now);
    }
}
