using Bpm.Application.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Application.Collections;

/// <summary>
/// One pass of the periodic job: open the monthly collection tasks that are due, store the quarterly reports that
/// are due and refresh the query planner's statistics (<see cref="Statistics.IQueryPlannerStatistics"/>), each in a scope
/// of its own. Every part is idempotent, so the job may run as often as wanted, at start-up
/// (catch-up after downtime) and on two nodes.
/// </summary>
public sealed class PeriodicDuties(IServiceScopeFactory scopes, PeriodicDutiesOptions options)
{
    public async Task<PeriodicDutiesResult> RunAsync(CancellationToken cancellationToken)
    {
        int opened;
        await using (var scope = scopes.CreateAsyncScope())
        {
            opened = await scope.ServiceProvider.GetRequiredService<MonthlyCollectionService>().OpenDueAsync(cancellationToken);
        }

        var reports = 0;
        if (options.QuarterlyReports)
        {
            await using var scope = scopes.CreateAsyncScope();
            reports = await scope.ServiceProvider.GetRequiredService<QuarterlyReportService>().GenerateDueAsync(cancellationToken);
        }

        await using (var scope = scopes.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<Statistics.IQueryPlannerStatistics>().RefreshAsync(cancellationToken);
        }

        return new PeriodicDutiesResult(opened, reports);
    }
}

/// <summary>How many collection tasks were opened and reports stored by one pass.</summary>
public sealed record PeriodicDutiesResult(int CollectionTasksOpened, int ReportsGenerated);
