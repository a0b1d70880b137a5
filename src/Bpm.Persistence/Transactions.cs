using Bpm.Application;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bpm.Persistence;

internal static class Transactions
{
    /// <summary>
    /// A transaction of the store's own, or null when the caller already runs one (a unit of work): then the
    /// store's writes join it and stand or fall with the caller's, and the store must neither commit nor
    /// roll back (nor retry after a failure, which only the owner of the transaction can undo).
    /// </summary>
    public static async Task<IDbContextTransaction?> BeginUnlessAmbientAsync(this DatabaseFacade database, CancellationToken cancellationToken) =>
        database.CurrentTransaction is null ? await database.BeginTransactionAsync(cancellationToken) : null;
}

/// <summary>
/// <see cref="IUnitOfWork"/> over the scope's <see cref="BpmDbContext"/>. Nested use joins the open transaction:
/// only the outermost call commits, and an exception anywhere inside rolls back everything since it began.
/// After a rollback the context forgets every tracked entity and every row waiting for a save, since what it tracked (values,
/// row versions already bumped in memory) no longer matches the database; read again before changing anything.
/// </summary>
internal sealed class EfUnitOfWork(BpmDbContext db) : IUnitOfWork
{
    public async Task<T> InTransactionAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        if (db.Database.CurrentTransaction is not null)
        {
            return await work(cancellationToken);
        }

        using var writer = await SqliteWriterGate.EnterAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        T result;
        try
        {
            result = await work(cancellationToken);
        }
        catch (Exception)
        {
            await transaction.RollbackAsync(CancellationToken.None);
            db.ForgetUnsaved();
            throw;
        }

        await transaction.CommitAsync(cancellationToken);
        return result;
    }

    public Task<T> InOneWriteAsync<T>(Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return InTransactionAsync(
            async ct =>
            {
                if (db.DefersSaves)
                {
                    return await work(ct);
                }

                db.DefersSaves = true;
                T result;
                try
                {
                    result = await work(ct);
                }
                finally
                {
                    db.DefersSaves = false;
                }

                await db.SaveDeferredAsync(ct);
                return result;
            },
            cancellationToken);
    }
}

/// <summary>
/// SQLite: 1 (<see cref="SqliteWriterGate"/> queues the rest). A server: one transaction per core, at least 2 (one being
/// written by the server while the next is read and counted here), at most 4, beyond which batches only wait for each other.
/// Rows per transaction: SQLite 5,000 — each commit copies every page it touched into the log and syncs it, and a re-plan's
/// batches touch the same index pages again and again (a quiet re-plan of 100,000 deadlines: 29.7 s in batches of 2,000,
/// 21.7 s in batches of 10,000, tools/Bpm.Bench `timers`); a server 500, several at a time.
/// </summary>
internal sealed class WriteConcurrency(DatabaseProvider provider) : IWriteConcurrency
{
    public int UsefulWriters { get; } = provider == DatabaseProvider.Sqlite ? 1 : Math.Clamp(Environment.ProcessorCount, 2, 4);

    public int RowsPerTransaction { get; } = provider == DatabaseProvider.Sqlite ? 5_000 : 500;
}

/// <summary>
/// SQLite lets one writer in at a time; the others get SQLITE_BUSY and retry after sleeping, which made 8 handlers
/// registering at once wait up to 1.4 s (p99) for a 15 ms job. Units of work on the same SQLite file therefore queue
/// here, in order and without sleeping. Readers are not affected (WAL). Other providers pass straight through.
/// </summary>
internal static class SqliteWriterGate
{
    // One per database file, e.g. "/srv/bpm/data/bpm.db".
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);

    // The same, by connection string as configured, so that it is parsed once, not for every unit of work.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, SemaphoreSlim> ByConnectionString = new(StringComparer.Ordinal);

    public static async Task<IDisposable?> EnterAsync(BpmDbContext db, CancellationToken cancellationToken)
    {
        if (db is not SqliteBpmDbContext)
        {
            return null;
        }

        var gate = ByConnectionString.GetOrAdd(db.Database.GetConnectionString() ?? "", configured =>
            Gates.GetOrAdd(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(configured).DataSource, _ => new SemaphoreSlim(1, 1)));
        await gate.WaitAsync(cancellationToken);
        return new Release(gate);
    }

    private sealed class Release(SemaphoreSlim gate) : IDisposable
    {
        public void Dispose() => gate.Release();
    }
}
