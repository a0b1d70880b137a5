using Bpm.Application.Bureaus;
using Bpm.Application.Requests.Duplicates;
using Bpm.Application.Workflows;
using Bpm.Domain.Requests;

namespace Bpm.Application.Requests;

/// <summary>
/// Accepts a request: registers it and starts its type's workflow in one transaction, so a request never
/// exists without its workflow and its first task (data flow step 1). A request answered on the spot is
/// closed at registration and needs no workflow. Repeat requesters and likely duplicates are looked up just before and
/// flagged in the same transaction (<see cref="DuplicateDetectionService"/>); a finding never refuses a registration.
/// </summary>
public sealed class RequestIntakeService(
    IUnitOfWork unitOfWork, IBureauStore bureaus, RequestRegistrationService registration, RequestWorkflowService workflows,
    DuplicateDetectionService duplicates, TimeProvider time)
{
    public async Task<TaxpayerRequest> RegisterAsync(Guid bureauId, RequestRegistration data, Guid? actorUserId, CancellationToken cancellationToken) =>
        (await RegisterWithRunAsync(bureauId, data, actorUserId, cancellationToken)).Request;

    /// <summary>
    /// The request saved, with what its workflow's first run wrote (nothing for a request answered on the spot). What only
    /// reads — the checks, the taxpayer's earlier requests, the published workflow — comes first, outside the unit of work:
    /// on SQLite the unit of work holds the database's one writer, for which every other registration waits.
    /// </summary>
    public async Task<RegisteredRequest> RegisterWithRunAsync(Guid bureauId, RequestRegistration data, Guid? actorUserId, CancellationToken cancellationToken)
    {
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var checkedRegistration = await registration.CheckAsync(tree, bureauId, data, cancellationToken);
        var earlier = await duplicates.FindEarlierAsync(tree, bureauId, data, cancellationToken);
        var start = TaxpayerRequest.ClosesAtRegistration(data) ? null : await workflows.FindStartAsync(checkedRegistration.Type, cancellationToken);
        return await unitOfWork.InOneWriteAsync(
            async ct =>
            {
                var request = await registration.SaveAsync(checkedRegistration, ct);
                await duplicates.LinkAsync(request, earlier, time.GetUtcNow(), ct);
                var run = start is not null
                    ? await workflows.StartAsync(request, tree, start, actorUserId, ct)
                    : WorkflowRunWrites.None;
                return new RegisteredRequest(request, run);
            },
            cancellationToken);
    }
}

/// <summary>A registered request and what its registration wrote for it besides the request row.</summary>
public sealed record RegisteredRequest(TaxpayerRequest Request, WorkflowRunWrites Run);
