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
/// due instant changed (audited: old → new, cause, reason, actor), and its timers brought in line with its ladder. The
/// tasks are listed once, then re-planned in batches (<see cref="IWriteConcurrency.RowsPerTransaction"/>: 5,000 on SQLite,
/// 500 on a server), one transaction each, as many at once as the database usefully writes (one on SQLite, two or more on
/// PostgreSQL) plus one more that reads and counts meanwhile. Running it again finds nothing left to move (idempotent),
/// so an interrupted re-plan is finished by running it again. Example: Xiantao declares Thu 2026-10-08 a closure → a
/// handling task due that day moves to Fri 10-09 and its red escalation with it.
/// </summary>
public sealed class DeadlineReplanner(IServiceScopeFactory scopes, IWriteConcurrency writers)
{
    /// <summary>Tries per batch: handlers closing tasks of the same batch ten times over while it runs is beyond chance.</summary>
    private const int MaxAttempts = 10;

    public async Task<ReplanReport> ReplanAsync(ReplanScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var (tree, batches) = await ListAsync(scope, null, cancellationToken);
        return await InBatchesAsync(batches, (batch, ids, ct) => batch.RunAsync(scope, tree, ids, ct), cancellationToken);
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
        var (_, batches) = await ListAsync(scope, changed, cancellationToken);
        return await InBatchesAsync(batches, (batch, ids, ct) => batch.PreviewAsync(scope, changed, ids, ct), cancellationToken);
    }

    /// <summary>The tree in force (or <paramref name="changed"/>) and the ids of the scope's open tasks, cut into batches.</summary>
    private async Task<(BureauTree Tree, Guid[][] Batches)> ListAsync(ReplanScope scope, BureauTree? changed, CancellationToken cancellationToken)
    {
        await using var services = scopes.CreateAsyncScope();
        var tree = changed ?? await services.ServiceProvider.GetRequiredService<IBureauStore>().LoadTreeAsync(cancellationToken);
        var bureauIds = tree.Subtree(scope.BureauId).Select(b => b.Id).ToList();
        var ids = await services.ServiceProvider.GetRequiredService<IRequestTaskStore>().ListOpenWithDeadlineAsync(
            new OpenTaskBatch(bureauIds, scope.Step, null, int.MaxValue), cancellationToken);
        return (tree, [.. ids.Chunk(Math.Max(1, writers.RowsPerTransaction))]);
    }

    /// <summary>
    /// Runs each batch in a scope (and so a transaction) of its own, one more at a time than
    /// <see cref="IWriteConcurrency.UsefulWriters"/> (one batch reads and counts while the others write), and adds up their
    /// reports. A batch that met a concurrent change (a handler closed one of its tasks) is read and run again.
    /// </summary>
    private async Task<ReplanReport> InBatchesAsync(
        Guid[][] batches, Func<DeadlineReplanBatch, Guid[], CancellationToken, Task<DeadlineReplanBatch.Result>> run, CancellationToken cancellationToken)
    {
        var (examined, moved, replanned) = (0, 0, 0);
        await Parallel.ForEachAsync(
            batches, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, writers.UsefulWriters) + 1, CancellationToken = cancellationToken },
            async (ids, ct) =>
            {
                var result = await RunAgainAfterConflictsAsync(ids, run, ct);
                Interlocked.Add(ref examined, result.Examined);
                Interlocked.Add(ref moved, result.Moved);
                Interlocked.Add(ref replanned, result.Replanned);
            });
        return new ReplanReport(examined, moved, replanned);
    }

    private async Task<DeadlineReplanBatch.Result> RunAgainAfterConflictsAsync(
        Guid[] ids, Func<DeadlineReplanBatch, Guid[], CancellationToken, Task<DeadlineReplanBatch.Result>> run, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var services = scopes.CreateAsyncScope();
            try
            {
                return await run(services.ServiceProvider.GetRequiredService<DeadlineReplanBatch>(), ids, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxAttempts)
            {
            }
        }
    }
}

/// <summary>One batch of <see cref="DeadlineReplanner"/>, in one transaction. Scoped: one per batch.</summary>
public sealed class DeadlineReplanBatch(
    IUnitOfWork unitOfWork,
    IRequestTaskStore tasks,
    ITaxpayerRequestStore requests,
    IDeadlineChangeStore deadlineChanges,
    SlaTimerPlanner timers,
    TimeProvider time)
{
    public sealed record Result(int Examined, int Moved, int Replanned);

    /// <summary>
    /// Re-plans those of these tasks still open with an SLA count (one may have closed since it was listed). The tasks and
    /// timers are read and counted before the transaction, so that on SQLite, whose one writer is taken in turns, one
    /// batch reads and counts while another writes; the writes are checked against the versions read, so a task a handler
    /// closed in between fails the batch with <see cref="ConcurrencyConflictException"/> and nothing of it stands.
    /// </summary>
    public async Task<Result> RunAsync(ReplanScope scope, BureauTree tree, IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken)
    {
        var open = await OpenTasksAsync(scope, taskIds, cancellationToken);
        if (open.Count == 0)
        {
            return new Result(0, 0, 0);
        }

        var (affected, changes) = await CountAgainAsync(scope, tree, open, cancellationToken);
        var plan = await timers.PlanAsync(affected, tree, cancellationToken);
        return await unitOfWork.InTransactionAsync(async ct =>
        {
            await timers.SaveAsync(plan, ct);
            await tasks.UpdateManyAsync(open, ct);
            if (changes.Count > 0)
            {
                await deadlineChanges.AddAsync(changes, ct);
            }

            return new Result(open.Count, changes.Count, plan.ChangedTasks);
        }, cancellationToken);
    }

    /// <summary>The same count as <see cref="RunAsync"/> under <paramref name="changed"/>, saving nothing (this scope is thrown away).</summary>
    public async Task<Result> PreviewAsync(ReplanScope scope, BureauTree changed, IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changed);
        var open = await OpenTasksAsync(scope, taskIds, cancellationToken);
        var (_, changes) = await CountAgainAsync(scope, changed, open, cancellationToken);
        return new Result(open.Count, changes.Count, 0);
    }

    private async Task<IReadOnlyList<RequestTask>> OpenTasksAsync(ReplanScope scope, IReadOnlyCollection<Guid> taskIds, CancellationToken ct) =>
        [.. (await tasks.FindManyAsync(taskIds, ct))
            .Where(t => t.Status == RequestTaskStatus.Open && t.SlaCountFrom is not null && (scope.Step is not { } step || t.SlaStep == step))];

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
