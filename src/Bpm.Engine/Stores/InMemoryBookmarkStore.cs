using Bpm.Engine.Runtime;

namespace Bpm.Engine.Stores;

public sealed class InMemoryBookmarkStore : IBookmarkStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, StoredBookmark> bookmarks = [];

    public Task<StoredBookmark?> FindAsync(string bookmarkId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(bookmarks.GetValueOrDefault(bookmarkId));
        }
    }

    public Task<IReadOnlyList<StoredBookmark>> ListAsync(BookmarkFilter filter, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<StoredBookmark> found = bookmarks.Values
                .Where(b => (filter.Name is null || b.Bookmark.Name == filter.Name)
                            && (filter.Hash is null || b.Bookmark.Hash == filter.Hash)
                            && (filter.WorkflowInstanceId is null || b.WorkflowInstanceId == filter.WorkflowInstanceId))
                .OrderBy(b => b.Bookmark.CreatedAt)
                .ToList();
            return Task.FromResult(found);
        }
    }

    public Task SaveAsync(string workflowInstanceId, IReadOnlyCollection<Bookmark> toSave, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var bookmark in toSave)
            {
                bookmarks[bookmark.Id] = new StoredBookmark(workflowInstanceId, bookmark);
            }
        }

        return Task.CompletedTask;
    }

    public Task AddAsync(string workflowInstanceId, IReadOnlyCollection<Bookmark> bookmarks, CancellationToken cancellationToken) =>
        SaveAsync(workflowInstanceId, bookmarks, cancellationToken);

    public Task RemoveAsync(IReadOnlyCollection<string> bookmarkIds, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var id in bookmarkIds)
            {
                bookmarks.Remove(id);
            }
        }

        return Task.CompletedTask;
    }
}
