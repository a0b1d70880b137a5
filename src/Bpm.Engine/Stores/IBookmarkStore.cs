using Bpm.Engine.Runtime;

namespace Bpm.Engine.Stores;

/// <summary>A bookmark with the instance it belongs to, so a stimulus can find its instance (contract §5.2 StoredBookmark).</summary>
public sealed record StoredBookmark(string WorkflowInstanceId, Bookmark Bookmark);

/// <summary>Which bookmarks a stimulus matches: ("Elsa.Event", hash) optionally narrowed to one instance.</summary>
public sealed record BookmarkFilter(string? Name = null, string? Hash = null, string? WorkflowInstanceId = null);

public interface IBookmarkStore
{
    Task<StoredBookmark?> FindAsync(string bookmarkId, CancellationToken cancellationToken);
    Task<IReadOnlyList<StoredBookmark>> ListAsync(BookmarkFilter filter, CancellationToken cancellationToken);
    Task SaveAsync(string workflowInstanceId, IReadOnlyCollection<Bookmark> bookmarks, CancellationToken cancellationToken);

    /// <summary>Saves the bookmarks of a just-started instance: it has none yet, so none are replaced (no delete by id first).</summary>
    Task AddAsync(string workflowInstanceId, IReadOnlyCollection<Bookmark> bookmarks, CancellationToken cancellationToken);
    Task RemoveAsync(IReadOnlyCollection<string> bookmarkIds, CancellationToken cancellationToken);
}
