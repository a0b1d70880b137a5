using Bpm.Application.Requests.Duplicates;
using Bpm.Application.Users;
using Bpm.Domain.Requests;
using Bpm.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Api;

/// <summary>
/// <c>/api/requests/{id}/related</c>: what duplicate detection found (重复诉求人, 疑似重复诉求 with its similarity) and merges;
/// <c>POST /api/requests/{id}/merge</c>: a handler merges this duplicate into an open request. Requests outside the user's
/// subtree are never listed; the request itself outside it answers 404 like an unknown one.
/// </summary>
public static class RelatedRequestEndpoints
{
    public static RouteGroupBuilder MapRelatedRequestEndpoints(this RouteGroupBuilder api)
    {
        var request = api.MapGroup("/requests/{id:guid}").WithTags("Requests");
        request.MapGet("/related", ListAsync).WithName("ListRelatedRequests")
            .WithSummary("Repeat-requester and likely-duplicate findings, the request it was merged into and the requests merged into it");
        request.MapPost("/merge", MergeAsync).RequireAuthorization(BpmPolicies.Handler).WithName("MergeRequest")
            .ProducesValidationProblem()
            .WithSummary("Merges this duplicate into an open request: {\"intoRequestId\":\"…\",\"reason\":\"与XT-2026-000121为同一事项\"}");
        return api;
    }

    public static async Task<Ok<RelatedRequestsDto>> ListAsync(Guid id, ICurrentUser user, RelatedRequestsService related, CancellationToken cancellationToken) =>
        TypedResults.Ok(RelatedRequestsDto.From(await related.ListAsync(id, user, cancellationToken)));

    /// <summary>200 with the merged request's links; 400 names the field (intoRequestId, reason, requestId) with the Chinese reason.</summary>
    public static async Task<Ok<RelatedRequestsDto>> MergeAsync(
        Guid id, MergeRequestBody body, ICurrentUser user, RequestMergeService merges, RelatedRequestsService related, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        await merges.MergeAsync(id, body.IntoRequestId ?? Guid.Empty, body.Reason, user, cancellationToken);
        return TypedResults.Ok(RelatedRequestsDto.From(await related.ListAsync(id, user, cancellationToken)));
    }
}

/// <summary>Body of <c>POST /api/requests/{id}/merge</c>.</summary>
public sealed record MergeRequestBody(Guid? IntoRequestId, string? Reason);

/// <summary>
/// <c>repeatOf</c>: requests of the same credit code or contact within the repeat window; <c>likelyDuplicates</c>: the same
/// taxpayer and type with a similar text (<c>score</c> 0–1); <c>mergedInto</c> / <c>mergedHere</c>: merges.
/// </summary>
public sealed record RelatedRequestsDto(
    IReadOnlyList<RelatedRequestDto> RepeatOf, IReadOnlyList<RelatedRequestDto> LikelyDuplicates, RelatedRequestDto? MergedInto, IReadOnlyList<RelatedRequestDto> MergedHere)
{
    public static RelatedRequestsDto From(RelatedRequests related)
    {
        ArgumentNullException.ThrowIfNull(related);
        return new(
            [.. related.Repeats.Select(RelatedRequestDto.From)],
            [.. related.LikelyDuplicates.Select(RelatedRequestDto.From)],
            related.MergedInto is { } into ? RelatedRequestDto.From(into) : null,
            [.. related.MergedHere.Select(RelatedRequestDto.From)]);
    }
}

public sealed record RelatedRequestDto(Guid Id, string Number, string TaxpayerName, RequestStatus Status, DateTimeOffset ReceivedAt, double? Score)
{
    public static RelatedRequestDto From(RelatedRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(request.Id, request.Number, Bpm.Domain.Taxpayers.PersonalDataMask.Name(request.TaxpayerName), request.Status, request.ReceivedAt, request.Score);
    }
}
