using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Texts;
using Microsoft.Extensions.Options;

namespace Bpm.Application.Requests.Duplicates;

/// <summary>
/// Flags, at registration (looked up just before its transaction, written in it), what the handler should know about a new request; a finding never
/// refuses or changes the registration. Looked up among the requests of the same province, i.e. the subtree of the bureau
/// just below the national root (in the demo 仙桃 and 乌兰察布: a taxpayer of 集宁区 who asked 乌兰察布 last week is the same
/// requester, one of 仙桃 is not), received within
/// <see cref="DuplicatesOptions.RepeatWindowDays"/> before this one:
/// <list type="bullet">
/// <item>重复诉求人 (Repeat): the same credit code, or the same contact;</item>
/// <item>疑似重复诉求 (LikelyDuplicate): the same taxpayer (credit code; name and contact when either has no code), the same
/// request type, and a text similarity of at least <see cref="ChineseTextSimilarity.DuplicateThreshold"/>; open ones first.</item>
/// </list>
/// One indexed query and one insert per registration.
/// </summary>
public sealed class DuplicateDetectionService(IRelatedRequestStore store, IOptions<DuplicatesOptions> options)
{
    private const int CandidateLimit = 50;

    /// <summary>
    /// The taxpayer's earlier requests, looked up for a registration before its request is saved: by the contact and code as
    /// the request will store them. It only reads, so a registration runs it before its unit of work and
    /// <see cref="LinkAsync"/> inside it. A registration of the same taxpayer committing meanwhile is not among them — as on
    /// PostgreSQL, where two registrations at once never saw each other's uncommitted row either.
    /// </summary>
    public async Task<EarlierRequests> FindEarlierAsync(BureauTree tree, Guid bureauId, RequestRegistration registration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(registration);
        var (contact, creditCode) = TaxpayerRequest.TaxpayerKeysOf(registration);
        var receivedAt = registration.ReceivedAt.ToUniversalTime();
        var path = tree.PathFromRoot(bureauId);
        var province = path[Math.Min(1, path.Count - 1)].Id;
        var earlier = await store.EarlierOfTaxpayerAsync(
            new TaxpayerLookup(creditCode, contact, receivedAt.AddDays(-options.Value.RepeatWindowDays), receivedAt, ExceptId: Guid.Empty, CandidateLimit),
            cancellationToken);
        return new EarlierRequests([.. earlier.Where(e => tree.Contains(e.BureauId) && tree.IsInSubtree(province, e.BureauId))]);
    }

    /// <summary>Flags the request and writes its links to the earlier requests found for it (nothing when none was found).</summary>
    public async Task<IReadOnlyList<RequestLink>> LinkAsync(TaxpayerRequest request, EarlierRequests earlier, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(earlier);
        var inProvince = earlier.InProvince;
        if (inProvince.Count == 0)
        {
            return [];
        }

        request.MarkRepeatRequester();
        var take = Math.Max(1, options.Value.MaxLinksPerKind);
        var links = inProvince.OrderByDescending(e => e.ReceivedAt).Take(take)
            .Select(e => new RequestLink(Guid.CreateVersion7(now), request.Id, e.Id, RequestLinkKind.Repeat, null, now))
            .ToList();
        var text = ChineseTextSimilarity.Fingerprint.Of(request.Text);
        links.AddRange(inProvince
            .Where(e => e.Type == request.Type && IsSameTaxpayer(request, e))
            .Select(e => (Request: e, Score: ChineseTextSimilarity.Score(text, ChineseTextSimilarity.Fingerprint.Of(e.Text))))
            .Where(c => c.Score >= ChineseTextSimilarity.DuplicateThreshold)
            .OrderBy(c => c.Request.Status.IsFinal()).ThenByDescending(c => c.Score)
            .Take(take)
            .Select(c => new RequestLink(Guid.CreateVersion7(now), request.Id, c.Request.Id, RequestLinkKind.LikelyDuplicate, c.Score, now)));
        await store.AddAsync(links, cancellationToken);
        return links;
    }

    /// <summary>
    /// One taxpayer: both have credit codes and they match; without a code on either side, the same name and contact.
    /// A tax agent calling for two clients (same phone, two codes) is a repeat requester, not a duplicate.
    /// </summary>
    private static bool IsSameTaxpayer(TaxpayerRequest request, EarlierRequest earlier) =>
        request.CreditCode is not null && earlier.CreditCode is not null
            ? request.CreditCode == earlier.CreditCode
            : request.Contact == earlier.Contact && string.Equals(request.TaxpayerName, earlier.TaxpayerName, StringComparison.Ordinal);
}

/// <summary>A taxpayer's earlier requests in the same province and window, found before or while a request is registered.</summary>
public sealed record EarlierRequests(IReadOnlyList<EarlierRequest> InProvince);
