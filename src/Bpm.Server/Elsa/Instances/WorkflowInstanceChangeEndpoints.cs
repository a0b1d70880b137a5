using Bpm.Application.Users;
using Bpm.Application.Workflows.Instances;

namespace Bpm.Server.Elsa.Instances;

/// <summary>
/// What Studio's instance list offers to change: delete, cancel, import (one and in bulk). An instance belongs to a taxpayer
/// request, a legal record, so each is refused with 400 and <c>errors.generalErrors</c> saying requests are closed in Bpm
/// (Studio shows it in its snackbar); an instance the user may not see answers 404 first. Nothing is changed.
/// </summary>
internal static class WorkflowInstanceChangeEndpoints
{
    public static RouteGroupBuilder MapElsaInstanceChangeEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapDelete("/workflow-instances/{id}", RefuseOneAsync);
        elsa.MapPost("/cancel/workflow-instances/{id}", RefuseOneAsync);
        elsa.MapPost("/bulk-actions/delete/workflow-instances/by-id", RefuseAllAsync);
        elsa.MapPost("/bulk-actions/delete/workflow-instances/by-filter", RefuseAllAsync);
        elsa.MapPost("/bulk-actions/cancel/workflow-instances", RefuseAllAsync);
        elsa.MapPost("/bulk-actions/import/workflow-instances", RefuseAllAsync);
        return elsa;
    }

    private static async Task<IResult> RefuseOneAsync(string id, ICurrentUser user, WorkflowInstanceAccess access, CancellationToken cancellationToken)
    {
        await access.RefuseChangeAsync(id, user, cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> RefuseAllAsync(ICurrentUser user, WorkflowInstanceAccess access, CancellationToken cancellationToken)
    {
        await access.RefuseChangeAsync(null, user, cancellationToken);
        return TypedResults.NoContent();
    }
}
