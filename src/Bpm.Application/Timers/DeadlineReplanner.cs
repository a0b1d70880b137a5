using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Application.Tasks;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Application.Timers;

/// <summary>What changed, where: every open deadline of the bureau's subtree (of one step and type, when given) is re-counted.</summary>
public sealed record ReplanScope(Guid BureauId, DeadlineChangeCause Cause, string Reason, Guid? ActorUserId, SlaStep? Step = null, RequestType? Type = null);

/// <summary>How many open tasks were looked at, how many deadlines moved, how many tasks' timers changed.</summary>
public sealed record ReplanReport(int TasksExamined, int DeadlinesMoved, int TimersReplanned);

/// <summary>
/// Re-plans open deadlines after an administrator changed a calendar day or an SLA line: each open task with an SLA count
/// is counted again under the current tree (count-from + the policy's working days + extensions and pauses), moved if the
/// due instant changed (audited: old → new, cause, reason, actor), and its timers brought in line with its ladder. Runs in
/// batches of <see cref="BatchSize"/>, one transaction each; running it again finds nothing left to move (idempotent), so
/// an interrupted re-plan is finished by running it again. Example: Xiantao declares Thu 2026-10-08 a closure → a handling
/// task due that day moves to Fri 10-09 and its red escalation with it.
/// </summary>
public sealed class DeadlineReplanner(IServiceScopeFactory scopes)
{
    public const int BatchSize = 500;

    public async Task<ReplanReport> ReplanAsync(ReplanScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var report = new ReplanReport(0, 0, 0);
        Guid? after = null;
        while (true)
        {
            await using var services = scopes.CreateAsyncScope();
            var batch = await services.ServiceProvider.GetRequiredService<DeadlineReplanBatch>().RunAsync(scope, after, cancellationToken);
            if (batch.Examined == 0)
            {
                return report;
            }

            report = new ReplanReport(report.TasksExamined + batch.Examined, report.DeadlinesMoved + batch.Moved, report.TimersReplanned + batch.Replanned);
            after = batch.LastTaskId;
        }
    }

    /// <summary>
    /// The dry run of <see cref="ReplanAsync"/>: how many open deadlines of the scope would move if <paramref name="changed"/>
    /// (the tree after the administrator's change, not yet saved) were in force. Writes nothing; timers are not counted
    /// (<see cref="ReplanReport.TimersReplanned"/> 0). Example: 仙桃 Handling 2 → 3 WD with one open handling task → 1 moved.
    /// </summary>
    public async Task<ReplanReport> PreviewAsync(ReplanScope scope, BureauTree changed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(changed);
        var report = new ReplanReport(0, 0, 0);
        Guid? after = null;
        while (true)
        {
            await using var services = scopes.CreateAsyncScope();
            var batch = await services.ServiceProvider.GetRequiredService<DeadlineReplanBatch>().PreviewAsync(scope, changed, after, cancellationToken);
            if (batch.Examined == 0)
            {
                return report;
            }

            report = new ReplanReport(report.TasksExamined + batch.Examined, report.DeadlinesMoved + batch.Moved, 0);
            after = batch.LastTaskId;
        }
    }
}

/// <summary>One batch of <see cref="DeadlineReplanner"/>, in one transaction. Scoped: one per batch.</summary>
public sealed class DeadlineReplanBatch(
    IUnitOfWork unitOfWork,
    IBureauStore bureaus,
    IRequestTaskStore tasks,
    ITaxpayerRequestStore requests,
    IDeadlineChangeStore deadlineChanges,
    SlaTimerPlanner timers,
    TimeProvider time)
{
    public sealed record Result(int Examined, int Moved, int Replanned, Guid? LastTaskId);

    public Task<Result> RunAsync(ReplanScope scope, Guid? after, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync(async ct =>
        {
            var tree = await bureaus.LoadTreeAsync(ct);
            var open = await OpenTasksAsync(scope, tree, after, ct);
            if (open.Count == 0)
            {
                return new Result(0, 0, 0, after);
            }

            var (affected, changes) = await CountAgainAsync(scope, tree, open, ct);
            var replanned = await timers.ReplanAsync(affected, tree, ct);
            await tasks.UpdateManyAsync(open, ct);
            if (changes.Count > 0)
            {
                await deadlineChanges.AddAsync(changes, ct);
            }

            return new Result(open.Count, changes.Count, replanned, open[^1].Id);
        }, cancellationToken);

    /// <summary>The same count as <see cref="RunAsync"/> under <paramref name="changed"/>, saving nothing (this scope is thrown away).</summary>
    public async Task<Result> PreviewAsync(ReplanScope scope, BureauTree changed, Guid? after, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var open = await OpenTasksAsync(scope, changed, after, cancellationToken);
        if (open.Count == 0)
        {
            return new Result(0, 0, 0, after);
        }

        var (_, changes) = await CountAgainAsync(scope, changed, open, cancellationToken);
        return new Result(open.Count, changes.Count, 0, open[^1].Id);
    }

    private Task<IReadOnlyList<RequestTask>> OpenTasksAsync(ReplanScope scope, BureauTree tree, Guid? after, CancellationToken ct)
    {
        var bureauIds = tree.Subtree(scope.BureauId).Select(b => b.Id).ToList();
        return tasks.ListOpenWithDeadlineAsync(new OpenTaskBatch(bureauIds, scope.Step, after, DeadlineReplanner.BatchSize), ct);
    }

    /// <summary>Re-counts each task under <paramref name="tree"/>, moving it in memory; the audit lines of those that moved.</summary>
    private async Task<(List<(RequestTask Task, RequestType Type)> Affected, List<DeadlineChange> Changes)> CountAgainAsync(
        ReplanScope scope, BureauTree tree, IReadOnlyList<RequestTask> open, CancellationToken ct)
    {
        var types = await requests.TypesOfAsync([.. open.Select(t => t.RequestId).Distinct()], ct);
        var now = time.GetUtcNow();
        var changes = new List<DeadlineChange>();
        var affected = new List<(RequestTask Task, RequestType Type)>();
        foreach (var task in open)
        {
            if (!types.TryGetValue(task.RequestId, out var type) || (scope.Type is { } only && only != type)
                || tree.SlaRule(task.BureauId, type, task.SlaStep!.Value)?.Value is not { } rule)
            {
                continue;
            }

            if (rule.WorkingDays != task.SlaWorkingDays)
            {
                task.Rebase(rule.WorkingDays);
            }

            affected.Add((task, type));
            var moved = task.PlannedDeadline(tree.CalendarOf(task.BureauId), rule.ClockFor(tree.ClockOf(task.BureauId)));
            if (moved is null || (moved.DueDate == task.DueDate && moved.DueAt == task.DueAt))
            {
                continue;
            }

            changes.Add(new DeadlineChange(
                Guid.CreateVersion7(now), task.RequestId, task.Id, task.SlaStep, task.DueDate, task.DueAt, moved.DueDate, moved.DueAt,
                scope.Cause, scope.Reason, scope.ActorUserId, now));
            task.MoveDeadline(moved.DueDate, moved.DueAt, moved.IsProvisional);
        }

        return (affected, changes);
    }
}
