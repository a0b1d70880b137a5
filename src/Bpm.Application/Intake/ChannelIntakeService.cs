using Bpm.Application.Requests;
using Bpm.Domain.Requests;

namespace Bpm.Application.Intake;

/// <summary>The request a channel post led to, and whether it was registered before (a retry).</summary>
public sealed record IntakeOutcome(TaxpayerRequest Request, bool Replayed);

/// <summary>
/// Accepts a request from a channel system (12366, 12345, 征纳互动 …) exactly once per idempotency key: the request,
/// its workflow and the receipt are written in one transaction, so a retry of a post whose answer was lost finds the
/// same request instead of registering a duplicate. Same key and same fields → the first request again; same key and
/// other fields → <see cref="IdempotencyKeyReusedException"/>. Two identical posts at the same moment: the unique
/// (channel, key) of the receipts lets one commit; the other rolls back and answers with the winner's request.
/// </summary>
public sealed class ChannelIntakeService(
    IUnitOfWork unitOfWork, IIntakeReceiptStore receipts, ITaxpayerRequestStore requests, RequestIntakeService intake, TimeProvider time)
{
    public async Task<IntakeOutcome> AcceptAsync(
        Channel channel, string idempotencyKey, string bodyHash, Guid bureauId, RequestRegistration registration, CancellationToken cancellationToken)
    {
        if (await receipts.FindAsync(channel, idempotencyKey, cancellationToken) is { } earlier)
        {
            return await ReplayAsync(earlier, bodyHash, cancellationToken);
        }

        try
        {
            return await unitOfWork.InTransactionAsync(
                async ct =>
                {
                    // Checked again inside the transaction: on SQLite writers queue, so a concurrent twin has committed by now.
                    if (await receipts.FindAsync(channel, idempotencyKey, ct) is { } committed)
                    {
                        return await ReplayAsync(committed, bodyHash, ct);
                    }

                    var request = await intake.RegisterAsync(bureauId, registration, actorUserId: null, ct);
                    await receipts.AddAsync(new IntakeReceipt(channel, idempotencyKey, request.Id, bodyHash, time.GetUtcNow()), ct);
                    return new IntakeOutcome(request, Replayed: false);
                },
                cancellationToken);
        }
        catch (IntakeKeyTakenException)
        {
            var winner = await receipts.FindAsync(channel, idempotencyKey, cancellationToken);
            if (winner is null)
            {
                throw;
            }

            return await ReplayAsync(winner, bodyHash, cancellationToken);
        }
    }

    private async Task<IntakeOutcome> ReplayAsync(IntakeReceipt receipt, string bodyHash, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(receipt.RequestId, cancellationToken)
            ?? throw new InvalidOperationException($"intake receipt {receipt.Channel}/{receipt.IdempotencyKey} names request {receipt.RequestId}, which does not exist");
        if (!string.Equals(receipt.BodyHash, bodyHash, StringComparison.Ordinal))
        {
            throw new IdempotencyKeyReusedException(receipt.IdempotencyKey, request.Number);
        }

        return new IntakeOutcome(request, Replayed: true);
    }
}
