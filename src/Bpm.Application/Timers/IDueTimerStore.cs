using Bpm.Domain.Timers;

namespace Bpm.Application.Timers;

/// <summary>
/// The timers table: the outbox of timer requests and the record of what was applied. Timers read for changing are
/// tracked by the store's unit of work; <see cref="UpdateAsync"/> saves them with optimistic concurrency.
/// Implementations: Bpm.Persistence (EF Core), one contract test class for all.
/// </summary>
public interface IDueTimerStore
{
    Task AddAsync(IReadOnlyCollection<DueTimer> timers, CancellationToken cancellationToken);

    /// <summary>Pending timers of these tasks, tracked, oldest instant first.</summary>
    Task<IReadOnlyList<DueTimer>> ListPendingForTasksAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken);

    /// <summary>The pending timer of a workflow timer bookmark, tracked; null if none.</summary>
    Task<DueTimer?> FindPendingForBookmarkAsync(string bookmarkId, CancellationToken cancellationToken);

    /// <summary>
    /// Pending timers due at or before <paramref name="upTo"/>: only their ids and instants, in due order (instant, then
    /// id), at most <paramref name="take"/>. Read them with <see cref="FindPendingAsync"/> to apply them.
    /// </summary>
    Task<IReadOnlyList<DueTimerSlot>> ListDueAsync(DateTimeOffset upTo, int take, CancellationToken cancellationToken);

    /// <summary>Those of these timers still pending, tracked, in due order (instant, then id); one applied meanwhile is left out.</summary>
    Task<IReadOnlyList<DueTimer>> FindPendingAsync(IReadOnlyCollection<Guid> timerIds, CancellationToken cancellationToken);

    /// <summary>The outbox: pending timers not yet handed to the scheduler, untracked, in due order, at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<DueTimer>> ListNotHandedOverAsync(int take, CancellationToken cancellationToken);

    /// <summary>Marks these timers as handed to the scheduler, in one statement (no concurrency check: the flag only ever goes on).</summary>
    Task MarkHandedOverAsync(IReadOnlyCollection<Guid> timerIds, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels these timers where they are still pending, in one statement per chunk (re-planning 500 tasks cancels 500
    /// timers at once); tracked copies are forgotten. A timer applied meanwhile by another node stays applied.
    /// </summary>
    Task CancelPendingAsync(IReadOnlyCollection<Guid> timerIds, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Cancels every pending timer of these tasks in one statement per chunk, without reading them first (a completed task's
    /// rungs); tracked copies are forgotten. A timer applied meanwhile by another node stays applied.
    /// </summary>
    Task CancelPendingForTasksAsync(IReadOnlyCollection<Guid> taskIds, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Every timer of a request in due order, whatever its status (request page, tests), untracked.</summary>
    Task<IReadOnlyList<DueTimer>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>The earliest pending instant, or null when nothing is pending (start-up check, benchmarks).</summary>
    Task<DateTimeOffset?> NextPendingDueAtAsync(CancellationToken cancellationToken);

    /// <summary>Saves changed tracked timers; one changed by someone else since it was read → ConcurrencyConflictException, nothing saved.</summary>
    Task UpdateAsync(IReadOnlyCollection<DueTimer> timers, CancellationToken cancellationToken);
}

/// <summary>A pending timer's id and the instant it is due at, as listed for applying.</summary>
public sealed record DueTimerSlot(Guid Id, DateTimeOffset DueAt);
