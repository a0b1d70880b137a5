using Bpm.Application.Library;
using Bpm.Domain.Library;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>Library items: added, read, and decided once with optimistic concurrency.</summary>
internal sealed class EfLibraryStore(BpmDbContext db) : ILibraryStore
{
    public async Task AddAsync(LibraryEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        db.Add(entry);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<LibraryEntry?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.Set<LibraryEntry>().FirstOrDefaultAsync(e => e.Id == id, cancellationToken);

    public Task UpdateAsync(LibraryEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return db.SaveVersionedAsync(entry, $"“{entry.Title}”已被他人审核，请刷新后重试", cancellationToken);
    }

    public async Task<IReadOnlyList<LibraryEntry>> ListAsync(LibraryFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var bureauIds = filter.BureauIds.ToList();
        var query = db.Set<LibraryEntry>().AsNoTracking().Where(e => bureauIds.Contains(e.BureauId));
        if (filter.Status is { } status)
        {
            query = query.Where(e => e.Status == status);
        }

        if (filter.Kind is { } kind)
        {
            query = query.Where(e => e.Kind == kind);
        }

        if (filter.Type is { } type)
        {
            query = query.Where(e => e.RequestType == type);
        }

        if (filter.SourceRequestId is { } source)
        {
            query = query.Where(e => e.SourceRequestId == source);
        }

        return await query.OrderByDescending(e => e.ProposedAt).ThenByDescending(e => e.Id).Take(filter.Limit).ToListAsync(cancellationToken);
    }
}
