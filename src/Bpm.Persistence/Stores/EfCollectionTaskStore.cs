using Bpm.Application.Collections;
using Bpm.Application.Requests;
using Bpm.Domain.Collections;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

internal sealed class EfCollectionTaskStore(BpmDbContext db) : ICollectionTaskStore
{
    public async Task<IReadOnlyList<Guid>> ListUnitIdsWithTaskAsync(Guid bureauId, CollectionMonth month, CancellationToken cancellationToken) =>
        await db.CollectionTasks.AsNoTracking()
            .Where(t => t.BureauId == bureauId && t.Year == month.Year && t.Month == month.Month)
            .Select(t => t.UnitId).ToListAsync(cancellationToken);

    /// <summary>The unique index (unit, year, month) refuses a task another node inserted meanwhile: that is a conflict.</summary>
    public async Task AddAsync(IReadOnlyCollection<CollectionTask> tasks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        db.CollectionTasks.AddRange(tasks);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            foreach (var task in tasks)
            {
                db.Entry(task).State = EntityState.Detached;
            }

            throw new ConcurrencyConflictException("本月的报送任务已由另一进程创建");
        }
    }

    public Task<CollectionTask?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.CollectionTasks.SingleOrDefaultAsync(t => t.Id == id, cancellationToken);

    public Task UpdateAsync(CollectionTask task, CancellationToken cancellationToken) =>
        db.SaveVersionedAsync(task, "报送任务已被他人更新，请刷新后重试", cancellationToken);

    public async Task<IReadOnlyList<CollectionTask>> ListAsync(CollectionTaskFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var bureauIds = filter.BureauIds.ToList();
        var query = db.CollectionTasks.AsNoTracking().Where(t => bureauIds.Contains(t.BureauId));
        if (filter.Month is { } month)
        {
            query = query.Where(t => t.Year == month.Year && t.Month == month.Month);
        }

        if (filter.UnitId is { } unitId)
        {
            query = query.Where(t => t.UnitId == unitId);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(t => t.Status == status);
        }

        // Ordered in memory: SQLite cannot ORDER BY a DateTimeOffset column. A month of a subtree is a few hundred rows.
        var found = await query.ToListAsync(cancellationToken);
        return [.. found.OrderBy(t => t.BureauId).ThenBy(t => t.Year).ThenBy(t => t.Month).ThenBy(t => t.DueAt).ThenBy(t => t.UnitId)];
    }
}
