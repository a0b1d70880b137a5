using System.Runtime.CompilerServices;
using System.Text;
using Bpm.Application.Statistics;
using Bpm.Domain.Calendar;
using Bpm.Domain.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Bpm.Persistence.Statistics;

/// <summary>A change of one daily count: (仙桃, 2026-03-02, status/Closed) +1.</summary>
internal readonly record struct DayCountDelta(Guid BureauId, DateOnly Day, CountKey Key, int Change);

/// <summary>
/// Keeps <see cref="RequestDayCountRow"/> in step with the requests, in the same transaction as each save: a request
/// added counts +1 under each of its keys (<see cref="DashboardCounts.Of"/>); a request changed counts −1 under the keys
/// of its stored row and +1 under its new ones, so closing it moves one from status/Dispatched to status/Closed.
/// The stored row of a request this context read from the database is its original values in the change tracker; of one
/// attached with Update (whose original values are its current ones) it is read from the database. A completion, which
/// reads its request, so counts without a query. A save that touches no counted column reads nothing.
/// </summary>
internal static class RequestDayCounter
{
    /// <summary>The counters' days are China Standard Time days; a dashboard period that starts elsewhere is counted from the requests.</summary>
    public static TimeZoneInfo Zone => BureauClock.ChinaDefault.TimeZone;

    /// <summary>Rows per statement: 5 parameters each stays under SQL Server's 2,100.</summary>
    private const int RowsPerStatement = 400;

    private static readonly string[] countedColumns =
    [
        nameof(TaxpayerRequest.BureauId), nameof(TaxpayerRequest.ReceivedAt), nameof(TaxpayerRequest.Status), nameof(TaxpayerRequest.HandledLate),
        nameof(TaxpayerRequest.RespondedAt), nameof(TaxpayerRequest.RevisitOutcome), nameof(TaxpayerRequest.Type), nameof(TaxpayerRequest.Channel),
        nameof(TaxpayerRequest.Size), nameof(TaxpayerRequest.Industry), nameof(TaxpayerRequest.RepeatRequester),
    ];

