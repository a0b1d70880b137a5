using Bpm.Domain.Requests;

namespace Bpm.Application.Requests.Duplicates;

/// <summary>
/// Findings of duplicate detection and the lookups behind them. Implementations: Bpm.Persistence (EF Core), one contract
/// test class for all.
/// </summary>
public interface IRelatedRequestStore
{
    /// <summary>
    /// A taxpayer's requests received in [<see cref="TaxpayerLookup.From"/>, <see cref="TaxpayerLookup.Until"/>] with the same
    /// credit code (when given) or the same contact, newest first, at most <see cref="TaxpayerLookup.Take"/>: one query on the
    /// (CreditCode, ReceivedAt) and (Contact, ReceivedAt) indexes, never a scan of all requests.
    /// </summary>
    Task<IReadOnlyList<EarlierRequest>> EarlierOfTaxpayerAsync(TaxpayerLookup lookup, CancellationToken cancellationToken);

    Task AddAsync(IReadOnlyCollection<RequestLink> links, CancellationToken cancellationToken);

    /// <summary>The links found at the request's registration and those later registrations found to it.</summary>
    Task<IReadOnlyList<RequestLink>> LinksOfAsync(Guid requestId, CancellationToken cancellationToken);

    /// <summary>Requests merged into this one, oldest receipt first.</summary>
    Task<IReadOnlyList<TaxpayerRequest>> MergedIntoAsync(Guid targetRequestId, CancellationToken cancellationToken);

    /// <summary>Which of these requests have a likely duplicate (e.g. to mark rows of an inbox page); one read.</summary>
    Task<IReadOnlySet<Guid>> WithLikelyDuplicatesAsync(IReadOnlyCollection<Guid> requestIds, CancellationToken cancellationToken);
}

/// <summary>Whose earlier requests to look up; <see cref="ExceptId"/> is the request being registered.</summary>
public sealed record TaxpayerLookup(string? CreditCode, string Contact, DateTimeOffset From, DateTimeOffset Until, Guid ExceptId, int Take);

/// <summary>What detection needs of an earlier request.</summary>
public sealed record EarlierRequest(
    Guid Id, Guid BureauId, RequestType Type, string TaxpayerName, string Contact, string? CreditCode, string Text, DateTimeOffset ReceivedAt, RequestStatus Status);
