using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;

namespace Bpm.Application.Requests;

/// <summary>Where requests live. Implementations: Bpm.Persistence (EF Core), one contract test class for all.</summary>
public interface ITaxpayerRequestStore
{
    /// <summary>
    /// Reserves the bureau's next number for the year and saves the request made with it, in one
    /// transaction: two concurrent registrations never share a number, and a failed save uses none.
    /// </summary>
    Task<TaxpayerRequest> RegisterAsync(Guid bureauId, string prefix, int year, Func<RequestNumber, TaxpayerRequest> create, CancellationToken cancellationToken);

    Task<TaxpayerRequest?> FindAsync(Guid id, CancellationToken cancellationToken);

    /// <summary>The requests with these ids that exist, in one read (e.g. the requests behind an inbox page).</summary>
    Task<IReadOnlyList<TaxpayerRequest>> FindManyAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    /// <summary>The type of each of these requests that exists, reading only that column (a re-plan batch needs nothing else).</summary>
    Task<IReadOnlyDictionary<Guid, RequestType>> TypesOfAsync(IReadOnlyCollection<Guid> ids, CancellationToken cancellationToken);

    Task<TaxpayerRequest?> FindByNumberAsync(string number, CancellationToken cancellationToken);

    Task<RequestPage> ListAsync(TaxpayerRequestFilter filter, CancellationToken cancellationToken);

    /// <summary>
    /// The next <paramref name="batchSize"/> matching requests after <paramref name="after"/> (null: from the start), in the
    /// list's order (newest receipt first, then number). Paging by key, not by offset, so reading a ledger of 100,000 rows
    /// batch by batch costs each batch the same. The filter's Page and PageSize are ignored.
    /// </summary>
    Task<IReadOnlyList<TaxpayerRequest>> ListBatchAsync(TaxpayerRequestFilter filter, RequestListCursor? after, int batchSize, CancellationToken cancellationToken);

    /// <summary>Saves a changed request; a concurrent change since it was read → <see cref="ConcurrencyConflictException"/>.</summary>
    Task UpdateAsync(TaxpayerRequest request, CancellationToken cancellationToken);
}

/// <summary>Filters combine with AND; null means "any". Newest receipt first.</summary>
public sealed record TaxpayerRequestFilter
{
    public IReadOnlyCollection<Guid>? BureauIds { get; init; }

    public RequestStatus? Status { get; init; }

    public RequestType? Type { get; init; }

    public string? CategoryCode { get; init; }

    public Channel? Channel { get; init; }

    public string? CreditCode { get; init; }

    public DateTimeOffset? ReceivedFrom { get; init; }

    public DateTimeOffset? ReceivedBefore { get; init; }

    /// <summary>Exact industry as registered, e.g. 制造业.</summary>
    public string? Industry { get; init; }

    public TaxpayerSize? Size { get; init; }

    /// <summary>One search box: the exact request number (XT-2026-000123), a part of the taxpayer's name, or the exact credit code.</summary>
    public string? Search { get; init; }

    /// <summary>
    /// Only requests late as of this instant: one of its tasks is open, running (not paused) and past its due
    /// instant, or one was completed after its due instant. Example: 办理 due 2026-03-05T16:00Z, still open at
    /// 2026-03-06 → overdue; completed 2026-03-06 → overdue for good, even after the request is closed.
    /// </summary>
    public DateTimeOffset? OverdueAsOf { get; init; }

    /// <summary>Only requests carrying this tag (exact name, e.g. 发票).</summary>
    public string? Tag { get; init; }

    /// <summary>1-based.</summary>
    public int Page { get; init; } = 1;

    public int PageSize { get; init; } = 50;

    /// <summary>Count matches only up to this many (<see cref="Paging.PageTotals"/>); more → a lower-bound total.</summary>
    public int TotalCap { get; init; } = Paging.PageTotals.DefaultCap;
}

/// <summary>Where the previous batch ended: its last row's receipt and number.</summary>
public sealed record RequestListCursor(DateTimeOffset ReceivedAt, string Number)
{
    public static RequestListCursor After(TaxpayerRequest request) => new(request.ReceivedAt, request.Number);
}

/// <summary>One list page; <see cref="TotalIsLowerBound"/>: more than <see cref="TotalCount"/> requests match (the count stopped at its cap).</summary>
public sealed record RequestPage(IReadOnlyList<TaxpayerRequest> Items, int TotalCount, int Page, int PageSize, bool TotalIsLowerBound = false);

/// <summary>Someone else changed the same thing first; the caller's change was not applied.</summary>
public sealed class ConcurrencyConflictException(string message) : Exception(message);
