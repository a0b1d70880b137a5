using Bpm.Application.Intake;
using Bpm.Domain.Requests;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>Receipts are inserted once and read, never changed, so none is kept tracked.</summary>
internal sealed class EfIntakeReceiptStore(BpmDbContext db) : IIntakeReceiptStore
{
    public async Task<IntakeReceipt?> FindAsync(Channel channel, string idempotencyKey, CancellationToken cancellationToken) =>
        await db.Set<IntakeReceipt>().AsNoTracking()
            .SingleOrDefaultAsync(r => r.Channel == channel && r.IdempotencyKey == idempotencyKey, cancellationToken);

    /// <summary>
    /// The primary key (channel, key) decides between concurrent twins: the second insert fails (PostgreSQL and SQL
    /// Server make it wait for the first transaction, then refuse it). Any refused insert is reported as the key being
    /// taken; the caller reads the winner's receipt after its rollback and rethrows if there is none.
    /// </summary>
    public async Task AddAsync(IntakeReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        db.Add(receipt);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException refused)
        {
            db.Entry(receipt).State = EntityState.Detached;
            throw new IntakeKeyTakenException($"Idempotency-Key {receipt.Channel}/{receipt.IdempotencyKey} is taken", refused);
        }

        db.Entry(receipt).State = EntityState.Detached;
    }
}
