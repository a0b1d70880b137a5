using Bpm.Application.Bureaus;
using Bpm.Application.Workflows;
using Bpm.Domain.Requests;

namespace Bpm.Application.Requests;

/// <summary>
/// Accepts a request: registers it and starts its type's workflow in one transaction, so a request never
/// exists without its workflow and its first task (data flow step 1). A request answered on the spot is
/// closed at registration and needs no workflow.
/// </summary>
public sealed class RequestIntakeService(
    IUnitOfWork unitOfWork, IBureauStore bureaus, RequestRegistrationService registration, RequestWorkflowService workflows)
{
    public Task<TaxpayerRequest> RegisterAsync(Guid bureauId, RequestRegistration data, Guid? actorUserId, CancellationToken cancellationToken) =>
        unitOfWork.InTransactionAsync(
            async ct =>
            {
                var request = await registration.RegisterAsync(bureauId, data, ct);
                if (request.Status != RequestStatus.Closed)
                {
                    await workflows.StartAsync(request, await bureaus.LoadTreeAsync(ct), actorUserId, ct);
                }

                return request;
            },
            cancellationToken);
}
