using Bpm.Application;
using Bpm.Application.Collections;
using Bpm.Application.Reports;
using Bpm.Application.Requests;
using Bpm.Domain.Calendar;
using Bpm.Domain.Collections;
using Bpm.Domain.Reports;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>
/// What the stores of the periodic duties promise on every provider: collection tasks and generated reports round-trip,
/// their unique indexes (unit + month, bureau + quarter) refuse a second row as a conflict, and the report's top
/// categories are counted by the database over the period.
/// </summary>
public abstract class PeriodicStoresContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private static readonly CollectionWindow March = CollectionWindow.For(
        new CollectionMonth(2026, 3), WorkingDayCalendar.ChinaNational, BureauClock.ChinaDefault, CollectionWindow.DefaultOpeningTime);

    [ContractFact]
    public async Task A_collection_task_round_trips_is_unique_per_unit_and_month_and_saves_with_its_version()
    {
        var bureau = await SeedBureauAsync();
        var task = new CollectionTask(Guid.CreateVersion7(), bureau.Id, bureau.Unit.Id, March, At("2026-03-02T01:00:00Z"));
        await InTransaction(services => services.GetRequiredService<ICollectionTaskStore>().AddAsync([task], none));

        (await InScope(services => services.GetRequiredService<ICollectionTaskStore>().ListUnitIdsWithTaskAsync(bureau.Id, March.Month, none)))
            .ShouldBe([bureau.Unit.Id]);
        var second = new CollectionTask(Guid.CreateVersion7(), bureau.Id, bureau.Unit.Id, March, At("2026-03-02T01:05:00Z"));
        await Should.ThrowAsync<ConcurrencyConflictException>(() =>
            InTransaction(services => services.GetRequiredService<ICollectionTaskStore>().AddAsync([second], none)));

        await InTransaction(async services =>
        {
            var store = services.GetRequiredService<ICollectionTaskStore>();
            var found = (await store.FindAsync(task.Id, none))!;
            found.Submit(Guid.NewGuid(), 5, "无", At("2026-03-03T02:00:00Z"));
            await store.UpdateAsync(found, none);
        });

        var stored = (await InScope(services => services.GetRequiredService<ICollectionTaskStore>().ListAsync(
            new CollectionTaskFilter([bureau.Id], March.Month), none))).ShouldHaveSingleItem();
        (stored.Year, stored.Month, stored.OpensOn, stored.DueDate, stored.DueAt, stored.Status, stored.RequestCount, stored.RiskPoints, stored.Version)
            .ShouldBe((2026, 3, Day("2026-03-02"), Day("2026-03-04"), At("2026-03-04T16:00:00Z"), CollectionTaskStatus.Submitted, (int?)5, "无", 2L));
        (await InScope(services => services.GetRequiredService<ICollectionTaskStore>().ListAsync(
            new CollectionTaskFilter([bureau.Id], Status: CollectionTaskStatus.Open), none))).ShouldBeEmpty();

        // A copy read before that submission is stale.
        var stale = new CollectionTask(task.Id, bureau.Id, bureau.Unit.Id, March, At("2026-03-02T01:00:00Z"));
        await InScope(async services =>
        {
            var db = services.GetRequiredService<BpmDbContext>();
            db.Attach(stale);
            db.Entry(stale).Property(nameof(CollectionTask.Version)).OriginalValue = 1L;
            stale.Submit(Guid.NewGuid(), 7, "再报", At("2026-03-03T03:00:00Z"));
            await Should.ThrowAsync<ConcurrencyConflictException>(() => services.GetRequiredService<ICollectionTaskStore>().UpdateAsync(stale, none));
        });
    }

    [ContractFact]
    public async Task A_generated_report_is_listed_without_its_content_found_with_it_and_unique_per_bureau_and_quarter()
    {
        var bureau = await SeedBureauAsync();
        var report = new GeneratedReport(Guid.CreateVersion7(), bureau.Id, new ReportQuarter(2026, 1), "季度报告-x-2026Q1.xlsx", [1, 2, 3, 4], At("2026-04-01T01:00:00Z"));
        await InTransaction(services => services.GetRequiredService<IGeneratedReportStore>().AddAsync(report, none));

        (await InScope(services => services.GetRequiredService<IGeneratedReportStore>().ExistsAsync(bureau.Id, new ReportQuarter(2026, 1), none))).ShouldBeTrue();
        (await InScope(services => services.GetRequiredService<IGeneratedReportStore>().ExistsAsync(bureau.Id, new ReportQuarter(2026, 2), none))).ShouldBeFalse();
        var listed = (await InScope(services => services.GetRequiredService<IGeneratedReportStore>().ListAsync([bureau.Id], none))).ShouldHaveSingleItem();
        (listed.Year, listed.Quarter, listed.FileName, listed.Size, listed.CreatedAt).ShouldBe((2026, 1, "季度报告-x-2026Q1.xlsx", 4, At("2026-04-01T01:00:00Z")));
        (await InScope(services => services.GetRequiredService<IGeneratedReportStore>().FindAsync(report.Id, none)))!.Content.ShouldBe(new byte[] { 1, 2, 3, 4 });

        var again = new GeneratedReport(Guid.CreateVersion7(), bureau.Id, new ReportQuarter(2026, 1), "again.xlsx", [9], At("2026-04-01T01:01:00Z"));
        await Should.ThrowAsync<ConcurrencyConflictException>(() =>
            InTransaction(services => services.GetRequiredService<IGeneratedReportStore>().AddAsync(again, none)));
    }

    [ContractFact]
    public async Task Top_categories_count_the_period_s_requests_most_frequent_first()
    {
        var bureau = await SeedBureauAsync();
        await InScope(async services =>
        {
            var registration = services.GetRequiredService<RequestRegistrationService>();
            await registration.RegisterAsync(bureau.Id, Registration(bureau, category: "XTJS"), none);
            await registration.RegisterAsync(bureau.Id, Registration(bureau, category: "ZCYW"), none);
            await registration.RegisterAsync(bureau.Id, Registration(bureau, category: "ZCYW"), none);
            await registration.RegisterAsync(bureau.Id, Registration(bureau, At("2026-01-05T02:00:00Z"), "QT"), none);
        });

        var top = await InScope(services => services.GetRequiredService<IReportQueries>().TopCategoriesAsync(
            [bureau.Id], At("2026-02-28T16:00:00Z"), At("2026-03-31T16:00:00Z"), 10, none));

        top.Select(c => (c.Key, c.Count)).ShouldBe([("ZCYW", 2), ("XTJS", 1)]);
    }

    private Task InTransaction(Func<IServiceProvider, Task> work) =>
        InScope(services => services.GetRequiredService<IUnitOfWork>().InTransactionAsync(async ct =>
        {
            await work(services);
            return 0;
        }, none));
}

public sealed class PeriodicStoresOnSqlite(SqliteDatabaseFixture fixture) : PeriodicStoresContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class PeriodicStoresOnPostgreSql(PostgreSqlDatabaseFixture fixture) : PeriodicStoresContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
