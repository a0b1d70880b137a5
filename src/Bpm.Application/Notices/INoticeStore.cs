using Bpm.Domain.Notices;
using Bpm.Domain.Users;

namespace Bpm.Application.Notices;

/// <summary>Notices to people (预警, 督办, 催办, 联席会议). Implementations: Bpm.Persistence (EF Core).</summary>
public interface INoticeStore
{
    Task AddAsync(IReadOnlyCollection<Notice> notices, CancellationToken cancellationToken);

    /// <summary>A user's notices: addressed to the user, or to the user's unit with a role the user holds (or any role); newest first.</summary>
    Task<NoticePage> ListAsync(NoticeQuery query, CancellationToken cancellationToken);

    /// <summary>Every notice about a request, oldest first (request page, tests).</summary>
    Task<IReadOnlyList<Notice>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>Tracked, for marking read.</summary>
    Task<Notice?> FindAsync(Guid noticeId, CancellationToken cancellationToken);

    Task UpdateAsync(Notice notice, CancellationToken cancellationToken);
}

public sealed record NoticeQuery
{
    public required Guid UserId { get; init; }

    public Guid? UnitId { get; init; }

    public required Roles Roles { get; init; }

    public bool UnreadOnly { get; init; }

    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;
}

public sealed record NoticePage(IReadOnlyList<Notice> Items, int TotalCount, int Page, int PageSize);
