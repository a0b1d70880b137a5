using Bpm.Application.Timers;
using Bpm.Domain.Timers;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>
/// Timers as rows, with optimistic concurrency on <see cref="DueTimer.Version"/>: two nodes firing the red escalation of
/// the same task both read it pending; the first to save it Applied wins, the second gets
/// <see cref="Bpm.Application.Requests.ConcurrencyConflictException"/> and sends no second 督办.
/// Instants are compared as stored: UTC (on SQLite a sortable number, see <see cref="SqliteBpmDbContext"/>), so every
/// instant given is turned to UTC first; 2026-10-10T08:00+08:00 finds what is due by 2026-10-10T00:00Z.
/// </summary>
internal sealed class EfDueTimerStore(BpmDbContext db) : IDueTimerStore
{
    /// <summary>Ids per statement: well under the parameter limits (SQL Server 2,100; SQLite 32,766).</summary>
    private const int Chunk = 500;

    public async Task AddAsync(IReadOnlyCollection<DueTimer> timers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timers);
        if (timers.Count == 0)
        {
            return;
        }

        await db.InsertAsync([.. timers], cancellationToken);
    }

    public async Task<IReadOnlyList<DueTimer>> ListPendingForTasksAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken)
    {
        var ids = IdLists.Of(taskIds);
        if (ids.Length == 0)
        {
            return [];
        }

        var timers = await IdLists.Rows<DueTimer>(db, nameof(DueTimer.TaskId), ids, t => t.TaskId != null && EF.Parameter(ids).Contains(t.TaskId.Value))
            .Where(t => t.Status == DueTimerStatus.Pending).ToListAsync(cancellationToken);
        return [.. timers.OrderBy(t => t.DueAt).ThenBy(t => t.Id)];
    }

    public Task<DueTimer?> FindPendingForBookmarkAsync(string bookmarkId, CancellationToken cancellationToken) =>
        db.DueTimers.Where(t => t.BookmarkId == bookmarkId && t.Status == DueTimerStatus.Pending)
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id).FirstOrDefaultAsync(cancellationToken);

    public async Task<IReadOnlyList<DueTimerSlot>> ListDueAsync(DateTimeOffset upTo, int take, CancellationToken cancellationToken)
    {
        var until = upTo.ToUniversalTime();
        return await db.DueTimers.AsNoTracking().Where(t => t.Status == DueTimerStatus.Pending && t.DueAt <= until)
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(take).Select(t => new DueTimerSlot(t.Id, t.DueAt)).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DueTimer>> FindPendingAsync(IReadOnlyCollection<Guid> timerIds, CancellationToken cancellationToken)
    {
        var ids = IdLists.Of(timerIds);
        if (ids.Length == 0)
        {
            return [];
        }

        var timers = await IdLists.Rows<DueTimer>(db, nameof(DueTimer.Id), ids, t => EF.Parameter(ids).Contains(t.Id))
            .Where(t => t.Status == DueTimerStatus.Pending).ToListAsync(cancellationToken);
        return [.. timers.OrderBy(t => t.DueAt).ThenBy(t => t.Id)];
    }

    public async Task<IReadOnlyList<DueTimer>> ListNotHandedOverAsync(int take, CancellationToken cancellationToken) =>
        await db.DueTimers.AsNoTracking().Where(t => !t.HandedOver && t.Status == DueTimerStatus.Pending)
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(take).ToListAsync(cancellationToken);

    /// <summary>
    /// The version is left alone: handing over only ever turns the flag on, and a node applying the same timer at the
    /// same moment must not get a conflict for it. A copy tracked by this scope keeps its old flag (read again to see it).
    /// </summary>
    public async Task MarkHandedOverAsync(IReadOnlyCollection<Guid> timerIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timerIds);
        foreach (var chunk in timerIds.Distinct().Chunk(Chunk))
        {
            await db.DueTimers.Where(t => chunk.Contains(t.Id) && !t.HandedOver)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.HandedOver, true), cancellationToken);
        }
    }

    public async Task CancelPendingAsync(IReadOnlyCollection<Guid> timerIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(timerIds);
        var ids = timerIds.ToHashSet();
        Forget(t => ids.Contains(t.Id));
        foreach (var chunk in ids.Chunk(Chunk))
        {
            await CancelPendingAsync(db.DueTimers.Where(t => chunk.Contains(t.Id)), at, cancellationToken);
        }
    }

    public async Task CancelPendingForTasksAsync(IReadOnlyCollection<Guid> taskIds, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(taskIds);
        var ids = taskIds.ToHashSet();
        Forget(t => t.TaskId is { } task && ids.Contains(task));
        foreach (var chunk in ids.Chunk(Chunk))
        {
            await CancelPendingAsync(db.DueTimers.Where(t => t.TaskId != null && chunk.Contains(t.TaskId.Value)), at, cancellationToken);
        }
    }

    /// <summary>Tracked copies of timers about to be changed by a set-based statement would be stale: they are detached.</summary>
    private void Forget(Func<DueTimer, bool> which)
    {
        foreach (var entry in db.ChangeTracker.Entries<DueTimer>().Where(e => which(e.Entity)).ToList())
        {
            entry.State = EntityState.Detached;
        }
    }

    /// <summary>Status Cancelled, closed at <paramref name="at"/>, version one up, for those of <paramref name="timers"/> still pending.</summary>
    private static Task<int> CancelPendingAsync(IQueryable<DueTimer> timers, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var closedAt = at.ToUniversalTime();
        return timers.Where(t => t.Status == DueTimerStatus.Pending).ExecuteUpdateAsync(
            s => s.SetProperty(t => t.Status, DueTimerStatus.Cancelled)
                .SetProperty(t => t.ClosedAt, closedAt)
                .SetProperty(t => EF.Property<long>(t, BpmDbContext.Version), t => EF.Property<long>(t, BpmDbContext.Version) + 1),
            cancellationToken);
    }

    public async Task<IReadOnlyList<DueTimer>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken) =>
        await db.DueTimers.AsNoTracking().Where(t => t.RequestId == requestId)
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id).ToListAsync(cancellationToken);

    public Task<DateTimeOffset?> NextPendingDueAtAsync(CancellationToken cancellationToken) =>
        db.DueTimers.Where(t => t.Status == DueTimerStatus.Pending)
            .OrderBy(t => t.DueAt).Select(t => (DateTimeOffset?)t.DueAt).FirstOrDefaultAsync(cancellationToken);

    public Task UpdateAsync(IReadOnlyCollection<DueTimer> timers, CancellationToken cancellationToken) =>
        db.UpdateTrackedAsync(timers, "定时任务已由其他节点处理", cancellationToken);
}
