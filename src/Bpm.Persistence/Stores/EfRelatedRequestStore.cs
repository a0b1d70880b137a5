using Bpm.Application.Requests.Duplicates;
using Bpm.Domain.Requests;
using Bpm.Persistence.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>Links are written once at registration and only read afterwards, so none is kept tracked.</summary>
internal sealed class EfRelatedRequestStore(BpmDbContext db) : IRelatedRequestStore
{
    /// <summary>Every registration asks this, so both forms (with a credit code, without) are compiled queries.</summary>
    public async Task<IReadOnlyList<EarlierRequest>> EarlierOfTaxpayerAsync(TaxpayerLookup lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var from = lookup.From.ToUniversalTime();
        var until = lookup.Until.ToUniversalTime();
        var contact = db.PersonalData.Digest(lookup.Contact);
        var take = Math.Clamp(lookup.Take, 1, 500);
        var found = lookup.CreditCode is { } creditCode
            ? ByCodeOrContact.For(db)(db, from, until, lookup.ExceptId, db.PersonalData.Digest(creditCode), contact, take)
            : ByContact.For(db)(db, from, until, lookup.ExceptId, contact, take);
        var earlier = new List<EarlierRequest>();
        await foreach (var request in found.WithCancellation(cancellationToken))
        {
            earlier.Add(request);
        }

        return earlier;
    }

    // Written out in full: a compiled query's expression cannot call helper methods.
    private static readonly CompiledPerModel<Func<BpmDbContext, DateTimeOffset, DateTimeOffset, Guid, string, int, IAsyncEnumerable<EarlierRequest>>> ByContact =
        new(() => EF.CompileAsyncQuery((BpmDbContext db, DateTimeOffset from, DateTimeOffset until, Guid except, string contact, int take) =>
            db.TaxpayerRequests.AsNoTracking()
                .Where(r => r.ReceivedAt >= from && r.ReceivedAt <= until && r.Id != except)
                .Where(r => EF.Property<string?>(r, PersonalDataColumns.ContactDigest) == contact)
                .OrderByDescending(r => r.ReceivedAt).Take(take)
                .Select(r => new EarlierRequest(r.Id, r.BureauId, r.Type, r.TaxpayerName, r.Contact, r.CreditCode, r.Text, r.ReceivedAt, r.Status))));

    private static readonly CompiledPerModel<Func<BpmDbContext, DateTimeOffset, DateTimeOffset, Guid, string, string, int, IAsyncEnumerable<EarlierRequest>>> ByCodeOrContact =
        new(() => EF.CompileAsyncQuery((BpmDbContext db, DateTimeOffset from, DateTimeOffset until, Guid except, string code, string contact, int take) =>
            db.TaxpayerRequests.AsNoTracking()
                .Where(r => r.ReceivedAt >= from && r.ReceivedAt <= until && r.Id != except)
                .Where(r => EF.Property<string?>(r, PersonalDataColumns.CreditCodeDigest) == code || EF.Property<string?>(r, PersonalDataColumns.ContactDigest) == contact)
                .OrderByDescending(r => r.ReceivedAt).Take(take)
                .Select(r => new EarlierRequest(r.Id, r.BureauId, r.Type, r.TaxpayerName, r.Contact, r.CreditCode, r.Text, r.ReceivedAt, r.Status))));

    public async Task AddAsync(IReadOnlyCollection<RequestLink> links, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(links);
        if (links.Count == 0)
        {
            return;
        }

        db.AddRange(links);
        if (db.DefersSaves)
        {
            return;
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var link in links)
        {
            db.Entry(link).State = EntityState.Detached;
        }
    }

    public async Task<IReadOnlyList<RequestLink>> LinksOfAsync(Guid requestId, CancellationToken cancellationToken) =>
        await db.Set<RequestLink>().AsNoTracking()
            .Where(l => l.RequestId == requestId || l.RelatedRequestId == requestId)
            .OrderBy(l => l.CreatedAt).ThenBy(l => l.Id)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlyList<TaxpayerRequest>> MergedIntoAsync(Guid targetRequestId, CancellationToken cancellationToken) =>
        await db.TaxpayerRequests.AsNoTracking()
            .Where(r => r.MergedIntoRequestId == targetRequestId)
            .OrderBy(r => r.ReceivedAt).ThenBy(r => r.Number)
            .ToListAsync(cancellationToken);

    public async Task<IReadOnlySet<Guid>> WithLikelyDuplicatesAsync(IReadOnlyCollection<Guid> requestIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requestIds);
        if (requestIds.Count == 0)
        {
            return new HashSet<Guid>();
        }

        var flagged = await db.Set<RequestLink>().AsNoTracking()
            .Where(l => requestIds.Contains(l.RequestId) && l.Kind == RequestLinkKind.LikelyDuplicate)
            .Select(l => l.RequestId).Distinct()
            .ToListAsync(cancellationToken);
        return flagged.ToHashSet();
    }
}
