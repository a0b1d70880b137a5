using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Bpm.Persistence.Sqlite;

/// <summary>
/// Per-connection SQLite settings, applied when EF first opens a database connection: a 16 MB page cache instead of SQLite's 2 MB
/// default. With 100,000 open tasks and their timers, the indexes a re-plan or a burst of escalations touches no longer fit
/// in 2 MB, and every write then re-reads pages from the OS (tools/Bpm.Bench `timers`).
/// <para>
/// The write-ahead log is copied back into the database file (checkpointed) every 8,192 pages (32 MB) instead of every
/// 1,000: a re-plan batch rewrites index pages spread over the whole table, so with the default each commit checkpointed
/// and re-plans of 100,000 deadlines spent 12 s of 44 s committing. Durability is unchanged (every commit still syncs
/// the log); readers only see a longer log.
/// </para>
/// <para>
/// 16 MB, not more: every pooled connection fills its own cache, and at 10⁶ requests 200 handlers at once left about ten
/// pooled connections; with 64 MB each the server grew to 510–660 MB (budget 500 MB), with 8 MB to 354 MB. SQLite's soft
/// heap limit (one cap for all connections) was tried: this build of SQLite lacks SQLITE_ENABLE_MEMORY_MANAGEMENT, and it
/// still grew to 500–560 MB.
/// </para>
/// <para>
/// Both settings last as long as the database connection, and a pooled connection is opened again for every query outside a
/// transaction (a registration opens one 3 times): they are sent once per database connection, not on every open.
/// </para>
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    public static readonly SqliteConnectionSettings Instance = new();

    private const string Pragmas = "PRAGMA cache_size = -16384; PRAGMA wal_autocheckpoint = 8192;";

    // The database connections already set up, by their native handle (the same object each time the pool hands it out).
    private static readonly ConditionalWeakTable<object, object> SetUp = new();

    // SqliteConnection.Handle is typed by SQLitePCLRaw 2.1, which this project cannot compile against (it pins 2.0.6: see
    // src/build/Sqlite.Workaround.props), so it is read through a delegate returning object.
    private static readonly Func<SqliteConnection, object?> HandleOf =
        typeof(SqliteConnection).GetProperty("Handle")!.GetMethod!.CreateDelegate<Func<SqliteConnection, object?>>();

    private static bool IsNew(DbConnection connection) =>
        connection is not SqliteConnection sqlite || HandleOf(sqlite) is not { } handle || SetUp.TryAdd(handle, SetUp);

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!IsNew(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (!IsNew(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
