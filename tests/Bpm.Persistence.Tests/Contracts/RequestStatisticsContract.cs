using Bpm.Application.Requests;
using Bpm.Application.Statistics;
using Bpm.Application.Tasks;
using Bpm.Domain.Calendar;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Domain.Users;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>
/// What <see cref="IRequestStatistics"/> counts, on every provider. Bureau P with child C, and an unrelated bureau O;
/// February 2026 in Shanghai ([2026-01-31T16:00Z, 2026-02-28T16:00Z)); now Mon 2026-03-02 10:00:
/// a (P, 02-02, code K, 12366): closed, handling done late, fed back, revisit satisfied;
/// b (C, 02-10, code K, flagged a repeat requester as registration's duplicate check does): closed, handling on time,
/// fed back, revisit unsatisfied; c (P, 02-28 23:59 local, contact M): open handling task due 03-01 24:00 → overdue;
/// d (P, 03-01 00:00 local): outside; e (O, 02-20, contact M): outside the bureaus.
/// The figures come from the daily counts (a period of whole Shanghai days) and, for the same period shifted by a second,
/// from the requests themselves: both must agree.
/// </summary>
public abstract class RequestStatisticsContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private async Task<TaxpayerRequest> RegisterAsync(SeededBureau bureau, string receivedAt, Channel channel, string? code = null, string contact = "13812345678") =>
        await InScope(services => services.GetRequiredService<RequestRegistrationService>().RegisterAsync(
            bureau.Id, Registration(bureau, At(receivedAt)) with { Channel = channel, CreditCode = code, Contact = contact }, none));

    private Task CloseAsync(Guid id) => InScope(async services =>
    {
        var store = services.GetRequiredService<ITaxpayerRequestStore>();
        var request = (await store.FindAsync(id, none))!;
        foreach (var status in new[] { RequestStatus.Transferred, RequestStatus.Dispatched, RequestStatus.Handled, RequestStatus.FedBack, RequestStatus.Closed })
        {
            request.MoveTo(status, Time.GetUtcNow());
        }

        await store.UpdateAsync(request, none);
    });

    private Task TaskAsync(TaxpayerRequest request, SeededBureau bureau, SlaStep step, string dueAt, string? completedAt = null, string outcome = "Done") =>
        InScope(async services =>
        {
            var task = new RequestTask(new RequestTaskOpening(
                Guid.CreateVersion7(), request.Id, request.BureauId, request.Type, request.TaxpayerName, NewId(), NewId(), "step", "Bpm.HumanTask", step.ToString(), bureau.Unit.Id,
                Roles.Handler, [outcome], "[]", step, At("2026-02-01T02:00:00Z"), null, At(dueAt), false));
            await services.GetRequiredService<IRequestTaskStore>().AddAsync(task, none);
            if (completedAt is not null)
            {
                // What completing it in the workflow does: the task, and the request's facts the figures count.
                task.Complete(Guid.NewGuid(), outcome, null, At(completedAt));
                await services.GetRequiredService<IRequestTaskStore>().UpdateAsync(task, none);
                var store = services.GetRequiredService<ITaxpayerRequestStore>();
                var current = (await store.FindAsync(request.Id, none))!;
                current.RecordCompletedTask(step, outcome, task.DueAt, At(completedAt));
                await store.UpdateAsync(current, none);
            }
        });

    private Task MarkRepeatRequesterAsync(Guid id) => InScope(async services =>
    {
        var store = services.GetRequiredService<ITaxpayerRequestStore>();
        var request = (await store.FindAsync(id, none))!;
        request.MarkRepeatRequester();
        await store.UpdateAsync(request, none);
    });

    private Task<DashboardFigures> FiguresAsync(DashboardQuery query) =>
        InScope(services => services.GetRequiredService<IRequestStatistics>().DashboardAsync(query, none));

    /// <summary>The same period with bounds and first bucket a second earlier: no longer whole days, so counted from the requests.</summary>
    private static DashboardQuery SecondEarlier(DashboardQuery query) => query with
    {
        ReceivedFrom = query.ReceivedFrom.AddSeconds(-1),
        ReceivedBefore = query.ReceivedBefore.AddSeconds(-1),
        TrendBucketStarts = [query.ReceivedFrom.AddSeconds(-1), .. query.TrendBucketStarts.Skip(1)],
    };

    private async Task<(TaxpayerRequest A, TaxpayerRequest B, TaxpayerRequest C, SeededBureau P, SeededBureau Child)> SeedFebruaryAsync()
    {
        var p = await SeedBureauAsync();
        var c = await SeedBureauAsync(parentId: p.Id);
        var o = await SeedBureauAsync();
        var k = CreditCode("91429004MA49KT" + Random.Shared.Next(100, 999).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var m = "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

        var a = await RegisterAsync(p, "2026-02-02T02:00:00Z", Channel.Hotline12366, code: k);
        var b = await RegisterAsync(c, "2026-02-10T02:00:00Z", Channel.ServiceHall, code: k);
        var cc = await RegisterAsync(p, "2026-02-28T15:59:00Z", Channel.ServiceHall, contact: m);
        await RegisterAsync(p, "2026-02-28T16:00:00Z", Channel.ServiceHall);
        await RegisterAsync(o, "2026-02-20T02:00:00Z", Channel.ServiceHall, contact: m);
        await MarkRepeatRequesterAsync(b.Id);
        await CloseAsync(a.Id);
        await CloseAsync(b.Id);
        await TaskAsync(a, p, SlaStep.Handling, "2026-02-04T16:00:00Z", "2026-02-05T02:00:00Z");
        await TaskAsync(a, p, SlaStep.Feedback, "2026-02-06T16:00:00Z", "2026-02-06T02:00:00Z");
        await TaskAsync(a, p, SlaStep.Revisit, "2026-02-10T16:00:00Z", "2026-02-07T02:00:00Z", "Satisfied");
        await TaskAsync(b, c, SlaStep.Handling, "2026-02-12T16:00:00Z", "2026-02-12T15:59:00Z");
        await TaskAsync(b, c, SlaStep.Feedback, "2026-02-13T16:00:00Z", "2026-02-13T02:00:00Z");
        await TaskAsync(b, c, SlaStep.Revisit, "2026-02-20T16:00:00Z", "2026-02-14T02:00:00Z", "Unsatisfied");
        await TaskAsync(cc, p, SlaStep.Handling, "2026-03-01T16:00:00Z");
        return (a, b, cc, p, c);
    }

    private static DashboardQuery February(params Guid[] bureaus)
    {
        var period = new DashboardPeriod(Day("2026-02-01"), Day("2026-02-28"));
        var clock = BureauClock.ChinaDefault;
        return new DashboardQuery(bureaus, period.StartInstant(clock), period.EndInstant(clock), At("2026-03-02T02:00:00Z"), period.BucketInstants(clock));
    }

    [ContractFact]
    public async Task Figures_from_the_daily_counts_match_the_hand_counted_ones_and_those_counted_from_the_requests()
    {
        var (_, _, cc, p, c) = await SeedFebruaryAsync();
        var query = February(p.Id, c.Id);

        var figures = await FiguresAsync(query);
        var scanned = await FiguresAsync(SecondEarlier(query));

        figures.Requests.ShouldBe(3);
        figures.ByChannel.ShouldBe([new KeyCount("ServiceHall", 2), new KeyCount("Hotline12366", 1)]);
        figures.ByStatus.ShouldBe([new KeyCount("Closed", 2), new KeyCount("Registered", 1)]);
        figures.BySize.ShouldBe([new KeyCount(null, 3)]);
        figures.OnTime.ShouldBe(new Ratio(1, 2));
        figures.Responded.ShouldBe(new Ratio(2, 3));
        figures.Satisfied.ShouldBe(new Ratio(1, 2));
        figures.Repeat.ShouldBe(new Ratio(1, 3));
        figures.OverdueTasks.ShouldBe(1);
        figures.Overdue.Single().RequestNumber.ShouldBe(cc.Number);
        figures.Trend.Count.ShouldBe(28);
        figures.Trend.Sum().ShouldBe(3);
        figures.Trend[1].ShouldBe(1);
        figures.Trend[9].ShouldBe(1);
        figures.Trend[27].ShouldBe(1);
        scanned.ShouldBeEquivalentTo(figures);
    }

    [ContractFact]
    public async Task Emptied_daily_counts_are_rebuilt_from_the_requests_when_the_database_is_migrated()
    {
        var (_, _, _, p, c) = await SeedFebruaryAsync();
        var query = February(p.Id, c.Id);
        var before = await FiguresAsync(query);
        await using (var db = Database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("""DELETE FROM "RequestDayCounts" """);
            (await FiguresAsync(query)).Requests.ShouldBe(0);
            await new DatabaseMigrator(db, Database.Options).MigrateAsync(none);
        }

        (await FiguresAsync(query)).ShouldBeEquivalentTo(before);
    }

    [ContractFact]
    public async Task Status_counts_move_once_whether_the_request_was_read_saved_twice_or_attached_untouched_by_a_query()
    {
        var p = await SeedBureauAsync();
        var read = await RegisterAsync(p, "2026-02-02T02:00:00Z", Channel.ServiceHall);
        var attached = await RegisterAsync(p, "2026-02-03T02:00:00Z", Channel.ServiceHall);
        var reattached = await RegisterAsync(p, "2026-02-04T02:00:00Z", Channel.ServiceHall);

        // Read by a query and saved twice in one scope: the second save counts from what the first one stored.
        await InScope(async services =>
        {
            var store = services.GetRequiredService<ITaxpayerRequestStore>();
            var request = (await store.FindAsync(read.Id, none))!;
            request.MoveTo(RequestStatus.Transferred, Time.GetUtcNow());
            await store.UpdateAsync(request, none);
            request.MoveTo(RequestStatus.Dispatched, Time.GetUtcNow());
            await store.UpdateAsync(request, none);
        });

        // Never read by this scope's queries (an untracked copy saved with Update): counted from the stored row.
        await InScope(async services =>
        {
            var store = services.GetRequiredService<ITaxpayerRequestStore>();
            var copy = (await store.FindManyAsync([attached.Id], none)).Single();
            copy.MoveTo(RequestStatus.Transferred, Time.GetUtcNow());
            await store.UpdateAsync(copy, none);
        });

        // Read, let go, changed and saved again as an untracked copy: its old snapshot must not be trusted.
        await InScope(async services =>
        {
            var db = services.GetRequiredService<BpmDbContext>();
            var store = services.GetRequiredService<ITaxpayerRequestStore>();
            var request = (await store.FindAsync(reattached.Id, none))!;
            db.Entry(request).State = EntityState.Detached;
            request.MoveTo(RequestStatus.Transferred, Time.GetUtcNow());
            await store.UpdateAsync(request, none);
        });

        var query = February(p.Id);
        var figures = await FiguresAsync(query);

        figures.ByStatus.ShouldBe([new KeyCount("Transferred", 2), new KeyCount("Dispatched", 1)]);
        (await FiguresAsync(SecondEarlier(query))).ShouldBeEquivalentTo(figures);
    }

    [ContractFact]
    public async Task A_week_trend_puts_each_receipt_in_the_seven_days_from_its_bucket_start_and_no_bureaus_count_nothing()
    {
        var p = await SeedBureauAsync();
        await RegisterAsync(p, "2026-01-07T16:00:00Z", Channel.ServiceHall);
        await RegisterAsync(p, "2026-01-14T15:59:00Z", Channel.ServiceHall);
        var period = new DashboardPeriod(Day("2026-01-01"), Day("2026-02-28"));
        period.Step.ShouldBe(TrendStep.Week);
        var clock = BureauClock.ChinaDefault;

        DashboardQuery Query(IReadOnlyCollection<Guid> bureaus) => new(bureaus, period.StartInstant(clock), period.EndInstant(clock), Time.GetUtcNow(),
            period.BucketInstants(clock));
        var figures = await InScope(services => services.GetRequiredService<IRequestStatistics>().DashboardAsync(Query([p.Id]), none));
        var nothing = await InScope(services => services.GetRequiredService<IRequestStatistics>().DashboardAsync(Query([]), none));

        // 01-08 00:00 local starts the second week (01-08..01-14); 01-14 23:59 local is its last minute.
        figures.Trend[0].ShouldBe(0);
        figures.Trend[1].ShouldBe(2);
        figures.Repeat.ShouldBe(new Ratio(0, 2));
        (await InScope(services => services.GetRequiredService<IRequestStatistics>().DashboardAsync(SecondEarlier(Query([p.Id])), none))).Trend.ShouldBe(figures.Trend);
        nothing.Requests.ShouldBe(0);
        nothing.OnTime.Percent.ShouldBeNull();
    }
}

public sealed class RequestStatisticsOnSqlite(SqliteDatabaseFixture fixture)
    : RequestStatisticsContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class RequestStatisticsOnPostgreSql(PostgreSqlDatabaseFixture fixture)
    : RequestStatisticsContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
