using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Application.Tasks;
using Bpm.Domain.Tasks;
using Bpm.Domain.Timers;
using Bpm.Engine.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Application.Timers;

/// <summary>
/// Applies every timer due by an instant, in due order: the due timers are listed (ids and instants), then applied one
/// instant after another, each instant's timers in batches of <see cref="IWriteConcurrency.RowsPerTransaction"/>, each batch
/// one transaction in a scope of its own, as many batches at once as the database usefully writes (one on SQLite, two or
/// more on a server). 10,000 escalations due at one cut-off are thus 2 commits on SQLite and 20 on PostgreSQL, two at a
/// time, not 10,000. A timer is applied at most once: it moves from Pending to Applied under optimistic concurrency in the
/// same transaction as its effect; if another node got there first, the batch rolls back and is read again, and the timer
/// the other node applied is no longer pending, so it drops out.
/// </summary>
public sealed class DueTimerProcessor(IServiceScopeFactory scopes, IWriteConcurrency writers)
{
    /// <summary>Timers listed at a time: a whole cut-off's burst at once; more are listed when these are done.</summary>
    public const int ListSize = 50_000;

    private const int MaxConflictsInARow = 10;

    /// <summary>Returns how many timers were applied or skipped (their task had closed or their bookmark gone).</summary>
    public async Task<int> ApplyDueAsync(DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        var total = 0;
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, writers.UsefulWriters), CancellationToken = cancellationToken };
        while (await ListDueAsync(upTo, cancellationToken) is { Count: > 0 } due)
        {
            // Instants in order (a warning before the red escalation it precedes); within one instant, order does not matter.
            foreach (var instant in due.GroupBy(t => t.DueAt))
            {
                var batches = instant.Select(t => t.Id).Chunk(Math.Max(1, writers.RowsPerTransaction));
                await Parallel.ForEachAsync(batches, options, async (ids, ct) => Interlocked.Add(ref total, await ApplyBatchAsync(ids, ct)));
            }
        }

        return total;
    }

    private async Task<IReadOnlyList<DueTimerSlot>> ListDueAsync(DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IDueTimerStore>().ListDueAsync(upTo, ListSize, cancellationToken);
    }

    /// <summary>One batch; after a conflict with another node it is read again (what that node applied drops out) and retried.</summary>
    private async Task<int> ApplyBatchAsync(Guid[] timerIds, CancellationToken cancellationToken)
    {
        for (var conflicts = 0; ; )
        {
            await using var scope = scopes.CreateAsyncScope();
            try
            {
                return await scope.ServiceProvider.GetRequiredService<DueTimerBatch>().ApplyAsync(timerIds, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (++conflicts < MaxConflictsInARow)
            {
            }
        }
    }
}

/// <summary>One batch of <see cref="DueTimerProcessor"/>, in one transaction. Scoped: one per batch.</summary>
public sealed class DueTimerBatch(
    IUnitOfWork unitOfWork,
    IDueTimerStore timers,
    IRequestTaskStore tasks,
    ITaxpayerRequestStore requests,
    IBureauStore bureaus,
    SlaAlarmEffects effects,
    IBookmarkResumer resumer,
    TimeProvider time)
{
    /// <summary>Applies those of these timers still pending; returns how many that was.</summary>
    public Task<int> ApplyAsync(IReadOnlyCollection<Guid> timerIds, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync(async ct =>
        {
            var due = await timers.FindPendingAsync(timerIds, ct);
            if (due.Count == 0)
            {
                return 0;
            }

            var tree = await bureaus.LoadTreeAsync(ct);
            var requestIds = due.Where(t => t.RequestId is not null).Select(t => t.RequestId!.Value).Distinct().ToList();
            var requestsById = (await requests.FindManyAsync(requestIds, ct)).ToDictionary(r => r.Id);
            var taskIds = due.Where(t => t.TaskId is not null).Select(t => t.TaskId!.Value).Distinct().ToList();
            var tasksById = (await tasks.FindManyAsync(taskIds, ct)).ToDictionary(t => t.Id);
            var changedTasks = new Dictionary<Guid, RequestTask>();
            foreach (var timer in due)
            {
                var now = time.GetUtcNow();
                if (timer.Kind == DueTimerKind.ResumeBookmark)
                {
                    // Applied first: the resumed run may schedule or cancel timers of its own, and must see this one closed.
                    timer.Apply(now);
                    await timers.UpdateAsync([timer], ct);
                    await resumer.ResumeTimerAsync(timer.BookmarkId!, timer.WorkflowInstanceId!, ct);
                    continue;
                }

                var task = timer.TaskId is { } taskId ? tasksById.GetValueOrDefault(taskId) : null;
                var request = timer.RequestId is { } requestId ? requestsById.GetValueOrDefault(requestId) : null;
                if (task is null || request is null || task.Status != RequestTaskStatus.Open || task.IsPaused
                    || !await effects.ApplyAsync(timer, task, request, tree, ct))
                {
                    timer.Skip(now);
                    continue;
                }

                timer.Apply(now);
                changedTasks[task.Id] = task;
            }

            await effects.FlushAsync(ct);
            await timers.UpdateAsync(due, ct);
            if (changedTasks.Count > 0)
            {
                await tasks.UpdateManyAsync(changedTasks.Values, ct);
            }

            return due.Count;
        }, cancellationToken);
}
