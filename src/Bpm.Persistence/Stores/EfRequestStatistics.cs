using System.Data.Common;
using System.Linq.Expressions;
using Bpm.Application.Statistics;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bpm.Persistence.Stores;

/// <summary>
/// The dashboard's figures (definitions on <see cref="DashboardFigures"/>) as five aggregate queries over the period's
/// requests, none of which reads a request row: every column they use is in the index IX_TaxpayerRequests_Dashboard
/// (BureauId, ReceivedAt, then the facts and dimensions). Task-derived figures come from facts the request keeps
/// (HandledLate, RespondedAt, RevisitOutcome); only the overdue list reads tasks, by (BureauId, Status, …).
/// </summary>
internal sealed class EfRequestStatistics(BpmDbContext db, DatabaseOptions options) : IRequestStatistics
{
    private const string SatisfiedOutcome = "Satisfied";

    public async Task<DashboardFigures> DashboardAsync(DashboardQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var bureauIds = query.BureauIds.ToList();
        var from = query.ReceivedFrom;
        var before = query.ReceivedBefore;
        var now = query.Now;
        var requests = db.TaxpayerRequests.AsNoTracking()
            .Where(r => bureauIds.Contains(r.BureauId) && r.ReceivedAt >= from && r.ReceivedAt < before);
        var tasks = db.RequestTasks.AsNoTracking();

        // Two scans of the covering index (BureauId, ReceivedAt, …): the request facts, then the four dimensions together
        // (at most 6 types × 17 channels × 5 sizes × the industries groups, folded here).
        var facts = await requests
            .GroupBy(r => new { r.Status, r.HandledLate, Responded = r.RespondedAt != null, r.RevisitOutcome })
            .Select(g => new { g.Key.Status, g.Key.HandledLate, g.Key.Responded, g.Key.RevisitOutcome, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var dimensions = await requests
            .GroupBy(r => new { r.Type, r.Channel, r.Size, r.Industry })
            .Select(g => new { g.Key.Type, g.Key.Channel, g.Key.Size, g.Key.Industry, Count = g.Count() })
            .ToListAsync(cancellationToken);

        var byType = Counts(dimensions, d => d.Type.ToString(), d => d.Count);
        var byChannel = Counts(dimensions, d => d.Channel.ToString(), d => d.Count);
        var byIndustry = Counts(dimensions, d => d.Industry, d => d.Count);
        var bySize = Counts(dimensions, d => d.Size?.ToString(), d => d.Count);
        var byStatus = Counts(facts, f => f.Status.ToString(), f => f.Count);
        int total = facts.Sum(f => f.Count);
        var closedFacts = facts.Where(f => f.Status == RequestStatus.Closed).ToList();
        int closed = closedFacts.Sum(f => f.Count);
        int closedLate = closedFacts.Where(f => f.HandledLate).Sum(f => f.Count);
        int responded = facts.Where(f => f.Responded).Sum(f => f.Count);
        int revisited = facts.Where(f => f.RevisitOutcome != null).Sum(f => f.Count);
        int satisfied = facts.Where(f => f.RevisitOutcome == SatisfiedOutcome).Sum(f => f.Count);

        int repeats = await RepeatCountAsync(query, cancellationToken);

        var overdueTasks = tasks.Where(t => bureauIds.Contains(t.BureauId) && t.Status == RequestTaskStatus.Open && t.DueAt != null && t.DueAt < now);
        var overdue = overdueTasks.Join(requests, t => t.RequestId, r => r.Id, (t, r) => new { Task = t, Request = r });
        int overdueCount = await overdue.CountAsync(cancellationToken);
        var overdueList = await overdue
            .OrderBy(o => o.Task.DueAt).ThenBy(o => o.Request.Number)
            .Take(query.OverdueLimit)
            .Select(o => new OverdueTask(o.Task.Id, o.Request.Id, o.Request.Number, o.Request.TaxpayerName, o.Request.BureauId, o.Task.Title, o.Task.DueAt!.Value))
            .ToListAsync(cancellationToken);

        return new DashboardFigures(
            total,
            byType,
            byChannel,
            byIndustry,
            bySize,
            byStatus,
            new Ratio(closed - closedLate, closed),
            new Ratio(responded, total),
            new Ratio(satisfied, revisited),
            new Ratio(repeats, total),
            await TrendAsync(requests, query, cancellationToken),
            overdueCount,
            overdueList);
    }

    /// <summary>Sums the groups by one key, largest first, ties by key: [(Policy, 3), (Service, 3), (IT, 1)].</summary>
    private static IReadOnlyList<KeyCount> Counts<T>(IEnumerable<T> groups, Func<T, string?> key, Func<T, int> count) =>
        [.. groups.GroupBy(key).Select(g => new KeyCount(g.Key, g.Sum(count))).OrderByDescending(k => k.Count).ThenBy(k => k.Key, StringComparer.Ordinal)];

    /// <summary>
    /// One GROUP BY over a CASE that numbers the bucket of each receipt: with starts 03-01, 03-08, 03-15 a request of
    /// 03-09 is in bucket 1. Buckets without requests count 0.
    /// </summary>
    private static async Task<IReadOnlyList<int>> TrendAsync(IQueryable<TaxpayerRequest> requests, DashboardQuery query, CancellationToken cancellationToken)
    {
        var starts = query.TrendBucketStarts;
        var counts = new int[starts.Count];
        if (starts.Count == 0)
        {
            return counts;
        }

        var request = Expression.Parameter(typeof(TaxpayerRequest), "r");
        var receivedAt = Expression.Property(request, nameof(TaxpayerRequest.ReceivedAt));
        Expression bucket = Expression.Constant(starts.Count - 1);
        for (int i = starts.Count - 1; i >= 1; i--)
        {
            // A captured value, not a constant: EF sends it as a parameter converted like the column.
            var bound = new Bound(starts[i]);
            var boundValue = Expression.Field(Expression.Constant(bound), nameof(Bound.Value));
            bucket = Expression.Condition(Expression.LessThan(receivedAt, boundValue), Expression.Constant(i - 1), bucket);
        }

        var selector = Expression.Lambda<Func<TaxpayerRequest, int>>(bucket, request);
        var rows = await requests.GroupBy(selector).Select(g => new { Bucket = g.Key, Count = g.Count() }).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            counts[row.Bucket] = row.Count;
        }

        return counts;
    }

    private sealed class Bound(DateTimeOffset value)
    {
        public DateTimeOffset Value = value;
    }

    /// <summary>
    /// Requests whose taxpayer's previous request (with a credit code: the same code; without: the same contact among
    /// requests without a code) was received at most the window before them, in the same bureaus. One scan of the
    /// dashboard index from "period start − window", numbering each taxpayer's requests by LAG: code K on 02-20 (before
    /// the period), 03-05 and 03-28 with a 30-day window → 03-05 and 03-28 are both repeats. Raw SQL because
    /// "ReceivedAt − 30 days" is arithmetic on the stored instant, which EF cannot write for SQLite's 64-bit instants.
    /// </summary>
    private async Task<int> RepeatCountAsync(DashboardQuery query, CancellationToken cancellationToken)
    {
        if (query.BureauIds.Count == 0)
        {
            return 0;
        }

        var connection = db.Database.GetDbConnection();
        var parameters = new List<DbParameter>();
        DbParameter Parameter(object value)
        {
            using var command = connection.CreateCommand();
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@p" + parameters.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameter.Value = value;
            parameters.Add(parameter);
            return parameter;
        }

        var sqlite = options.Provider == DatabaseProvider.Sqlite;
        string bureaus = string.Join(", ", query.BureauIds.Select(id => Parameter(sqlite ? id.ToString().ToUpperInvariant() : id).ParameterName));
        string from = Parameter(Instant(query.ReceivedFrom)).ParameterName;
        string before = Parameter(Instant(query.ReceivedBefore)).ParameterName;
        string window = Parameter(options.Provider switch
        {
            DatabaseProvider.Sqlite => (object)SqliteSpan(query.RepeatWindow),
            DatabaseProvider.PostgreSql => query.RepeatWindow,
            _ => (long)query.RepeatWindow.TotalSeconds,
        }).ParameterName;
        string scanFrom = Parameter(Instant(query.ReceivedFrom - query.RepeatWindow)).ParameterName;
        string previousInWindow = options.Provider == DatabaseProvider.SqlServer
            ? $"""x."Previous" >= DATEADD(second, -{window}, x."ReceivedAt")"""
            : $"""x."Previous" >= x."ReceivedAt" - {window}""";
        string concat = options.Provider == DatabaseProvider.SqlServer ? "+" : "||";

        string sql = $"""
            SELECT COUNT(*) AS "Value" FROM (
                SELECT r."ReceivedAt", LAG(r."ReceivedAt") OVER (
                    PARTITION BY CASE WHEN r."CreditCode" IS NOT NULL THEN 'K' {concat} r."CreditCode" ELSE 'C' {concat} r."Contact" END
                    ORDER BY r."ReceivedAt") AS "Previous"
                FROM "TaxpayerRequests" r
                WHERE r."BureauId" IN ({bureaus}) AND r."ReceivedAt" >= {scanFrom} AND r."ReceivedAt" < {before}
            ) x
            WHERE x."ReceivedAt" >= {from} AND {previousInWindow}
            """;
        return await db.Database.SqlQueryRaw<int>(sql, [.. parameters]).SingleAsync(cancellationToken);

        object Instant(DateTimeOffset instant) => sqlite ? (long)BinaryInstants.ConvertToProvider(instant.ToUniversalTime())! : instant.ToUniversalTime();
    }

    /// <summary>A span in SQLite's instant units: the difference of two stored UTC instants that far apart.</summary>
    private static long SqliteSpan(TimeSpan span) =>
        (long)BinaryInstants.ConvertToProvider(DateTimeOffset.UnixEpoch + span)! - (long)BinaryInstants.ConvertToProvider(DateTimeOffset.UnixEpoch)!;

    /// <summary>How SQLite stores instants (see SqliteBpmDbContext): a sortable 64-bit number.</summary>
    private static readonly DateTimeOffsetToBinaryConverter BinaryInstants = new();
}
