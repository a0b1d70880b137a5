using Bpm.Domain.Tasks;
using Bpm.Domain.Users;

namespace Bpm.Application.Tasks;

/// <summary>People's tasks on requests. Implementations: Bpm.Persistence (EF Core), one contract test class for all.</summary>
public interface IRequestTaskStore
{
    Task AddAsync(RequestTask task, CancellationToken cancellationToken);

    Task<RequestTask?> FindAsync(Guid taskId, CancellationToken cancellationToken);

    /// <summary>The open task waiting on a bookmark, if any.</summary>
    Task<RequestTask?> FindOpenByBookmarkAsync(string bookmarkId, CancellationToken cancellationToken);

    /// <summary>Every task of a request, oldest first.</summary>
    Task<IReadOnlyList<RequestTask>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>
    /// A handler's inbox: open tasks claimed by the user, plus unclaimed open tasks of the user's unit whose role
    /// the user holds, limited to the given bureaus; the earliest due first (tasks without a due date last).
    /// </summary>
    Task<TaskPage> InboxAsync(InboxQuery query, CancellationToken cancellationToken);

    /// <summary>Saves a changed task; a concurrent change since it was read → ConcurrencyConflictException.</summary>
    Task UpdateAsync(RequestTask task, CancellationToken cancellationToken);
}

public sealed record InboxQuery
{
    public required Guid UserId { get; init; }

    public Guid? UnitId { get; init; }

    public required Roles Roles { get; init; }

    public required IReadOnlyCollection<Guid> BureauIds { get; init; }

    /// <summary>Only tasks due before this instant (overdue filter); null = all.</summary>
    public DateTimeOffset? DueBefore { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

public sealed record TaskPage(IReadOnlyList<RequestTask> Items, int TotalCount, int Page, int PageSize);
