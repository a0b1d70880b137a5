using Bpm.Domain.Library;
using Bpm.Domain.Requests;

namespace Bpm.Application.Library;

/// <summary>The typical-case and standard-answer library. Implementations: Bpm.Persistence (EF Core), one contract test class for all.</summary>
public interface ILibraryStore
{
    Task AddAsync(LibraryEntry entry, CancellationToken cancellationToken);

    Task<LibraryEntry?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>Saves a decided entry; a decision saved since it was read → <see cref="Requests.ConcurrencyConflictException"/>.</summary>
    Task UpdateAsync(LibraryEntry entry, CancellationToken cancellationToken);

    /// <summary>Matching entries, newest proposal first, at most <see cref="LibraryFilter.Limit"/>.</summary>
    Task<IReadOnlyList<LibraryEntry>> ListAsync(LibraryFilter filter, CancellationToken cancellationToken);
}

/// <summary>Filters combine with AND; null means "any".</summary>
public sealed record LibraryFilter
{
    public required IReadOnlyCollection<Guid> BureauIds { get; init; }

    public LibraryEntryStatus? Status { get; init; }

    public LibraryEntryKind? Kind { get; init; }

    public RequestType? Type { get; init; }

    public Guid? SourceRequestId { get; init; }

    public int Limit { get; init; } = 1000;
}
