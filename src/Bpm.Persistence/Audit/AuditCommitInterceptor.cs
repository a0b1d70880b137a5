using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bpm.Persistence.Audit;

/// <summary>
/// Chains a context's pending audit rows just before its transaction commits (in that transaction), and forgets them when
/// it rolls back. Works for every transaction EF manages: units of work, a store's own, the one SaveChanges opens.
/// </summary>
internal sealed class AuditCommitInterceptor : DbTransactionInterceptor
{
    public static readonly AuditCommitInterceptor Instance = new();

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is BpmDbContext { Audit.HasPending: true } db)
        {
            db.Audit.FlushAsync(db, eventData.TransactionId, CancellationToken.None).GetAwaiter().GetResult();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(
        DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(eventData);
        if (eventData.Context is BpmDbContext { Audit.HasPending: true } db)
        {
            await db.Audit.FlushAsync(db, eventData.TransactionId, cancellationToken);
        }

        return result;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Discard(eventData);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData);
        return Task.CompletedTask;
    }

    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Discard(eventData);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Discard(eventData);
        return Task.CompletedTask;
    }

    private static void Discard(TransactionEventData eventData)
    {
        if (eventData.Context is BpmDbContext db)
        {
            db.Audit.Discard(eventData.TransactionId);
        }
    }
}
