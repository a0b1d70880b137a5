namespace Bpm.Application.Statistics;

/// <summary>
/// Keeps the database's query-planner statistics fresh as the data grows. SQLite has no auto-analyze: with statistics taken
/// on an empty database it keeps sorting all 100,000 requests for the newest 50 instead of reading the (ReceivedAt, Number)
/// index in order. PostgreSQL and SQL Server analyze by themselves, so there it does nothing.
/// </summary>
public interface IQueryPlannerStatistics
{
    Task RefreshAsync(CancellationToken cancellationToken);
}
