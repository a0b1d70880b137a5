using Bpm.Application.Requests.Duplicates;
using Bpm.Domain.Requests;
using Bpm.Persistence.PersonalData;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>Links are written once at registration and only read afterwards, so none is kept tracked.</summary>
internal sealed class EfRelatedRequestStore(BpmDbContext db) : IRelatedRequestStore
{
    public async Task<IReadOnlyList<EarlierRequest>> EarlierOfTaxpayerAsync(TaxpayerLookup lookup, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lookup);
        var from = lookup.From.ToUniversalTime();
        var until = lookup.Until.ToUniversalTime();
        var code = lookup.CreditCode is { } creditCode ? db.PersonalData.Digest(creditCode) : null;
        var contact = db.PersonalData.Digest(lookup.Contact);
        var except = lookup.ExceptId;
        var inWindow = db.TaxpayerRequests.AsNoTracking().Where(r => r.ReceivedAt >= from && r.ReceivedAt <= until && r.Id != except);
        var query = code is null
            ? inWindow.Where(r => EF.Property<string?>(r, PersonalDataColumns.ContactDigest) == contact)
            : inWindow.Where(r => EF.Property<string?>(r, PersonalDataColumns.CreditCodeDigest) == code || EF.Property<string?>(r, PersonalDataColumns.ContactDigest) == contact);
        return await query
            .OrderByDescending(r => r.ReceivedAt)
            .Take(Math.Clamp(lookup.Take, 1, 500))
            .Select(r => new EarlierRequest(r.Id, r.BureauId, r.Type, r.TaxpayerName, r.Contact, r.CreditCode, r.Text, r.ReceivedAt, r.Status))
            .ToListAsync(cancellationToken);
    }

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