    public static DateOnly DayOf(DateTimeOffset receivedAt) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(receivedAt, Zone).DateTime);

    /// <summary>The local midnight that starts a counters' day, as a UTC instant: 2026-03-02 → 2026-03-01T16:00Z.</summary>
    public static DateTimeOffset StartOf(DateOnly day) =>
        new(TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), Zone), TimeSpan.Zero);

    /// <summary>True when the instant is a midnight of the counters' zone, so that whole counted days fill the period up to it.</summary>
    public static bool IsDayStart(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).TimeOfDay == TimeSpan.Zero;

    public static IReadOnlyList<DayCountDelta> Deltas(BpmDbContext db)
    {
        var save = SaveOf(db);
        return save.Changed.Count == 0 ? [] : Combine(save, save.ToRead.Count == 0 ? [] : StoredFacts(db, save.ToRead).ToList());
    }

    public static async Task<IReadOnlyList<DayCountDelta>> DeltasAsync(BpmDbContext db, CancellationToken cancellationToken)
    {
        var save = SaveOf(db);
        return save.Changed.Count == 0 ? [] : Combine(save, save.ToRead.Count == 0 ? [] : await StoredFacts(db, save.ToRead).ToListAsync(cancellationToken));
    }

    public static void Apply(BpmDbContext db, IReadOnlyList<DayCountDelta> deltas)
    {
        foreach (var statement in Statements(db, deltas))
        {
            db.Database.ExecuteSql(statement);
        }
    }

    public static async Task ApplyAsync(BpmDbContext db, IReadOnlyList<DayCountDelta> deltas, CancellationToken cancellationToken)
    {
        foreach (var statement in Statements(db, deltas))
        {
            await db.Database.ExecuteSqlAsync(statement, cancellationToken);
        }
    }

    /// <summary>The facts a request is counted by, as a query (the stored rows) …</summary>
    internal static IQueryable<CountedRequest> StoredFacts(IQueryable<TaxpayerRequest> requests) =>
        requests.Select(r => new CountedRequest(r.Id, r.BureauId, new DashboardRow(
            r.ReceivedAt, r.Status, r.HandledLate, r.RespondedAt != null, r.RevisitOutcome, r.Type, r.Channel, r.Size, r.Industry, r.RepeatRequester)));

    /// <summary>… and from an entity in memory.</summary>
    private static CountedRequest FactsOf(TaxpayerRequest r) => new(r.Id, r.BureauId, new DashboardRow(
        r.ReceivedAt, r.Status, r.HandledLate, r.RespondedAt is not null, r.RevisitOutcome, r.Type, r.Channel, r.Size, r.Industry, r.RepeatRequester));

    /// <summary>Sums the counts of requests by bureau, day and key: what a rebuild inserts.</summary>
    internal static void Tally(Dictionary<(Guid BureauId, DateOnly Day, CountKey Key), int> counts, CountedRequest request, int change)
    {
        var day = DayOf(request.Facts.ReceivedAt);
        foreach (var key in DashboardCounts.Of(request.Facts))
        {
            var slot = (request.BureauId, day, key);
            counts[slot] = counts.GetValueOrDefault(slot) + change;
        }
    }

    /// <summary>Upserts adding each change to its row: one statement per <see cref="RowsPerStatement"/> rows.</summary>
    internal static IEnumerable<FormattableString> Statements(BpmDbContext db, IReadOnlyList<DayCountDelta> deltas)
    {
        foreach (var chunk in deltas.Chunk(RowsPerStatement))
        {
            var values = new StringBuilder();
            var arguments = new List<object>(chunk.Length * 5);
            foreach (var delta in chunk)
            {
                int at = arguments.Count;
                values.Append(values.Length == 0 ? "" : ", ").Append(FormattableString.Invariant($"({{{at}}}, {{{at + 1}}}, {{{at + 2}}}, {{{at + 3}}}, {{{at + 4}}})"));
                arguments.AddRange([delta.BureauId, delta.Day, delta.Key.Figure, delta.Key.Key, delta.Change]);
            }

            string sql = db is SqlServerBpmDbContext
                ? $"""
                  MERGE "RequestDayCounts" WITH (HOLDLOCK) AS t
                  USING (VALUES {values}) AS s ("BureauId", "Day", "Figure", "Key", "Count")
                  ON t."BureauId" = s."BureauId" AND t."Day" = s."Day" AND t."Figure" = s."Figure" AND t."Key" = s."Key"
                  WHEN MATCHED THEN UPDATE SET "Count" = t."Count" + s."Count"
                  WHEN NOT MATCHED THEN INSERT ("BureauId", "Day", "Figure", "Key", "Count") VALUES (s."BureauId", s."Day", s."Figure", s."Key", s."Count");
                  """
                : $"""
                  INSERT INTO "RequestDayCounts" ("BureauId", "Day", "Figure", "Key", "Count") VALUES {values}
                  ON CONFLICT ("BureauId", "Day", "Figure", "Key") DO UPDATE SET "Count" = "RequestDayCounts"."Count" + excluded."Count"
                  """;
            yield return FormattableStringFactory.Create(sql, [.. arguments]);
        }
    }

    /// <summary>
    /// Splits the requests of the save whose counts may change once: the stored rows of those read by a query are their
    /// original values; the ids of the others (attached with Update, or deleted unread) are read from the database.
    /// </summary>
    private static CountedSave SaveOf(BpmDbContext db)
    {
        var changed = db.ChangeTracker.Entries<TaxpayerRequest>()
            .Where(e => e.State == EntityState.Added || e.State == EntityState.Deleted
                || (e.State == EntityState.Modified && countedColumns.Any(c => e.Property(c).IsModified)))
            .ToList();
        var toRead = new List<Guid>();
        var known = new List<CountedRequest>();
        foreach (var entry in changed.Where(e => e.State != EntityState.Added))
        {
            if (db.WasRead(entry.Entity))
            {
                known.Add(FactsOf((TaxpayerRequest)entry.OriginalValues.ToObject()));
            }
            else
            {
                toRead.Add(entry.Entity.Id);
            }
        }

        return new CountedSave(changed, toRead, known);
    }

    private static IQueryable<CountedRequest> StoredFacts(BpmDbContext db, List<Guid> ids) =>
        StoredFacts(db.TaxpayerRequests.AsNoTracking().Where(r => ids.Contains(r.Id)));

    /// <summary>−1 under the keys of each stored row (<paramref name="read"/> now, or known from the change tracker), +1 under the new ones.</summary>
    private static List<DayCountDelta> Combine(CountedSave save, List<CountedRequest> read)
    {
        var counts = new Dictionary<(Guid BureauId, DateOnly Day, CountKey Key), int>();
        foreach (var row in read.Concat(save.KnownStored))
        {
            Tally(counts, row, -1);
        }

        foreach (var entry in save.Changed.Where(e => e.State != EntityState.Deleted))
        {
            Tally(counts, FactsOf(entry.Entity), +1);
        }

        return [.. counts.Where(c => c.Value != 0).Select(c => new DayCountDelta(c.Key.BureauId, c.Key.Day, c.Key.Key, c.Value))];
    }
}

/// <summary>
/// The requests of one save whose counts may change; <see cref="ToRead"/> the ids whose stored rows must be read,
/// <see cref="KnownStored"/> the stored rows already known (a completion's request, read by its query).
/// </summary>
internal sealed record CountedSave(List<EntityEntry<TaxpayerRequest>> Changed, List<Guid> ToRead, List<CountedRequest> KnownStored);

/// <summary>A request's id and bureau with the facts it is counted by.</summary>
internal sealed record CountedRequest(Guid Id, Guid BureauId, DashboardRow Facts);
