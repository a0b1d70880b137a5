using Bpm.Application.Requests;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>
/// Saving an entity with a <c>Version</c> token: a copy read before someone else's save is refused. Example: two
/// handlers load task v3; the first save makes it v4; the second raises ConcurrencyConflictException and nothing of
/// it is written. The refused copy gets its own version back, so a retry after re-reading starts clean.
/// </summary>
internal static class VersionedUpdates
{
    public static async Task SaveVersionedAsync<T>(this BpmDbContext db, T entity, string conflictMessage, CancellationToken cancellationToken)
        where T : class
    {
        var entry = db.Entry(entity);
        if (entry.State == EntityState.Detached)
        {
            db.Update(entity);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            var version = entry.Property(BpmDbContext.Version);
            version.CurrentValue = version.OriginalValue;
            entry.State = EntityState.Detached;
            throw new ConcurrencyConflictException(conflictMessage);
        }
    }
}
