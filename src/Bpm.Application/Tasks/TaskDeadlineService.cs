using System.Text.Json.Nodes;
using Bpm.Application.Requests;
using Bpm.Application.Timers;
using Bpm.Application.Users;
using Bpm.Application.Workflows;
using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Engine.Stores;

namespace Bpm.Application.Tasks;

/// <summary>
/// Pausing and resuming a task's SLA clock (waiting for the taxpayer's documents): while paused no warning or escalation
/// fires; on resuming the paused working days are added to the deadline, the timers move with it, and the move is audited.
/// Example: Xiantao handling due Fri 2026-10-09, paused Thu 10-08, resumed Mon 10-12 → 10-08, 10-09, Sat 10-10 (make-up day)
/// are 3 WD → due Wed 10-14.
/// </summary>
public sealed class TaskDeadlineService(
    IUnitOfWork unitOfWork,
    TaskAccess access,
    IRequestTaskStore tasks,
    ITaxpayerRequestStore requests,
    IWorkflowInstanceStore instances,
    IWorkflowJournalStore journal,
    IDeadlineChangeStore deadlineChanges,
    SlaTimerPlanner timers,
    TimeProvider time)
{
    public Task<RequestTask> PauseAsync(Guid taskId, ICurrentUser user, string reason, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync(async ct =>
        {
            var (task, _) = await access.ForActionAsync(taskId, user, ct);
            var now = time.GetUtcNow();
            task.Pause(reason, now);
            await tasks.UpdateAsync(task, ct);
            await timers.CancelAsync([task.Id], ct);
            await JournalAsync(task, "Paused", $"暂停计时：{task.PauseReason}", user, now, ct);
            return task;
        }, cancellationToken);

    public Task<RequestTask> ResumeAsync(Guid taskId, ICurrentUser user, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync(async ct =>
        {
            var (task, tree) = await access.ForActionAsync(taskId, user, ct);
            var request = await requests.FindAsync(task.RequestId, ct) ?? throw new NotFoundException($"诉求 {task.RequestId} 不存在");
            var now = time.GetUtcNow();
            var reason = task.PauseReason ?? "";
            var calendar = tree.CalendarOf(task.BureauId);
            var clock = tree.StepClockOf(task.BureauId, request.Type, task.SlaStep);
            var days = task.Resume(calendar, clock, now);
            if (days > 0 && task.SlaStep == SlaStep.Handling)
            {
                await AddHandlingPausedDaysAsync(task.WorkflowInstanceId, days, ct);
            }

            var oldDate = task.DueDate;
            var oldAt = task.DueAt;
            if (task.PlannedDeadline(calendar, clock) is { } moved && (moved.DueDate != oldDate || moved.DueAt != oldAt))
            {
                task.MoveDeadline(moved.DueDate, moved.DueAt, moved.IsProvisional);
                await deadlineChanges.AddAsync(
                    [new DeadlineChange(Guid.CreateVersion7(now), task.RequestId, task.Id, task.SlaStep, oldDate, oldAt, moved.DueDate, moved.DueAt,
                        DeadlineChangeCause.PauseResumed, $"暂停计时{days}个工作日：{reason}", user.UserId, now)],
                    ct);
            }

            await tasks.UpdateAsync(task, ct);
            await timers.ReplanAsync([(task, request.Type)], tree, ct);
            await JournalAsync(task, "Resumed", $"恢复计时：暂停{days}个工作日，期限 {task.DueDate:yyyy-MM-dd}", user, now, ct);
            return task;
        }, cancellationToken);

    /// <summary>The handling clock of the workflow counts the pause too, so a handling task re-opened later keeps it.</summary>
    private async Task AddHandlingPausedDaysAsync(string instanceId, int days, CancellationToken cancellationToken)
    {
        var state = await instances.FindAsync(instanceId, cancellationToken)
            ?? throw new InvalidOperationException($"Workflow instance {instanceId} is missing.");
        var paused = state.Variables.TryGetValue(WorkflowVariables.HandlingPausedDays, out var node) && node is JsonValue value && value.TryGetValue<int>(out var n) ? n : 0;
        state.Variables[WorkflowVariables.HandlingPausedDays] = JsonValue.Create(paused + days);
        await instances.SaveAsync(state, cancellationToken);
    }

    private Task JournalAsync(RequestTask task, string status, string message, ICurrentUser user, DateTimeOffset now, CancellationToken cancellationToken) =>
        journal.AppendAsync(
            [new WorkflowJournalEntry(task.RequestId, task.WorkflowInstanceId, task.BookmarkId, task.ActivityId, task.ActivityId, SlaJournal.ActivityType,
                task.Title, status, [], now, now, user.UserId, message)],
            cancellationToken);
}
