using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Statistics;

/// <summary>
/// Fills the daily counts from the requests when there are requests but no counts: after the migration that added them
/// (DashboardCountsPersonalData) and after any failure between that migration and this step, since every request adds a "total" count.
/// One transaction; 100,000 requests take a few seconds.
/// </summary>
internal static class RequestDayCountsRebuild
{
    public static async Task<int> RunIfEmptyAsync(BpmDbContext db, CancellationToken cancellationToken)
    {
        var counts = db.Set<RequestDayCountRow>();
        if (await counts.AnyAsync(cancellationToken) || !await db.TaxpayerRequests.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var tally = new Dictionary<(Guid BureauId, DateOnly Day, Application.Statistics.CountKey Key), int>();
        await foreach (var request in RequestDayCounter.StoredFacts(db.TaxpayerRequests.AsNoTracking()).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            RequestDayCounter.Tally(tally, request, +1);
        }

        var deltas = tally.Select(c => new DayCountDelta(c.Key.BureauId, c.Key.Day, c.Key.Key, c.Value)).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await RequestDayCounter.ApplyAsync(db, deltas, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deltas.Count;
    }
}
