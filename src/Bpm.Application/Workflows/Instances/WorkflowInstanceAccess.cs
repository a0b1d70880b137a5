using System.Text.Json.Nodes;
using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Application.Users;
using Bpm.Domain;
using Bpm.Domain.Requests;
using Bpm.Engine.Runtime;
using Bpm.Engine.Stores;

namespace Bpm.Application.Workflows.Instances;

/// <summary>
/// Who may see a workflow instance: it belongs to a taxpayer request, and a user sees it only when the request lies in
/// their bureau's subtree; otherwise it does not exist for them. An instance without a request (e.g. started from the
/// designer) is seen only by users of a root bureau. Example: wlcb.handler (乌兰察布) gets 404 for the instance of a 仙桃
/// request; xt.owner and admin (national root) see it.
/// Instances of requests are legal records: nobody deletes or cancels them from the designer; requests are closed in Bpm.
/// </summary>
public sealed class WorkflowInstanceAccess(IBureauStore bureaus, IWorkflowInstanceStore instances, ITaxpayerRequestStore requests)
{
    /// <summary>The reason given when the designer tries to delete, cancel or import instances.</summary>
    public const string ChangeRefused =
        "诉求的流程实例是法定记录，不能在流程设计器中删除、取消或导入；诉求请在 Bpm 中办结 (workflow instances of taxpayer requests are legal records: requests are closed in Bpm, not deleted or cancelled here)";

    /// <summary>The bureaus whose requests' instances the user sees; null = all instances (a user of a root bureau).</summary>
    public async Task<IReadOnlyCollection<Guid>?> VisibleBureausAsync(ICurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        return tree.Contains(user.BureauId) && tree[user.BureauId].ParentId is null ? null : BureauScope.Below(tree, user.BureauId).BureauIds;
    }

    /// <summary>The instance and the request it belongs to (null for an instance no request owns).</summary>
    /// <exception cref="NotFoundException">no such instance, or not in the user's subtree.</exception>
    public async Task<VisibleInstance> ForReadingAsync(string instanceId, ICurrentUser user, CancellationToken cancellationToken)
    {
        var visible = await VisibleBureausAsync(user, cancellationToken);
        var state = await instances.FindAsync(instanceId, cancellationToken);
        var request = state is null ? null : await RequestOfAsync(state, cancellationToken);
        if (state is null || (visible is not null && (request is null || !visible.Contains(request.BureauId))))
        {
            throw new NotFoundException($"流程实例 {instanceId} 不存在");
        }

        return new VisibleInstance(state, request);
    }

    /// <summary>Refuses deleting, cancelling or importing instances (404 first when the user may not see the instance).</summary>
    /// <exception cref="NotFoundException">no such instance in the user's subtree.</exception>
    /// <exception cref="DomainValidationException">always, with <see cref="ChangeRefused"/>.</exception>
    public async Task RefuseChangeAsync(string? instanceId, ICurrentUser user, CancellationToken cancellationToken)
    {
        if (instanceId is not null)
        {
            await ForReadingAsync(instanceId, user, cancellationToken);
        }

        throw new DomainValidationException([new FieldError("generalErrors", ChangeRefused)]);
    }

    private async Task<TaxpayerRequest?> RequestOfAsync(WorkflowState state, CancellationToken cancellationToken) =>
        state.Input[WorkflowVariables.RequestId] is JsonValue value && value.TryGetValue<string>(out var text) && Guid.TryParse(text, out var requestId)
            ? await requests.FindAsync(requestId, cancellationToken)
            : null;
}

/// <summary>An instance the user may see, with the request it belongs to (null for one started without a request).</summary>
public sealed record VisibleInstance(WorkflowState State, TaxpayerRequest? Request)
{
    /// <summary>The instance's name: its own (Elsa.SetName), else its request's number, e.g. "XT-2026-000123".</summary>
    public string? Name => State.Name ?? Request?.Number;

    /// <summary>The instance's correlation id: its own (Elsa.Correlate), else its request's number.</summary>
    public string? CorrelationId => State.CorrelationId ?? Request?.Number;
}
