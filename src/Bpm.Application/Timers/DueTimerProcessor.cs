using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Application.Tasks;
using Bpm.Domain.Tasks;
using Bpm.Domain.Timers;
using Bpm.Engine.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Application.Timers;

/// <summary>
/// Applies every timer due by an instant, in due order, in batches of <see cref="BatchSize"/>: each batch is one
/// transaction in a scope of its own, so 10,000 escalations due at one cut-off cost 20 commits, not 10,000. A timer is
/// applied at most once: it moves from Pending to Applied under optimistic concurrency in the same transaction as its
/// effect; if another node got there first, the batch rolls back and is read again without that timer.
/// </summary>
public sealed class DueTimerProcessor(IServiceScopeFactory scopes)
{
    // 500 per transaction: a burst of 10,000 is 20 commits; a batch holds SQLite's single writer for about half a second.
    public const int BatchSize = 500;

    private const int MaxConflictsInARow = 10;

    /// <summary>Returns how many timers were applied or skipped (their task had closed or their bookmark gone).</summary>
    public async Task<int> ApplyDueAsync(DateTimeOffset upTo, CancellationToken cancellationToken)
    {
        var total = 0;
        var conflicts = 0;
        while (true)
        {
            await using var scope = scopes.CreateAsyncScope();
            var batch = scope.ServiceProvider.GetRequiredService<DueTimerBatch>();
            int done;
            try
            {
                // After a conflict, go one timer at a time until the contested one is behind us.
                done = await batch.ApplyAsync(upTo, conflicts > 0 ? 1 : BatchSize, cancellationToken);
                conflicts = 0;
            }
            catch (ConcurrencyConflictException) when (++conflicts < MaxConflictsInARow)
            {
                continue;
            }

            if (done == 0)
            {
                return total;
            }

            total += done;
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
    public Task<int> ApplyAsync(DateTimeOffset upTo, int take, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync(async ct =>
        {
            var due = await timers.ListDueAsync(upTo, take, ct);
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
