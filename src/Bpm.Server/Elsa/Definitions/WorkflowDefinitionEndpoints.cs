using System.Text.Json.Nodes;
using Bpm.Application;
using Bpm.Application.Users;
using Bpm.Application.Workflows.Definitions;
using Bpm.Domain;
using Bpm.Engine.Model;
using Bpm.Engine.Runtime;
using Bpm.Engine.Stores;

namespace Bpm.Server.Elsa.Definitions;

/// <summary>
/// Studio's workflow definition routes (contract §2.1, §2.2): the list, one definition by id or version id, save
/// (auto-save, Save, Publish), publish/retract/revert/delete, the name check, consumers and Run (files: DefinitionFileEndpoints,
/// bulk actions: BulkDefinitionEndpoints).
/// Everyone signed in reads; writes are the process owners' (others get 403, and no <c>publish</c> links, so Studio
/// shows them everything read-only). Rules: <see cref="WorkflowDefinitionEditing"/>.
/// </summary>
public static class WorkflowDefinitionEndpoints
{
    public static RouteGroupBuilder MapWorkflowDefinitionEndpoints(this RouteGroupBuilder elsa)
    {
        var definitions = elsa.MapGroup("/workflow-definitions");
        definitions.MapGet("/", ListAsync);
        definitions.MapGet("/by-definition-id/{definitionId}", GetByDefinitionIdAsync);
        definitions.MapGet("/{definitionId}", GetByDefinitionIdAsync);
        definitions.MapGet("/by-id/{id}", GetByVersionIdAsync);
        definitions.MapGet("/validation/is-name-unique", IsNameUniqueAsync);
        definitions.MapGet("/{definitionId}/consumers", ConsumersAsync);
        definitions.MapPost("/", SaveAsync);
        definitions.MapPost("/{definitionId}/publish", PublishAsync);
        definitions.MapPost("/{definitionId}/retract", RetractAsync);
        definitions.MapPost("/{definitionId}/revert/{version:int}", RevertAsync);
        definitions.MapPost("/{definitionId}/execute", ExecuteAsync);
        definitions.MapDelete("/{definitionId}", DeleteAsync);
        elsa.MapDelete("/workflow-definition-versions/{id}", DeleteVersionAsync);
        return elsa;
    }

    /// <summary>Studio's save body: <c>{"model": {…}, "publish": false}</c> (publish may be null).</summary>
    public sealed record SaveRequest(JsonObject? Model, bool? Publish);

    private static async Task<IResult> ListAsync([AsParameters] DefinitionListQuery query, IWorkflowDefinitionStore store, ICurrentUser user, CancellationToken cancellationToken)
    {
        var storeQuery = query.ToQuery();
        var canEdit = WorkflowDefinitionEditing.CanEdit(user);
        var page = query.MatchesNothing ? new WorkflowDefinitionPage([], 0) : await store.QueryAsync(storeQuery, cancellationToken);
        return ElsaJson.Ok(new ElsaPagedList<WorkflowDefinitionSummary>(
            [.. page.Items.Select(d => WorkflowDefinitionWire.ToSummary(d, canEdit))], page.TotalCount, DefinitionLinks.ForList(canEdit)));
    }

    private static async Task<IResult> GetByDefinitionIdAsync(
        string definitionId, string? versionOptions, IWorkflowDefinitionStore store, ICurrentUser user, CancellationToken cancellationToken)
    {
        var definition = await FindAsync(store, definitionId, versionOptions, cancellationToken);
        return ElsaJson.Ok(WorkflowDefinitionWire.ToModel(definition, WorkflowDefinitionEditing.CanEdit(user)));
    }

    private static async Task<IResult> GetByVersionIdAsync(string id, IWorkflowDefinitionStore store, ICurrentUser user, CancellationToken cancellationToken)
    {
        var definition = await store.FindByVersionIdAsync(id, cancellationToken)
            ?? throw new NotFoundException($"流程定义版本“{id}”不存在 (workflow definition version not found)");
        return ElsaJson.Ok(WorkflowDefinitionWire.ToModel(definition, WorkflowDefinitionEditing.CanEdit(user)));
    }

    /// <summary>Whether no other definition's latest version has this name (trimmed, case-insensitive), e.g. "Workflow 1".</summary>
    private static async Task<IResult> IsNameUniqueAsync(string? name, string? definitionId, IWorkflowDefinitionStore store, CancellationToken cancellationToken)
    {
        var wanted = name?.Trim() ?? "";
        var latest = await store.ListLatestAsync(cancellationToken);
        var taken = latest.Any(d => d.DefinitionId != definitionId && string.Equals(d.Name?.Trim(), wanted, StringComparison.OrdinalIgnoreCase));
        return ElsaJson.Ok(new { isUnique = !taken });
    }

