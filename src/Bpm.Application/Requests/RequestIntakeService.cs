using Bpm.Application.Bureaus;
using Bpm.Application.Requests.Duplicates;
using Bpm.Application.Workflows;
using Bpm.Domain.Requests;

namespace Bpm.Application.Requests;

/// <summary>
/// Accepts a request: registers it and starts its type's workflow in one transaction, so a request never
/// exists without its workflow and its first task (data flow step 1). A request answered on the spot is
/// closed at registration and needs no workflow. Repeat requesters and likely duplicates are flagged in the same
/// transaction (<see cref="DuplicateDetectionService"/>); a finding never refuses a registration.
/// </summary>
public sealed class RequestIntakeService(
    IUnitOfWork unitOfWork, IBureauStore bureaus, RequestRegistrationService registration, RequestWorkflowService workflows,
    DuplicateDetectionService duplicates, TimeProvider time)
{
    public async Task<TaxpayerRequest> RegisterAsync(Guid bureauId, RequestRegistration data, Guid? actorUserId, CancellationToken cancellationToken) =>
        (await RegisterWithRunAsync(bureauId, data, actorUserId, cancellationToken)).Request;

    /// <summary>The request saved, with what its workflow's first run wrote (nothing for a request answered on the spot).</summary>
    public Task<RegisteredRequest> RegisterWithRunAsync(Guid bureauId, RequestRegistration data, Guid? actorUserId, CancellationToken cancellationToken) =>
        unitOfWork.InOneWriteAsync(
            async ct =>
            {
                var request = await registration.RegisterAsync(bureauId, data, ct);
                var tree = await bureaus.LoadTreeAsync(ct);
                await duplicates.DetectAsync(request, tree, time.GetUtcNow(), ct);
                var run = request.Status != RequestStatus.Closed
                    ? await workflows.StartAsync(request, tree, actorUserId, ct)
                    : WorkflowRunWrites.None;
                return new RegisteredRequest(request, run);
            },
            cancellationToken);
}

/// <summary>A registered request and what its registration wrote for it besides the request row.</summary>
public sealed record RegisteredRequest(TaxpayerRequest Request, WorkflowRunWrites Run);
