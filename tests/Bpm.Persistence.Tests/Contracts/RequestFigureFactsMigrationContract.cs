using Bpm.Application.Requests;
using Bpm.Application.Tasks;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Domain.Users;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>
/// Requests handled before the RequestFigureFacts migration get their facts from their completed tasks when it runs:
/// a: handling due 03-04 16:00Z done 03-05 (late), fed back 03-06, revisit Unsatisfied 03-07 then Satisfied 03-10;
/// b: answered on the spot (responded at registration); c: open, nothing done.
/// </summary>
public abstract class RequestFigureFactsMigrationContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    [ContractFact]
    public async Task Migrating_up_again_fills_the_facts_from_the_tasks_already_completed()
    {
        var bureau = await SeedBureauAsync();
        var a = await RegisterAsync(bureau, Registration(bureau, At("2026-03-02T01:00:00Z")));
        var b = await RegisterAsync(bureau, Registration(bureau, At("2026-03-02T01:00:00Z")) with { OnTheSpotAnswer = "已当场解答。" });
        var c = await RegisterAsync(bureau, Registration(bureau, At("2026-03-02T01:00:00Z")));
        await CompletedTaskAsync(a, bureau, SlaStep.Handling, "Resolved", "2026-03-04T16:00:00Z", "2026-03-05T02:00:00Z");
        await CompletedTaskAsync(a, bureau, SlaStep.Feedback, "Done", "2026-03-09T16:00:00Z", "2026-03-06T02:00:00Z");
        await CompletedTaskAsync(a, bureau, SlaStep.Revisit, "Unsatisfied", "2026-03-12T16:00:00Z", "2026-03-07T02:00:00Z");
        await CompletedTaskAsync(a, bureau, SlaStep.Revisit, "Satisfied", "2026-03-16T16:00:00Z", "2026-03-10T02:00:00Z");

        await MigrateUpAgainFromAsync("RequestFigureFacts");

        var (lateA, respondedA, revisitA) = await FactsAsync(a.Id);
        lateA.ShouldBeTrue();
        respondedA.ShouldBe(At("2026-03-06T02:00:00Z"));
        revisitA.ShouldBe("Satisfied");
        (await FactsAsync(b.Id)).ShouldBe((false, b.RegisteredAt, null));
        (await FactsAsync(c.Id)).ShouldBe((false, null, null));
    }

    /// <summary>
    /// Before DashboardCountsPersonalData, a repeat requester was only a Repeat link: the migration flags y (linked to the earlier x),
    /// and the migrator then fills the daily counts, so the dashboard of February counts 2 requests, 1 a repeat.
    /// </summary>
    [ContractFact]
    public async Task Migrating_up_again_flags_repeat_requesters_from_their_links_and_refills_the_daily_counts()
    {
        var bureau = await SeedBureauAsync();
        var x = await RegisterAsync(bureau, Registration(bureau, At("2026-02-25T01:00:00Z")));
        var y = await RegisterAsync(bureau, Registration(bureau, At("2026-02-26T01:00:00Z")));
        await InScope(services => services.GetRequiredService<Bpm.Application.Requests.Duplicates.IRelatedRequestStore>().AddAsync(
            [new RequestLink(Guid.CreateVersion7(), y.Id, x.Id, RequestLinkKind.Repeat, null, At("2026-02-26T01:00:00Z"))], none));

        await using (var db = Database.CreateContext())
        {
            var migrations = db.Database.GetMigrations().ToList();
            var counts = migrations.FindIndex(m => m.EndsWith("_DashboardCountsPersonalData", StringComparison.Ordinal));
            var migrator = db.GetService<IMigrator>();
            await migrator.MigrateAsync(migrations[counts - 1], cancellationToken: none);
            await new DatabaseMigrator(db, Database.Options).MigrateAsync(none);
        }

        await using (var db = Database.CreateContext())
        {
            var flags = await db.TaxpayerRequests.AsNoTracking().Where(r => r.Id == x.Id || r.Id == y.Id).ToDictionaryAsync(r => r.Id, r => r.RepeatRequester);
            (flags[x.Id], flags[y.Id]).ShouldBe((false, true));
        }

        var february = new Bpm.Application.Statistics.DashboardPeriod(Day("2026-02-01"), Day("2026-02-28"));
        var clock = Bpm.Domain.Calendar.BureauClock.ChinaDefault;
        var figures = await InScope(services => services.GetRequiredService<Bpm.Application.Statistics.IRequestStatistics>().DashboardAsync(
            new(new[] { bureau.Id }, february.StartInstant(clock), february.EndInstant(clock), Time.GetUtcNow(), february.BucketInstants(clock)), none));
        figures.Repeat.ShouldBe(new Bpm.Application.Statistics.Ratio(1, 2));
    }

    /// <summary>Tasks opened before RequestTypeOnTasks take their request's type when it runs (the inbox filters by it).</summary>
    [ContractFact]
    public async Task Migrating_up_again_gives_the_tasks_already_opened_their_requests_type()
    {
        var bureau = await SeedBureauAsync();
        var policy = await RegisterAsync(bureau, Registration(bureau, At("2026-03-02T01:00:00Z")));
        var software = await RegisterAsync(bureau, Registration(bureau, At("2026-03-02T01:00:00Z"), category: "XTJS"));
        await CompletedTaskAsync(policy, bureau, SlaStep.Handling, "Resolved", "2026-03-04T16:00:00Z", "2026-03-05T02:00:00Z");
        await CompletedTaskAsync(software, bureau, SlaStep.Handling, "Resolved", "2026-03-04T16:00:00Z", "2026-03-05T02:00:00Z");

        await MigrateUpAgainFromAsync("RequestTypeOnTasks");

        await using (var db = Database.CreateContext())
        {
            var types = await db.RequestTasks.AsNoTracking().Where(t => t.RequestId == policy.Id || t.RequestId == software.Id)
                .ToDictionaryAsync(t => t.RequestId, t => t.RequestType);
            (types[policy.Id], types[software.Id]).ShouldBe((RequestType.Policy, RequestType.InformationTechnology));
        }
    }

    /// <summary>Back to just before the named migration (e.g. "RequestTypeOnTasks"), then up to the latest again.</summary>
    private async Task MigrateUpAgainFromAsync(string migration)
    {
        await using var db = Database.CreateContext();
        var migrations = db.Database.GetMigrations().ToList();
        var index = migrations.FindIndex(m => m.EndsWith("_" + migration, StringComparison.Ordinal));
        index.ShouldBeGreaterThan(0);
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(migrations[index - 1], cancellationToken: none);
        await migrator.MigrateAsync(cancellationToken: none);
    }

    private Task<TaxpayerRequest> RegisterAsync(SeededBureau bureau, RequestRegistration registration) =>
        InScope(services => services.GetRequiredService<RequestRegistrationService>().RegisterAsync(bureau.Id, registration, none));

    /// <summary>A task written as it was before the migration: completed, the request's facts untouched.</summary>
    private Task CompletedTaskAsync(TaxpayerRequest request, SeededBureau bureau, SlaStep step, string outcome, string dueAt, string completedAt) =>
        InScope(async services =>
        {
            var task = new RequestTask(new RequestTaskOpening(
                Guid.CreateVersion7(), request.Id, request.BureauId, request.Type, request.TaxpayerName, NewId(), NewId(), "step", "Bpm.HumanTask", step.ToString(), bureau.Unit.Id,
                Roles.Handler, [outcome], "[]", step, At("2026-03-02T02:00:00Z"), null, At(dueAt), false));
            task.Complete(Guid.NewGuid(), outcome, null, At(completedAt));
            await services.GetRequiredService<IRequestTaskStore>().AddAsync(task, none);
        });

    private async Task<(bool HandledLate, DateTimeOffset? RespondedAt, string? RevisitOutcome)> FactsAsync(Guid requestId)
    {
        await using var db = Database.CreateContext();
        var request = await db.TaxpayerRequests.AsNoTracking().SingleAsync(r => r.Id == requestId);
        return (request.HandledLate, request.RespondedAt, request.RevisitOutcome);
    }
}

public sealed class RequestFigureFactsMigrationOnSqlite(SqliteDatabaseFixture fixture)
    : RequestFigureFactsMigrationContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class RequestFigureFactsMigrationOnPostgreSql(PostgreSqlDatabaseFixture fixture)
    : RequestFigureFactsMigrationContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
