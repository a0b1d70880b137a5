using Bpm.Application.Bureaus;
using Bpm.Application.Users;
using Bpm.Domain.Requests;

namespace Bpm.Application.Requests.Duplicates;

/// <summary>
/// What the handler sees next to a request: its repeat-requester and likely-duplicate findings (both ways: the earlier
/// requests its registration found, and later ones that found it), the request it was merged into, and the requests merged
/// into it. Only requests in the user's bureau subtree are shown; the others are left out, never named.
/// </summary>
public sealed class RelatedRequestsService(IBureauStore bureaus, ITaxpayerRequestStore requests, IRelatedRequestStore store)
{
    /// <exception cref="NotFoundException">no such request in the user's subtree.</exception>
    public async Task<RelatedRequests> ListAsync(Guid requestId, ICurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var scope = BureauScope.Below(await bureaus.LoadTreeAsync(cancellationToken), user.BureauId);
        var request = await requests.FindAsync(requestId, cancellationToken);
        if (request is null || !scope.Contains(request.BureauId))
        {
            throw new NotFoundException($"诉求 {requestId} 不存在");
        }

        var links = await store.LinksOfAsync(requestId, cancellationToken);
        var merged = await store.MergedIntoAsync(requestId, cancellationToken);
        var otherIds = links.Select(l => l.RequestId == requestId ? l.RelatedRequestId : l.RequestId).ToHashSet();
        if (request.MergedIntoRequestId is { } targetId)
        {
            otherIds.Add(targetId);
        }

        var others = (await requests.FindManyAsync(otherIds, cancellationToken)).Where(r => scope.Contains(r.BureauId)).ToDictionary(r => r.Id);
        IReadOnlyList<RelatedRequest> Of(RequestLinkKind kind) =>
        [
            .. links.Where(l => l.Kind == kind)
                .Select(l => (Link: l, Other: others.GetValueOrDefault(l.RequestId == requestId ? l.RelatedRequestId : l.RequestId)))
                .Where(x => x.Other is not null)
                .DistinctBy(x => x.Other!.Id)
                .OrderByDescending(x => x.Link.Score).ThenByDescending(x => x.Other!.ReceivedAt)
                .Select(x => RelatedRequest.Of(x.Other!, x.Link.Score)),
        ];

        return new RelatedRequests(
            Of(RequestLinkKind.Repeat),
            Of(RequestLinkKind.LikelyDuplicate),
            request.MergedIntoRequestId is { } into && others.TryGetValue(into, out var target) ? RelatedRequest.Of(target, null) : null,
            [.. merged.Where(r => scope.Contains(r.BureauId)).Select(r => RelatedRequest.Of(r, null))]);
    }
}

public sealed record RelatedRequests(
    IReadOnlyList<RelatedRequest> Repeats, IReadOnlyList<RelatedRequest> LikelyDuplicates, RelatedRequest? MergedInto, IReadOnlyList<RelatedRequest> MergedHere)
{
    public bool IsEmpty => Repeats.Count == 0 && LikelyDuplicates.Count == 0 && MergedInto is null && MergedHere.Count == 0;
}

/// <summary>Another request as the related list shows it; <see cref="Score"/> is the text similarity of a likely duplicate.</summary>
public sealed record RelatedRequest(Guid Id, string Number, string TaxpayerName, RequestStatus Status, DateTimeOffset ReceivedAt, double? Score)
{
    public static RelatedRequest Of(TaxpayerRequest request, double? score)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.Id, request.Number, request.TaxpayerName, request.Status, request.ReceivedAt, score);
    }
}
