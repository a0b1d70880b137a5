using Bpm.Domain.Collections;

namespace Bpm.Application.Collections;

/// <summary>The monthly collection tasks (table CollectionTasks, unique per unit and month). Implementation: Bpm.Persistence.</summary>
public interface ICollectionTaskStore
{
    /// <summary>The units of the bureau that already have a task for the month.</summary>
    Task<IReadOnlyList<Guid>> ListUnitIdsWithTaskAsync(Guid bureauId, CollectionMonth month, CancellationToken cancellationToken);

    /// <summary>
    /// Inserts the tasks. A unit that already has a task for the month (another node was quicker) → ConcurrencyConflictException
    /// and nothing of this call is stored; the caller's transaction must be rolled back and the work read again.
    /// </summary>
    Task AddAsync(IReadOnlyCollection<CollectionTask> tasks, CancellationToken cancellationToken);

    /// <summary>The task, tracked for <see cref="UpdateAsync"/>; null if none.</summary>
    Task<CollectionTask?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Saves a tracked task; changed by someone else since it was read → ConcurrencyConflictException.</summary>
    Task UpdateAsync(CollectionTask task, CancellationToken cancellationToken);

    /// <summary>The tasks matching the filter, untracked, by bureau, then due instant, then unit.</summary>
    Task<IReadOnlyList<CollectionTask>> ListAsync(CollectionTaskFilter filter, CancellationToken cancellationToken);
}

/// <summary>Tasks of these bureaus; optionally of one month, one unit, one status.</summary>
public sealed record CollectionTaskFilter(
    IReadOnlyCollection<Guid> BureauIds,
    CollectionMonth? Month = null,
    Guid? UnitId = null,
    CollectionTaskStatus? Status = null);
