using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence;

/// <summary>
/// Brings the database to the newest schema: creates a SQLite file's folder, applies pending migrations, then fills derived
/// data a migration could not (the dashboard's daily counts, see <see cref="Statistics.RequestDayCountsRebuild"/>) and
/// refreshes SQLite's planner statistics, which new indexes need before the planner uses them.
/// </summary>
public sealed class DatabaseMigrator(BpmDbContext db, DatabaseOptions options)
{
    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            PrepareSqliteFile(options.ConnectionString);
        }

        if (await HasPendingMigrationsAsync(cancellationToken))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }

        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // WAL lets readers go on while one writer commits; the mode is stored in the file, so once is enough.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        await Statistics.RequestDayCountsRebuild.RunIfEmptyAsync(db, cancellationToken);
        await new Statistics.SqlitePlannerStatistics(db).RefreshAsync(cancellationToken);
    }

    /// <summary>
    /// Whether any migration of this build is missing from the database's history: one read of the history table. A restart on
    /// an up-to-date database skips <c>MigrateAsync</c>, which takes the migrations lock and compares the whole model with the
    /// last snapshot before finding nothing to do (about a second of a 4 s start-up).
    /// </summary>
    private async Task<bool> HasPendingMigrationsAsync(CancellationToken cancellationToken)
    {
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        return db.Database.GetMigrations().Any(migration => !applied.Contains(migration));
    }

    /// <summary>"Data Source=data/bpm.db" → makes ./data/ so the first start on a clean checkout works.</summary>
    private static void PrepareSqliteFile(string connectionString)
    {
        var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