    /// <summary>Bpm has no workflow-as-activity, so no definition consumes another.</summary>
    private static async Task<IResult> ConsumersAsync(string definitionId, IWorkflowDefinitionStore store, CancellationToken cancellationToken)
    {
        await FindAsync(store, definitionId, null, cancellationToken);
        return ElsaJson.Ok(new { consumingWorkflowDefinitionIds = Array.Empty<string>() });
    }

    private static async Task<IResult> SaveAsync(
        SaveRequest? request, WorkflowDefinitionEditing editing, IIdGenerator ids, ICurrentUser user, CancellationToken cancellationToken)
    {
        var edited = WorkflowDefinitionWire.FromModel(request?.Model, "model", ids);
        var (saved, alreadyPublished) = await editing.SaveAsync(user, edited, request?.Publish == true, cancellationToken);
        return ElsaJson.Ok(SaveResponse(saved, alreadyPublished));
    }

    private static async Task<IResult> PublishAsync(string definitionId, WorkflowDefinitionEditing editing, ICurrentUser user, CancellationToken cancellationToken)
    {
        var result = await editing.PublishAsync(user, definitionId, cancellationToken);
        return ElsaJson.Ok(SaveResponse(result.Definition, result.AlreadyPublished));
    }

    private static async Task<IResult> RetractAsync(string definitionId, WorkflowDefinitionEditing editing, ICurrentUser user, CancellationToken cancellationToken) =>
        ElsaJson.Ok(WorkflowDefinitionWire.ToModel(await editing.RetractAsync(user, definitionId, cancellationToken), canEdit: true));

    private static async Task<IResult> RevertAsync(
        string definitionId, int version, WorkflowDefinitionEditing editing, ICurrentUser user, CancellationToken cancellationToken) =>
        ElsaJson.Ok(WorkflowDefinitionWire.ToSummary(await editing.RevertAsync(user, definitionId, version, cancellationToken), canEdit: true));

    private static async Task<IResult> DeleteAsync(string definitionId, WorkflowDefinitionEditing editing, ICurrentUser user, CancellationToken cancellationToken) =>
        await editing.DeleteAsync(user, [definitionId], cancellationToken) == 0
            ? throw new NotFoundException($"流程定义“{definitionId}”不存在 (workflow definition not found)")
            : TypedResults.NoContent();

    private static async Task<IResult> DeleteVersionAsync(string id, WorkflowDefinitionEditing editing, ICurrentUser user, CancellationToken cancellationToken) =>
        await editing.DeleteVersionsAsync(user, [id], cancellationToken) == 0
            ? throw new NotFoundException($"流程定义版本“{id}”不存在 (workflow definition version not found)")
            : TypedResults.NoContent();

    /// <summary>
    /// Studio's Run button. Bpm's workflows run for a taxpayer request (its variables, bureau and tasks come from the
    /// request), so one cannot start without it: Elsa's "cannot start" answer, 200 with
    /// <c>x-elsa-workflow-cannot-start: True</c> and no instance id. Requests start workflows by being registered.
    /// </summary>
    private static async Task<IResult> ExecuteAsync(string definitionId, IWorkflowDefinitionStore store, HttpContext context, CancellationToken cancellationToken)
    {
        await FindAsync(store, definitionId, null, cancellationToken);
        context.Response.Headers["x-elsa-workflow-cannot-start"] = "True";
        return TypedResults.Ok();
    }

    private static SaveWorkflowDefinitionResponse SaveResponse(WorkflowDefinition definition, bool alreadyPublished) =>
        new(WorkflowDefinitionWire.ToModel(definition, canEdit: true), alreadyPublished, ConsumingWorkflowCount: 0, ValidationErrors: []);

    /// <summary>The version <paramref name="versionOptions"/> selects (default Latest; the highest when several match).</summary>
    internal static async Task<WorkflowDefinition> FindAsync(IWorkflowDefinitionStore store, string definitionId, string? versionOptions, CancellationToken cancellationToken)
    {
        var versions = VersionOptions.Parse(versionOptions, VersionOptions.Latest)
            ?? throw new DomainValidationException([new FieldError("versionOptions", "未知的版本选项 (unknown version option)")]);
        var page = await store.QueryAsync(
            new WorkflowDefinitionQuery { Versions = versions, DefinitionIds = [definitionId], OrderBy = WorkflowDefinitionOrder.Version, Descending = true, Take = 1 },
            cancellationToken);
        return page.Items.FirstOrDefault()
               ?? throw new NotFoundException($"流程定义“{definitionId}”没有符合 {versions} 的版本 (workflow definition not found)");
    }
}
