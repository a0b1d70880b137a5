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
/// The dashboard's figures (definitions on <see cref="DashboardFigures"/>) as a dozen aggregate queries over the
/// period's requests, none of which reads a request row into memory. Indexes: requests by (BureauId, ReceivedAt),
/// by (CreditCode, ReceivedAt) and (Contact, ReceivedAt) for repeats; tasks by RequestId and (Status, DueAt).
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

        var byType = await CountAsync(requests.GroupBy(r => r.Type).Select(g => new { g.Key, Count = g.Count() }), g => g.Key.ToString(), g => g.Count, cancellationToken);
        var byChannel = await CountAsync(requests.GroupBy(r => r.Channel).Select(g => new { g.Key, Count = g.Count() }), g => g.Key.ToString(), g => g.Count, cancellationToken);
        var byIndustry = await CountAsync(requests.GroupBy(r => r.Industry).Select(g => new { g.Key, Count = g.Count() }), g => g.Key, g => g.Count, cancellationToken);
        var bySize = await CountAsync(requests.GroupBy(r => r.Size).Select(g => new { g.Key, Count = g.Count() }), g => g.Key?.ToString(), g => g.Count, cancellationToken);
        var byStatus = await CountAsync(requests.GroupBy(r => r.Status).Select(g => new { g.Key, Count = g.Count() }), g => g.Key.ToString(), g => g.Count, cancellationToken);
        int total = byStatus.Sum(s => s.Count);
        int closed = byStatus.Where(s => s.Key == nameof(RequestStatus.Closed)).Sum(s => s.Count);

        // A closed request is late when one of its handling tasks was completed at or after the first late instant.
        int closedLate = await requests.CountAsync(
            r => r.Status == RequestStatus.Closed && tasks.Any(t => t.RequestId == r.Id
                && (t.SlaStep == SlaStep.Handling || t.SlaStep == SlaStep.Rehandle)
                && t.Status == RequestTaskStatus.Completed && t.DueAt != null && t.CompletedAt >= t.DueAt),
            cancellationToken);

        int responded = await requests.CountAsync(
            r => r.OnTheSpotAnswer != null
                || tasks.Any(t => t.RequestId == r.Id && t.SlaStep == SlaStep.Feedback && t.Status == RequestTaskStatus.Completed),
            cancellationToken);

        // From the period's requests to their tasks (index on RequestId), not from every revisit task of the database.
        var revisits = await requests
            .Join(tasks.Where(t => t.SlaStep == SlaStep.Revisit && t.Status == RequestTaskStatus.Completed), r => r.Id, t => t.RequestId, (r, t) => t)
            .GroupBy(t => t.Outcome == SatisfiedOutcome)
            .Select(g => new { Satisfied = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);

        int repeats = await RepeatCountAsync(query, cancellationToken);

        var overdueTasks = tasks.Where(t => t.Status == RequestTaskStatus.Open && t.DueAt != null && t.DueAt < now);
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
            new Ratio(revisits.Where(r => r.Satisfied).Sum(r => r.Count), revisits.Sum(r => r.Count)),
            new Ratio(repeats, total),
            await TrendAsync(requests, query, cancellationToken),
            overdueCount,
            overdueList);
    }

    private static async Task<IReadOnlyList<KeyCount>> CountAsync<T>(
        IQueryable<T> groups, Func<T, string?> key, Func<T, int> count, CancellationToken cancellationToken) =>
        [.. (await groups.ToListAsync(cancellationToken)).Select(g => new KeyCount(key(g), count(g))).OrderByDescending(k => k.Count).ThenBy(k => k.Key, StringComparer.Ordinal)];

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
    /// Requests with an earlier request of the same taxpayer in the window before them, counted in two disjoint halves
    /// (with a credit code: the same code; without: the same contact among requests without a code), each served by
    /// an index on (key, ReceivedAt). Raw SQL because "ReceivedAt − 30 days" is arithmetic on the stored instant,
    /// which EF cannot write for SQLite's 64-bit instants.
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
        string windowStart = options.Provider switch
        {
            DatabaseProvider.Sqlite => $"""r."ReceivedAt" - {Parameter(SqliteSpan(query.RepeatWindow)).ParameterName}""",
            DatabaseProvider.PostgreSql => $"""r."ReceivedAt" - {Parameter(query.RepeatWindow).ParameterName}""",
            _ => $"""DATEADD(second, -{Parameter((long)query.RepeatWindow.TotalSeconds).ParameterName}, r."ReceivedAt")""",
        };

        string Half(string sameTaxpayer) => $"""
            SELECT COUNT(*) FROM "TaxpayerRequests" r
            WHERE r."BureauId" IN ({bureaus}) AND r."ReceivedAt" >= {from} AND r."ReceivedAt" < {before} AND {sameTaxpayer.Split('|')[0]}
              AND EXISTS (SELECT 1 FROM "TaxpayerRequests" o
                          WHERE {sameTaxpayer.Split('|')[1]} AND o."BureauId" IN ({bureaus})
                            AND o."ReceivedAt" < r."ReceivedAt" AND o."ReceivedAt" >= {windowStart})
            """;

        string sql = $"""
            SELECT ({Half("""r."CreditCode" IS NOT NULL|o."CreditCode" = r."CreditCode" """)})
                 + ({Half("""r."CreditCode" IS NULL|o."CreditCode" IS NULL AND o."Contact" = r."Contact" """)}) AS "Value"
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
