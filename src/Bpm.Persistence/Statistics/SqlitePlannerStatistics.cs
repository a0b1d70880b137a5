using Bpm.Application.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Statistics;

/// <summary>
/// SQLite: ANALYZE with <c>analysis_limit</c> 400, so each index is sampled (a few milliseconds at 100,000 rows) rather
/// than read whole. Other providers: nothing to do.
/// </summary>
internal sealed class SqlitePlannerStatistics(BpmDbContext db) : IQueryPlannerStatistics
{
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        if (db is SqliteBpmDbContext)
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=400; ANALYZE;", cancellationToken);
        }
    }
}
