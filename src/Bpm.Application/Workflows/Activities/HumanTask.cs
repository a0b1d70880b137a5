using System.Text.Json.Nodes;
using Bpm.Domain;
using Bpm.Domain.Calendar;
using Bpm.Domain.Sla;
using Bpm.Engine.Activities;
using Bpm.Engine.Metadata;

namespace Bpm.Application.Workflows.Activities;

/// <summary>
/// A task for people: 受理登记, 办理, 异议审核, 联席会议研究 … The first outcome is the normal path. Two outcomes
/// may carry a rule: the <see cref="ExtensionOutcome"/> asks for an extension (days + reason, within the
/// policy's cap and lead time, never while re-handling); the <see cref="ObjectionOutcome"/> objects to the
/// assignment, allowed only within the DispatchObjection working days after the dispatch.
/// Example: Handling at Ulanqab opened Mon 2026-03-02 → due 10 WD later, Mon 2026-03-16 24:00.
/// </summary>
[Activity("Bpm", "HumanTask", Category = BpmCategory.Name, DisplayName = "人工任务 Human task", Description = "A task for a unit: someone completes it with one of its outcomes.", Kind = ActivityKind.Task)]
public sealed class HumanTask(RequestWorkflowContext request) : TaskActivity(request)
{
    [Input(DisplayName = "任务名称 Title", Order = 0)]
    public string Title { get; set; } = "";

    [Input(DisplayName = "办理单位 Assignee", Order = 1)]
    public TaskAssignee Assignee { get; set; } = TaskAssignee.LeadUnit;

    [Input(DisplayName = "角色 Role", Order = 2)]
    public TaskRole Role { get; set; } = TaskRole.Handler;

    [Input(DisplayName = "办理结果 Outcomes", Description = "The first is the normal path.", UIHint = UIHints.DynamicOutcomes, Order = 3)]
    public string[] Outcomes { get; set; } = [Engine.Activities.Outcomes.Done];

    [Input(DisplayName = "表单 Form", Description = "Fields: [{name,label,type,required,outcomes,options}].", UIHint = UIHints.JsonEditor, Order = 4)]
    public JsonNode? Form { get; set; }

    [Input(DisplayName = "时限环节 SLA step", Options = ["", "Transfer", "DispatchObjection", "Handling", "EscalateUnsolvable", "Feedback", "Revisit", "Rehandle"], Order = 5)]
    public string SlaStep { get; set; } = "";

    [Input(DisplayName = "申请延期的结果 Extension outcome", Order = 6)]
    public string ExtensionOutcome { get; set; } = "";

    [Input(DisplayName = "提出异议的结果 Objection outcome", Order = 7)]
    public string ObjectionOutcome { get; set; } = "";

    [Output]
    public string? Outcome { get; set; }

    [Output]
    public JsonNode? Data { get; set; }

    protected override string TaskTitle => Title;

    protected override TaskAssignee TaskAssignee => Assignee;

    protected override TaskRole TaskRole => Role;

    protected override IReadOnlyList<string> TaskOutcomes => Outcomes;

    protected override JsonNode? TaskForm => Form;

    protected override SlaStep? TaskSlaStep => string.IsNullOrEmpty(SlaStep) ? null : Enum.Parse<SlaStep>(SlaStep);

    /// <summary>
    /// Handling keeps one clock per dispatch: it counts from the day handling first opened, and an extension or a pause
    /// adds working days to it, so the task re-opened after an extension decision is due on the moved date. Counted anew
    /// each time, so a calendar or policy change made meanwhile applies. Ulanqab, opened Mon 2026-03-02, 10 WD + 3 WD
    /// extension → due Thu 2026-03-19.
    /// </summary>
    protected override SlaCount? SlaCount(ActivityExecutionContext context, DateTimeOffset now)
    {
        if (TaskSlaStep != Domain.Sla.SlaStep.Handling)
        {
            return base.SlaCount(context, now);
        }

        return HandlingClock.Count(Request, context, now);
    }

    protected override IEnumerable<FieldError> Check(ActivityExecutionContext context, string outcome, JsonObject? data, DateTimeOffset now)
    {
        if (outcome.Length > 0 && outcome == ExtensionOutcome)
        {
            return ExtensionRules.CheckRequest(Request, context, TaskSlaStep, data, now);
        }

        if (outcome.Length > 0 && outcome == ObjectionOutcome && context.GetVariable<DateTimeOffset?>(WorkflowVariables.DispatchedAt) is { } dispatchedAt)
        {
            var days = Request.SlaRule(Domain.Sla.SlaStep.DispatchObjection).WorkingDays;
            var lastMoment = Request.Calendar.AddWorkingDays(Request.Clock, dispatchedAt, days).DueAt;
            if (now >= lastMoment)
            {
                return [new FieldError("outcome", $"异议须在分派后{days}个工作日内提出（截至 {lastMoment:yyyy-MM-dd HH:mm} UTC）")];
            }
        }

        return [];
    }

    protected override void OnCompleted(ActivityExecutionContext context, string outcome, JsonObject? data, DateTimeOffset now)
    {
        Outcome = outcome;
        Data = data?.DeepClone();
        if (outcome.Length > 0 && outcome == ExtensionOutcome)
        {
            context.SetVariable(WorkflowVariables.PendingExtension, new JsonObject { ["days"] = data!["days"]!.GetValue<int>(), ["reason"] = data["reason"]!.GetValue<string>() });
        }
    }
}

/// <summary>The toolbox section of the Bpm activities.</summary>
public static class BpmCategory
{
    public const string Name = "纳税人诉求";
}
