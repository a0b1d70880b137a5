using Bpm.Application.Users;
using Bpm.Application.Workflows.Definitions;
using Bpm.Domain;
using Bpm.Engine.Stores;

namespace Bpm.Server.Elsa.Definitions;

/// <summary>
/// The definition list's bulk actions (contract §2.1). Deletes are all-or-nothing (one refused definition or version
/// refuses the request); publish and retract go definition by definition and answer Elsa's buckets.
/// </summary>
public static class BulkDefinitionEndpoints
{
    public sealed record DefinitionIdsRequest(string[]? DefinitionIds);

    public sealed record VersionIdsRequest(string[]? Ids);

    public sealed record BulkPublishResponse(IReadOnlyList<string> Published, IReadOnlyList<string> AlreadyPublished, IReadOnlyList<string> NotFound, IReadOnlyList<string> UpdatedConsumers);

    public sealed record BulkRetractResponse(IReadOnlyList<string> Retracted, IReadOnlyList<string> AlreadyRetracted, IReadOnlyList<string> NotFound);

    public sealed record BulkDeleteResponse(int Deleted);

    public static RouteGroupBuilder MapBulkDefinitionEndpoints(this RouteGroupBuilder elsa)
    {
        var bulk = elsa.MapGroup("/bulk-actions");
        bulk.MapPost("/publish/workflow-definitions/by-definition-ids", PublishAsync);
        bulk.MapPost("/retract/workflow-definitions/by-definition-ids", RetractAsync);
        bulk.MapPost("/delete/workflow-definitions/by-definition-id", DeleteAsync);
        bulk.MapPost("/delete/workflow-definitions/by-id", DeleteVersionsAsync);
        return elsa;
    }

    /// <summary>
    /// Publishes each definition's latest version. One that does not validate is reported as a 400 naming it, after the
    /// others were published (each publish is its own change, as in Elsa).
    /// </summary>
    private static async Task<IResult> PublishAsync(
        DefinitionIdsRequest request, WorkflowDefinitionEditing editing, IWorkflowDefinitionStore store, ICurrentUser user, CancellationToken cancellationToken)
    {
        WorkflowDefinitionEditing.EnsureEditor(user);
        List<string> published = [], already = [], notFound = [];
        var errors = new List<FieldError>();
        foreach (var definitionId in Required(request.DefinitionIds, "definitionIds"))
        {
            if (await store.FindLatestAsync(definitionId, cancellationToken) is null)
            {
                notFound.Add(definitionId);
                continue;
            }

            try
            {
                var result = await editing.PublishAsync(user, definitionId, cancellationToken);
                (result.AlreadyPublished ? already : published).Add(definitionId);
            }
            catch (DomainValidationException invalid)
            {
                errors.AddRange(invalid.Errors.Select(e => new FieldError(definitionId, e.Reason)));
            }
        }

        return errors.Count > 0
            ? throw new DomainValidationException(errors)
            : ElsaJson.Ok(new BulkPublishResponse(published, already, notFound, []));
    }

    private static async Task<IResult> RetractAsync(
        DefinitionIdsRequest request, WorkflowDefinitionEditing editing, IWorkflowDefinitionStore store, ICurrentUser user, CancellationToken cancellationToken)
    {
        WorkflowDefinitionEditing.EnsureEditor(user);
        var ids = Required(request.DefinitionIds, "definitionIds");
        var protectedIds = ids.Where(RequestWorkflows.Contains).ToList();
        if (protectedIds.Count > 0)
        {
            throw new DomainValidationException([.. protectedIds.Select(id => new FieldError("definitionIds", $"“{id}”是受理诉求所用的流程，不能撤销发布 (a request workflow must keep a published version)"))]);
        }

        List<string> retracted = [], already = [], notFound = [];
        foreach (var definitionId in ids)
        {
            if (await store.FindLatestAsync(definitionId, cancellationToken) is null)
            {
                notFound.Add(definitionId);
            }
            else if (await store.FindPublishedAsync(definitionId, cancellationToken) is null)
            {
                already.Add(definitionId);
            }
            else
            {
                await editing.RetractAsync(user, definitionId, cancellationToken);
                retracted.Add(definitionId);
            }
        }

        return ElsaJson.Ok(new BulkRetractResponse(retracted, already, notFound));
    }

    private static async Task<IResult> DeleteAsync(DefinitionIdsRequest request, WorkflowDefinitionEditing editing, ICurrentUser user, CancellationToken cancellationToken) =>
        ElsaJson.Ok(new BulkDeleteResponse(await editing.DeleteAsync(user, Required(request.DefinitionIds, "definitionIds"), cancellationToken)));

    private static async Task<IResult> DeleteVersionsAsync(VersionIdsRequest request, WorkflowDefinitionEditing editing, ICurrentUser user, CancellationToken cancellationToken) =>
        ElsaJson.Ok(new BulkDeleteResponse(await editing.DeleteVersionsAsync(user, Required(request.Ids, "ids"), cancellationToken)));

    private static IReadOnlyList<string> Required(string[]? ids, string field) =>
        ids is { Length: > 0 } && ids.All(id => !string.IsNullOrWhiteSpace(id))
            ? [.. ids.Distinct()]
            : throw new DomainValidationException([new FieldError(field, "至少一个编号，且不能为空 (at least one id, none empty)")]);
}
