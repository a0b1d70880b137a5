using System.Collections.Concurrent;
using System.Diagnostics;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Tests;

/// <summary>
/// On PostgreSQL every statement Bpm waits for is a round trip to the server, and a handler's completion waits for each
/// in turn. Statements that need no answer go together: a save's new rows (of every table) with their day counts, and a
/// commit's audit rows with the move of the chain's head. Round trips are counted as Npgsql reports them (one traced
/// operation per command or batch).
/// </summary>
[RequiresPostgreSql]
public sealed class PostgreSqlRoundTripsTests(PostgreSqlDatabaseFixture fixture) : StoreTestBase(fixture), IClassFixture<PostgreSqlDatabaseFixture>
{
    private static readonly CancellationToken none = CancellationToken.None;

    [ContractFact]
    public async Task A_save_adding_a_request_and_its_task_waits_once_for_its_rows_and_day_counts_and_twice_for_their_audit()
    {
        var bureau = await SeedBureauAsync();
        var request = NewRequest(bureau, 1);
        var task = NewAcceptTask(request);

        await using var db = Database.CreateContext();
        await db.Database.OpenConnectionAsync(none);
        var database = db.Database.GetDbConnection().Database;
        List<IReadOnlyList<string>> trips;
        using (var recorder = new RoundTrips(database))
        {
            db.Add(request);
            db.Add(task);
            (await db.SaveChangesAsync(none)).ShouldBe(2);
            trips = [.. recorder.Trips];
        }

        trips.Count.ShouldBe(3, string.Join("\n---\n", trips.Select(t => string.Join("\n", t))));
        trips[0].ShouldBe(["INSERT INTO \"TaxpayerRequests\"", "INSERT INTO \"RequestTasks\"", "INSERT INTO \"RequestDayCounts\""]);
        trips[1].ShouldBe(["UPDATE \"AuditChainHead\""]);
        trips[2].ShouldBe(["INSERT INTO \"AuditEntries\"", "UPDATE \"AuditChainHead\""]);

        // All of it stood: the rows, the counts, and a chain whose head is the last audit row.
        await using var read = Database.CreateContext();
        (await read.RequestTasks.CountAsync(t => t.RequestId == request.Id, none)).ShouldBe(1);
        (await read.Database.SqlQuery<int>($"SELECT coalesce(sum(\"Count\"), 0)::int AS \"Value\" FROM \"RequestDayCounts\" WHERE \"BureauId\" = {bureau.Bureau.Id}")
            .SingleAsync(none)).ShouldBeGreaterThan(0);
        var last = await read.AuditEntries.OrderByDescending(e => e.Sequence).FirstAsync(none);
        (await read.Database.SqlQuery<long>($"SELECT \"LastSequence\" AS \"Value\" FROM \"AuditChainHead\"").SingleAsync(none)).ShouldBe(last.Sequence);
        (await read.Database.SqlQuery<string>($"SELECT \"LastHash\" AS \"Value\" FROM \"AuditChainHead\"").SingleAsync(none)).ShouldBe(last.Hash);
    }

    /// <summary>
    /// The round trips Npgsql makes to one database while alive, each as the first words of its statements
    /// (<c>INSERT INTO "RequestTasks"</c>); opening a connection is not one of them.
    /// </summary>
    private sealed class RoundTrips : IDisposable
    {
        private readonly ActivityListener _listener;
        private readonly ConcurrentQueue<IReadOnlyList<string>> _trips = new();

        public RoundTrips(string database)
        {
            _listener = new ActivityListener
            {
                ShouldListenTo = source => source.Name == "Npgsql",
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllData,
                ActivityStopped = activity =>
                {
                    if (activity.GetTagItem("db.namespace") as string == database && activity.GetTagItem("db.query.text") is string text)
                    {
                        _trips.Enqueue([.. text.Split(";\n").Select(Opening)]);
                    }
                },
            };
            ActivitySource.AddActivityListener(_listener);
        }

        public IReadOnlyList<IReadOnlyList<string>> Trips => [.. _trips];

        public void Dispose() => _listener.Dispose();

        /// <summary><c>INSERT INTO "X" (…) VALUES …</c> → <c>INSERT INTO "X"</c>; <c>UPDATE "X" SET …</c> → <c>UPDATE "X"</c>.</summary>
        private static string Opening(string statement)
        {
            var words = statement.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(' ', words.Take(words[0] == "INSERT" ? 3 : 2));
        }
    }
}
