using Bpm.Application;
using Bpm.Application.Bureaus;
using Bpm.Application.Library;
using Bpm.Application.Users;
using Bpm.Domain.Bureaus;
using Bpm.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Library;

/// <summary>
/// Tags: <c>PUT /api/requests/{id}/tags</c> (a handler whose subtree holds the request; at most 10 tags of 1–20 characters,
/// vocabulary names marked) and the per-bureau vocabulary <c>GET/PUT /api/admin/bureaus/{bureau}/tags</c> (bureau = id or
/// code; administrators; an empty list inherits the nearest ancestor's again).
/// </summary>
public static class TagEndpoints
{
    public static RouteGroupBuilder MapTagEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/requests/{id:guid}/tags", ListAsync).WithTags("Requests").WithName("ListRequestTags");
        api.MapPut("/requests/{id:guid}/tags", SetAsync).WithTags("Requests").RequireAuthorization(BpmPolicies.Handler)
            .WithName("SetRequestTags").WithSummary("Replaces the request's tags, e.g. {\"tags\":[\"发票\",\"出口退税\"]}").ProducesValidationProblem();
        var vocabulary = api.MapGroup("/admin/bureaus/{bureau}/tags").WithTags("AdminDirectory").RequireAuthorization(BpmPolicies.Administrator);
        vocabulary.MapGet("/", VocabularyAsync).WithName("GetTagVocabulary").WithSummary("The vocabulary that holds at the bureau, and who set it");
        vocabulary.MapPut("/", ReplaceVocabularyAsync).WithName("SetTagVocabulary")
            .WithSummary("Sets the bureau's own vocabulary (at most 200 names); [] inherits again").ProducesValidationProblem();
        return api;
    }

    public static async Task<Ok<IReadOnlyList<RequestTagDto>>> ListAsync(Guid id, ICurrentUser user, TagService tags, CancellationToken cancellationToken) =>
        TypedResults.Ok<IReadOnlyList<RequestTagDto>>([.. (await tags.TagsOfAsync(id, user, cancellationToken)).Select(RequestTagDto.From)]);

    public static async Task<Ok<IReadOnlyList<RequestTagDto>>> SetAsync(
        Guid id, TagsBody body, ICurrentUser user, TagService tags, IUnitOfWork unitOfWork, CancellationToken cancellationToken)
    {
        var saved = await unitOfWork.InTransactionAsync(ct => tags.SetTagsAsync(id, body?.Tags, user, ct), cancellationToken);
        return TypedResults.Ok<IReadOnlyList<RequestTagDto>>([.. saved.Select(RequestTagDto.From)]);
    }

    public static async Task<Ok<TagVocabularyDto>> VocabularyAsync(
        string bureau, ICurrentUser user, IBureauStore bureaus, TagService tags, CancellationToken cancellationToken)
    {
        var bureauId = Resolve(await bureaus.LoadTreeAsync(cancellationToken), bureau);
        return TypedResults.Ok(ToDto(bureauId, await tags.VocabularyAsync(bureauId, user, cancellationToken)));
    }

    public static async Task<Ok<TagVocabularyDto>> ReplaceVocabularyAsync(
        string bureau, TagsBody body, ICurrentUser user, IBureauStore bureaus, TagService tags, IUnitOfWork unitOfWork, CancellationToken cancellationToken)
    {
        var bureauId = Resolve(await bureaus.LoadTreeAsync(cancellationToken), bureau);
        var saved = await unitOfWork.InTransactionAsync(ct => tags.ReplaceVocabularyAsync(bureauId, body?.Tags, user, ct), cancellationToken);
        return TypedResults.Ok(ToDto(bureauId, saved));
    }

    private static Guid Resolve(BureauTree tree, string bureau) =>
        Guid.TryParse(bureau, out var id) ? id
        : tree.FindByCode(bureau)?.Id ?? throw new NotFoundException($"机构 {bureau} 不存在");

    private static TagVocabularyDto ToDto(Guid bureauId, Inherited<IReadOnlyList<string>> vocabulary) =>
        new(bureauId, vocabulary.FromBureauId, vocabulary.IsOwnOf(bureauId), vocabulary.Value);
}
