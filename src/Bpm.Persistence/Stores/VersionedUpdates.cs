using Bpm.Application.Requests;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>
/// Saving entities with a <c>Version</c> token: a copy read before someone else's save is refused. Example: two
/// handlers load task v3; the first save makes it v4; the second raises ConcurrencyConflictException and nothing of
/// it is written. The refused copies get their own versions back, so a retry after re-reading starts clean.
/// Several entities are saved in one SaveChanges, hence all or none: re-planning 300 tasks of which one was completed
/// meanwhile writes none of the 300.
/// </summary>
internal static class VersionedUpdates
{
    public static Task SaveVersionedAsync<T>(this BpmDbContext db, T entity, string conflictMessage, CancellationToken cancellationToken)
        where T : class =>
        db.SaveVersionedAsync([entity], conflictMessage, cancellationToken);

    public static async Task SaveVersionedAsync<T>(
        this BpmDbContext db, IReadOnlyCollection<T> entities, string conflictMessage, CancellationToken cancellationToken)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(entities);
        foreach (var entity in entities.Where(e => db.Entry(e).State == EntityState.Detached))
        {
            db.Update(entity);
        }

        var entries = entities.Select(db.Entry).ToList();

        try
        {
            await db.SaveUnlessDeferredAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            foreach (var entry in entries)
            {
                var version = entry.Property(BpmDbContext.Version);
                version.CurrentValue = version.OriginalValue;
                entry.State = EntityState.Detached;
            }

            throw new ConcurrencyConflictException(conflictMessage);
        }
    }
}
