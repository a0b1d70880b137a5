using System.Text.Json.Nodes;
using Bpm.Domain.Sla;
using Bpm.Engine.Activities;
using Bpm.Engine.Metadata;

namespace Bpm.Application.Workflows.Activities;

/// <summary>
/// 延期审批: the approver decides the extension the handler asked for on the handling task. Approved → the handling
/// due date moves by the asked working days, counted from the current due date; the handling task opens again.
/// </summary>
[Activity("Bpm", "RequestExtension", Category = BpmCategory.Name, DisplayName = "延期审批 Extension approval", Description = "Approve or reject the extension the handler asked for.", Kind = ActivityKind.Task)]
[FlowPorts(Approved, Rejected)]
public sealed class RequestExtension(RequestWorkflowContext request) : TaskActivity(request)
{
    public const string Approved = "Approved";
    public const string Rejected = "Rejected";

    private static readonly JsonArray Fields =
    [
        new JsonObject { ["name"] = "opinion", ["label"] = "审批意见", ["type"] = "multiline", ["required"] = true, ["outcomes"] = new JsonArray(Rejected) },
    ];

    private string _title = "延期审批";

    [Input(DisplayName = "审批单位 Approver unit", Order = 0)]
    public TaskAssignee Assignee { get; set; } = TaskAssignee.TaxService;

    protected override string TaskTitle => _title;

    protected override TaskAssignee TaskAssignee => Assignee;

    protected override TaskRole TaskRole => TaskRole.Approver;

    protected override IReadOnlyList<string> TaskOutcomes => [Approved, Rejected];

    protected override JsonNode? TaskForm => Fields;

    protected override SlaStep? TaskSlaStep => null;

    /// <summary>The title names what is asked: 延期审批：延期3个工作日（需外部门协查）.</summary>
    protected override void OnOpening(ActivityExecutionContext context, DateTimeOffset now)
    {
        if (context.GetVariable(WorkflowVariables.PendingExtension) is JsonObject pending)
        {
            _title = $"延期审批：延期{pending["days"]}个工作日（{pending["reason"]}）";
        }

        if (_title.Length > 100)
        {
            _title = _title[..99] + "…";
        }
    }

    protected override void OnCompleted(ActivityExecutionContext context, string outcome, JsonObject? data, DateTimeOffset now)
    {
        if (outcome == Approved)
        {
            ExtensionRules.Grant(Request, context);
        }
        else
        {
            ExtensionRules.Refuse(context);
        }
    }
}
