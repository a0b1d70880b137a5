using System.Text.Json.Nodes;
using Bpm.Engine.Runtime;
using Bpm.Engine.Stores;
using Bpm.Persistence.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>
/// Bookmarks as rows, found by (name, hash) when a stimulus arrives, e.g. ("Elsa.Event", sha256("Elsa.Event\nApproved")),
/// or by instance. Saving a bookmark id again replaces that row. Rows are not kept tracked: a bookmark is
/// written once and removed when resumed.
/// </summary>
internal sealed class EfBookmarkStore(BpmDbContext db) : IBookmarkStore
{
    public async Task<StoredBookmark?> FindAsync(string bookmarkId, CancellationToken cancellationToken)
    {
        var record = await db.Bookmarks.AsNoTracking().SingleOrDefaultAsync(b => b.Id == bookmarkId, cancellationToken);
        return record is null ? null : ToStored(record);
    }

    public async Task<IReadOnlyList<StoredBookmark>> ListAsync(BookmarkFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var query = db.Bookmarks.AsNoTracking();
        if (filter.Name is { } name)
        {
            query = query.Where(b => b.Name == name);
        }

        if (filter.Hash is { } hash)
        {
            query = query.Where(b => b.Hash == hash);
        }

        if (filter.WorkflowInstanceId is { } instanceId)
        {
            query = query.Where(b => b.WorkflowInstanceId == instanceId);
        }

        var records = await query.OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).ToListAsync(cancellationToken);
        return records.Select(ToStored).ToList();
    }

    public async Task SaveAsync(string workflowInstanceId, IReadOnlyCollection<Bookmark> bookmarks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bookmarks);
        if (bookmarks.Count == 0)
        {
            return;
        }

        var records = bookmarks.Select(b => ToRecord(workflowInstanceId, b)).ToList();
        var ids = records.Select(r => r.Id).ToList();
        await using var transaction = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
        await db.Bookmarks.Where(b => ids.Contains(b.Id)).ExecuteDeleteAsync(cancellationToken);
        await InsertAsync(records, transaction, cancellationToken);
    }

    public async Task AddAsync(string workflowInstanceId, IReadOnlyCollection<Bookmark> bookmarks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bookmarks);
        if (bookmarks.Count == 0)
        {
            return;
        }

        var records = bookmarks.Select(b => ToRecord(workflowInstanceId, b)).ToList();
        await using var transaction = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
        await InsertAsync(records, transaction, cancellationToken);
    }

    /// <summary>Adds the rows and saves them in <paramref name="transaction"/> (if this call opened one), or leaves them for the unit of work's one save.</summary>
    private async Task InsertAsync(List<BookmarkRecord> records, Microsoft.EntityFrameworkCore.Storage.IDbContextTransaction? transaction, CancellationToken cancellationToken)
    {
        db.Bookmarks.AddRange(records);
        if (db.DefersSaves)
        {
            return;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        finally
        {
            records.ForEach(r => db.Entry(r).State = EntityState.Detached);
        }
    }

    public async Task RemoveAsync(IReadOnlyCollection<string> bookmarkIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bookmarkIds);
        foreach (var chunk in bookmarkIds.Chunk(500))
        {
            await Remove.For(db)(db, chunk, cancellationToken);
        }
    }

    // Translated once per model: every completion removes the bookmark it resumed.
    private static readonly CompiledPerModel<Func<BpmDbContext, string[], CancellationToken, Task<int>>> Remove =
        new(() => EF.CompileAsyncQuery((BpmDbContext db, string[] ids, CancellationToken _) => db.Bookmarks.Where(b => ids.Contains(b.Id)).ExecuteDelete()));

    private static BookmarkRecord ToRecord(string workflowInstanceId, Bookmark bookmark) => new()
    {
        Id = bookmark.Id,
        WorkflowInstanceId = workflowInstanceId,
        Name = bookmark.Name,
        Hash = bookmark.Hash,
        ActivityId = bookmark.ActivityId,
        ActivityNodeId = bookmark.ActivityNodeId,
        ActivityInstanceId = bookmark.ActivityInstanceId,
        ActivityType = bookmark.ActivityType,
        PayloadJson = bookmark.Payload?.ToJsonString(),
        AutoBurn = bookmark.AutoBurn,
        CreatedAt = bookmark.CreatedAt.ToUniversalTime(),
        ResumeAt = bookmark.ResumeAt?.ToUniversalTime(),
    };

    private static StoredBookmark ToStored(BookmarkRecord record) => new(record.WorkflowInstanceId, new Bookmark
    {
        Id = record.Id,
        Name = record.Name,
        Hash = record.Hash,
        ActivityId = record.ActivityId,
        ActivityNodeId = record.ActivityNodeId,
        ActivityInstanceId = record.ActivityInstanceId,
        ActivityType = record.ActivityType,
        Payload = record.PayloadJson is null ? null : JsonNode.Parse(record.PayloadJson),
        AutoBurn = record.AutoBurn,
        CreatedAt = record.CreatedAt,
        ResumeAt = record.ResumeAt,
    });
}
