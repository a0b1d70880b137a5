using System.Globalization;
using Bpm.Application.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Statistics;

/// <summary>
/// SQLite: a full ANALYZE whenever the requests or tasks have grown (or shrunk) by half or more since the last one, so a
/// database that grows from nothing to a million requests is analyzed about twenty times in its life, or when one of their
/// indexes has no statistics yet (a migration added it). Examples: analyzed at 40,000 requests, now 100,000 → analyze;
/// analyzed at 100,000, then a migration adds the (ReceivedAt, Number) index → analyze, else the planner does not know the
/// index and sorts every request for the first page of the list. Partial indexes with no rows never get statistics and do
/// not count. A sampled ANALYZE (analysis_limit) is not enough: sampling the first rows of
/// (BureauId, …) saw one bureau and made the planner sort every request of the national list. Other providers analyze
/// by themselves: nothing to do.
/// </summary>
internal sealed class SqlitePlannerStatistics(BpmDbContext db) : IQueryPlannerStatistics
{
    private static readonly (string Table, string CountSql)[] watchedTables =
    [
        ("TaxpayerRequests", """SELECT COUNT(*) AS "Value" FROM "TaxpayerRequests" """),
        ("RequestTasks", """SELECT COUNT(*) AS "Value" FROM "RequestTasks" """),
    ];

    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (db is not SqliteBpmDbContext)
        {
            return;
        }

        foreach (var (table, countSql) in watchedTables)
        {
            if (await IsStaleAsync(table, countSql, cancellationToken))
            {
                await db.Database.ExecuteSqlRawAsync("ANALYZE;", cancellationToken);
                return;
            }
        }
    }

    private async Task<bool> IsStaleAsync(string table, string countSql, CancellationToken cancellationToken)
    {
        var rows = await db.Database.SqlQueryRaw<long>(countSql).SingleAsync(cancellationToken);
        if (rows == 0)
        {
            return false;
        }

        var analyzed = await AnalyzedRowsAsync(table, cancellationToken);
        return analyzed == 0 || rows >= analyzed * 3 / 2 || rows <= analyzed / 2 || await HasIndexWithoutStatisticsAsync(table, cancellationToken);
    }

    /// <summary>A full (not partial) index of the table that the last ANALYZE did not see, i.e. one created after it.</summary>
    private async Task<bool> HasIndexWithoutStatisticsAsync(string table, CancellationToken cancellationToken) =>
        await db.Database.SqlQueryRaw<long>(
            """
            SELECT COUNT(*) AS "Value" FROM pragma_index_list({0}) AS i
            WHERE i.partial = 0 AND NOT EXISTS (SELECT 1 FROM sqlite_stat1 AS s WHERE s.tbl = {0} AND s.idx = i.name)
            """, table).SingleAsync(cancellationToken) > 0;

    /// <summary>The table's row count at the last ANALYZE: the first number of its indexes' statistics ("85344 2 1" → 85,344).</summary>
    private async Task<long> AnalyzedRowsAsync(string table, CancellationToken cancellationToken)
    {
        var hasStatistics = await db.Database.SqlQueryRaw<long>(
            """SELECT COUNT(*) AS "Value" FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_stat1'""").SingleAsync(cancellationToken);
        if (hasStatistics == 0)
        {
            return 0;
        }

        var stats = await db.Database.SqlQueryRaw<string>("""SELECT stat AS "Value" FROM sqlite_stat1 WHERE tbl = {0}""", table).ToListAsync(cancellationToken);
        return stats.Select(s => long.TryParse(s.Split(' ')[0], NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max();
    }
}
