using System.Text.Json.Nodes;
using Bpm.Application.Tasks;
using Bpm.Application.Timers;
using Bpm.Application.Users;
using Bpm.Application.Workflows;
using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Tasks;

namespace Bpm.Application.Requests.Duplicates;

/// <summary>
/// Both taxpayers get feedback: when the workflow of a request opens its 结果反馈 task, every request merged into it gets a
/// 结果反馈 task of its own, for its own receiving unit (首问负责制) and due when the target's is. Example: XT-2026-000140
/// merged into XT-2026-000121; 121's handling is done and its 结果反馈 opens for 办税服务厅, due Tue 11-24 → 140 gets
/// "结果反馈（已合并至 XT-2026-000121）" for its own receiving unit, due Tue 11-24 too. The merged request's task belongs to no
/// waiting activity: completing it records the feedback and does not move the target's workflow.
/// </summary>
public sealed class MergedFeedback(
    IRelatedRequestStore related, ITaxpayerRequestStore requests, IRequestTaskStore tasks, SlaTimerPlanner slaTimers, IWorkflowJournalStore journal, TimeProvider time)
{
    /// <summary>The activity type of a merged request's feedback task (no such activity runs in any workflow).</summary>
    public const string ActivityType = "Bpm.MergedFeedback";

    /// <summary>The activity type of the feedback task a workflow opens.</summary>
    public const string FeedbackActivityType = "Bpm.NotifyTaxpayer";

    public static bool IsFeedback(RequestTask task) => task is { ActivityType: FeedbackActivityType, Status: RequestTaskStatus.Open };

    /// <summary>A feedback task for each request merged into <paramref name="target"/>, copied from the target's <paramref name="feedback"/>.</summary>
    public async Task OpenForMergedAsync(TaxpayerRequest target, RequestTask feedback, BureauTree tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        foreach (var merged in await related.MergedIntoAsync(target.Id, cancellationToken))
        {
            await OpenAsync(merged, target, feedback, tree, cancellationToken);
        }
    }

    /// <summary>A feedback task for the taxpayer of <paramref name="merged"/>, copied from the target's <paramref name="feedback"/>.</summary>
    public async Task<RequestTask> OpenAsync(TaxpayerRequest merged, TaxpayerRequest target, RequestTask feedback, BureauTree tree, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(merged);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(feedback);
        var now = time.GetUtcNow();
        var id = Guid.CreateVersion7(now);
        var task = new RequestTask(new RequestTaskOpening(
            id, merged.Id, merged.BureauId, merged.Type, merged.TaxpayerName, feedback.WorkflowInstanceId, $"merged-{id:N}", feedback.ActivityId, ActivityType,
            $"结果反馈（已合并至 {target.Number}）", merged.ReceivingUnitId, feedback.AssigneeRole, feedback.Outcomes, feedback.FormJson,
            feedback.SlaStep, now, feedback.DueDate, feedback.DueAt, feedback.DueIsProvisional, feedback.SlaCountFrom, feedback.SlaWorkingDays,
            feedback.SlaAddedWorkingDays));
        await tasks.AddAsync(task, cancellationToken);
        await slaTimers.PlanOpenedAsync(task, tree, merged.Type, cancellationToken);
        return task;
    }

    /// <summary>
    /// Completes a merged request's feedback task: the outcome and the form are checked as for any feedback (反馈方式 and
    /// 反馈内容 required); the task closes, its timers are cancelled and the journal of the target's instance records it.
    /// Returns the merged request as saved (counted as responded).
    /// </summary>
    /// <exception cref="DomainValidationException">unknown outcome or a missing field; nothing changes.</exception>
    public async Task<TaxpayerRequest> CompleteAsync(RequestTask task, ICurrentUser user, string outcome, JsonObject? data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(task);
        ArgumentNullException.ThrowIfNull(user);
        var errors = task.Outcomes.Contains(outcome, StringComparer.Ordinal)
            ? TaskForm.Check(TaskForm.Parse(JsonNode.Parse(task.FormJson)), outcome, data, _ => false)
            : [new FieldError("outcome", $"未知的办理结果“{outcome}”；可选：{string.Join("、", task.Outcomes)}")];
        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        var now = time.GetUtcNow();
        task.Complete(user.UserId, outcome, data?.ToJsonString(), now);
        await tasks.UpdateAsync(task, cancellationToken);
        // The merged taxpayer is answered now: the merged request counts as responded, as any fed-back request does.
        var merged = await requests.FindAsync(task.RequestId, cancellationToken)
            ?? throw new NotFoundException($"诉求 {task.RequestId} 不存在");
        merged.RecordCompletedTask(task.SlaStep, outcome, task.DueAt, now);
        await requests.UpdateAsync(merged, cancellationToken);
        await slaTimers.CancelAsync([task.Id], cancellationToken);
        await journal.AppendAsync(
            [new WorkflowJournalEntry(task.RequestId, task.WorkflowInstanceId, task.BookmarkId, task.ActivityId, task.ActivityId, ActivityType, task.Title,
                "Completed", [outcome], task.OpenedAt, now, user.UserId, null)],
            cancellationToken);
        return merged;
    }
}
