using Bpm.Application.Statistics;
using Bpm.Domain.Tasks;
using Bpm.Persistence.Statistics;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>
/// The dashboard's figures. A period whose bounds and trend buckets start at China Standard Time midnights (every period
/// of a bureau on the default clock) is summed from the daily counts (<see cref="RequestDayCounter"/>): a year of a
/// subtree reads a few thousand small rows, however many requests it received. Any other period is counted from the
/// requests, one scan of the index IX_TaxpayerRequests_Dashboard tallied in memory. Both count with
/// <see cref="DashboardCounts.Of"/>. The overdue list is read from the open tasks in both cases.
/// </summary>
internal sealed class EfRequestStatistics(BpmDbContext db) : IRequestStatistics
{
    public async Task<DashboardFigures> DashboardAsync(DashboardQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var bureauIds = query.BureauIds.ToList();
        var tally = new DashboardTally(query);
        if (CountedByDay(query))
        {
            await SumDailyCountsAsync(query, bureauIds, tally, cancellationToken);
        }
        else
        {
            await ScanRequestsAsync(query, bureauIds, tally, cancellationToken);
        }

        var (count, first) = await OverdueAsync(query, bureauIds, cancellationToken);
        return tally.Figures(count, first);
    }

    /// <summary>Whether whole counted days make up the period and each trend bucket.</summary>
    private static bool CountedByDay(DashboardQuery query) =>
        RequestDayCounter.IsDayStart(query.ReceivedFrom) && RequestDayCounter.IsDayStart(query.ReceivedBefore)
        && query.TrendBucketStarts.All(RequestDayCounter.IsDayStart);

    private async Task SumDailyCountsAsync(DashboardQuery query, List<Guid> bureauIds, DashboardTally tally, CancellationToken cancellationToken)
    {
        var firstDay = RequestDayCounter.DayOf(query.ReceivedFrom);
        var endDay = RequestDayCounter.DayOf(query.ReceivedBefore);
        var days = db.RequestDayCounts.AsNoTracking().Where(c => bureauIds.Contains(c.BureauId) && c.Day >= firstDay && c.Day < endDay);
        var sums = await days
            .GroupBy(c => new { c.Figure, c.Key })
            .Select(g => new { g.Key.Figure, g.Key.Key, Count = g.Sum(c => c.Count) })
            .ToListAsync(cancellationToken);
        foreach (var sum in sums)
        {
            tally.Add(new CountKey(sum.Figure, sum.Key), sum.Count);
        }

        var totals = await days
            .Where(c => c.Figure == DashboardCounts.Total)
            .GroupBy(c => c.Day)
            .Select(g => new { Day = g.Key, Count = g.Sum(c => c.Count) })
            .ToListAsync(cancellationToken);
        foreach (var total in totals)
        {
            tally.AddToTrend(RequestDayCounter.StartOf(total.Day), total.Count);
        }
    }

    private async Task ScanRequestsAsync(DashboardQuery query, List<Guid> bureauIds, DashboardTally tally, CancellationToken cancellationToken)
    {
        var from = query.ReceivedFrom;
        var before = query.ReceivedBefore;
        var requests = db.TaxpayerRequests.AsNoTracking().Where(r => bureauIds.Contains(r.BureauId) && r.ReceivedAt >= from && r.ReceivedAt < before);
        await foreach (var request in RequestDayCounter.StoredFacts(requests).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            tally.Add(request.Facts);
        }
    }

    /// <summary>
    /// The overdue tasks of the bureaus with their request's receipt, driven from the tasks (index Status, DueAt) and kept to
    /// the period here: any period filter in SQL let SQLite's planner walk the period's requests instead and probe every
    /// one's tasks (seconds at 100,000 requests). Then the details of the first few only.
    /// </summary>
    private async Task<(int Count, IReadOnlyList<OverdueTask> First)> OverdueAsync(DashboardQuery query, List<Guid> bureauIds, CancellationToken cancellationToken)
    {
        var now = query.Now;
        var from = query.ReceivedFrom;
        var before = query.ReceivedBefore;
        var overdueTasks = await db.RequestTasks.AsNoTracking()
            .Where(t => bureauIds.Contains(t.BureauId) && t.Status == RequestTaskStatus.Open && t.DueAt != null && t.DueAt < now)
            .Join(db.TaxpayerRequests, t => t.RequestId, r => r.Id, (t, r) => new { t.Id, DueAt = t.DueAt!.Value, r.ReceivedAt })
            .ToListAsync(cancellationToken);
        var inPeriod = overdueTasks.Where(t => t.ReceivedAt >= from && t.ReceivedAt < before).ToList();
        var firstIds = inPeriod.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(query.OverdueLimit).Select(t => t.Id).ToList();
        var firstOverdue = await db.RequestTasks.AsNoTracking()
            .Where(t => firstIds.Contains(t.Id))
            .Join(db.TaxpayerRequests, t => t.RequestId, r => r.Id, (t, r) => new OverdueTask(t.Id, r.Id, r.Number, r.TaxpayerName, r.BureauId, t.Title, t.DueAt!.Value))
            .ToListAsync(cancellationToken);
        return (inPeriod.Count, [.. firstOverdue.OrderBy(o => o.DueAt).ThenBy(o => o.RequestNumber, StringComparer.Ordinal)]);
    }
}
