using System.Text.Json;
using System.Text.Json.Nodes;
using Bpm.Domain;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Engine.Activities;

namespace Bpm.Application.Workflows.Activities;

/// <summary>
/// The extension rules of a bureau's SLA policy. Xiantao: handling 2 WD, at most 5 WD in all, so at most 3 WD of
/// extension in total. Ulanqab: handling 10 WD, at most 20 WD of extension, asked at least 2 WD before the due date
/// (due Wed → ask by Mon). Never while re-handling after a poor revisit. An approved extension counts from the
/// current due date: due Thu 2026-10-08 + 3 WD → Mon 2026-10-12 (Sat 10-10 is a make-up working day).
/// </summary>
internal static class ExtensionRules
{
    public static IEnumerable<FieldError> CheckRequest(RequestWorkflowContext request, ActivityExecutionContext context, SlaStep? step, JsonObject? data, DateTimeOffset now)
    {
        if (step == SlaStep.Rehandle)
        {
            yield return new FieldError("outcome", "回访不满意后的重新办理不得申请延期");
            yield break;
        }

        var days = data?["days"] is JsonValue value && value.GetValueKind() == JsonValueKind.Number && value.TryGetValue<int>(out var d) ? d : 0;
        if (days < 1)
        {
            yield return new FieldError("data.days", "请填写延期的工作日数（正整数）");
        }

        if (data?["reason"] is not JsonValue reason || reason.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(reason.GetValue<string>()))
        {
            yield return new FieldError("data.reason", "申请延期须说明原因");
        }

        var cap = request.SlaRule(SlaStep.ExtensionCap);
        var granted = context.GetVariable<int>(WorkflowVariables.ExtensionDaysGranted);
        var allowed = cap.CapBasis == ExtensionCapBasis.HandlingPlusExtension
            ? cap.WorkingDays - request.SlaRule(SlaStep.Handling).WorkingDays - granted
            : cap.WorkingDays - granted;
        if (days > 0 && days > allowed)
        {
            var rule = cap.CapBasis == ExtensionCapBasis.HandlingPlusExtension ? $"办理期限连同延期最长{cap.WorkingDays}个工作日" : $"延期最长{cap.WorkingDays}个工作日";
            yield return new FieldError("data.days", $"{rule}，已延期{granted}个工作日，本次最多{Math.Max(0, allowed)}个工作日");
        }

        if (HandlingClock.DueDate(request, context) is not { } dueDate)
        {
            yield break;
        }

        var lead = request.SlaRule(SlaStep.ExtensionLeadTime).WorkingDays;
        if (now >= HandlingClock.DueAt(request, dueDate))
        {
            yield return new FieldError("outcome", $"办理期限 {dueDate:yyyy-MM-dd} 已过，不能再申请延期");
        }
        else if (lead > 0 && request.Calendar.WorkingDaysBetween(request.Clock.LocalDate(now), dueDate) < lead)
        {
            yield return new FieldError("outcome", $"延期须在到期日（{dueDate:yyyy-MM-dd}）前至少{lead}个工作日申请");
        }
    }

    /// <summary>
    /// The approver agreed: the handling due date moves by the asked days, counted from the current due date, and the move
    /// is noted for the audit of deadline changes (old due, new due, the handler's reason, the approver).
    /// </summary>
    public static void Grant(RequestWorkflowContext request, ActivityExecutionContext context)
    {
        if (context.GetVariable(WorkflowVariables.PendingExtension) is not JsonObject pending)
        {
            return;
        }

        var days = pending["days"]!.GetValue<int>();
        var oldDue = HandlingClock.DueDate(request, context);
        context.SetVariable(WorkflowVariables.ExtensionDaysGranted, context.GetVariable<int>(WorkflowVariables.ExtensionDaysGranted) + days);
        context.SetVariable(WorkflowVariables.PendingExtension, null);
        if (oldDue is { } old && HandlingClock.DueDate(request, context) is { } moved)
        {
            request.NoteDeadlineChange(new DeadlineChangeNote(
                SlaStep.Handling, old, HandlingClock.DueAt(request, old), moved, HandlingClock.DueAt(request, moved),
                DeadlineChangeCause.Extension, $"延期{days}个工作日：{pending["reason"]?.GetValue<string>()}"));
        }
    }

    public static void Refuse(ActivityExecutionContext context) => context.SetVariable(WorkflowVariables.PendingExtension, null);
}
