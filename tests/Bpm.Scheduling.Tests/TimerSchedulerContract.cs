using System.Data.Common;
using Bpm.Engine.Stores;
using Bpm.Persistence;
using Bpm.Persistence.Migrations;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Bpm.Scheduling.Tests;

/// <summary>
/// <see cref="QuartzTimerScheduler"/> on the real Quartz job store, in a database our migrations built. Each test runs a
/// scheduler of its own name (SCHED_NAME), so the tests of a class share the database without seeing each other's rows.
/// </summary>
public abstract class TimerSchedulerContract(IDatabaseFixture fixture) : IAsyncLifetime
{
    private readonly CountingResumer _resumer = new();
    private IHost? _host;
    private bool _started;

    private TestDatabase Database => fixture.Database;

    private string SchedulerName { get; } = "bpm-test-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A host as the server has one: built here, started only by the test that wants timers to fire.</summary>
    private IHost Host => _host ?? throw new InvalidOperationException("not initialised");

    private IServiceProvider Services => Host.Services;

    private ITimerScheduler Timers => Services.GetRequiredService<ITimerScheduler>();

    public Task InitializeAsync()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Services.AddSingleton<IBookmarkResumer>(_resumer);
        builder.Services.AddBpmScheduling(
            new SchedulingOptions { InstanceName = SchedulerName },
            new SchedulingStore(Enum.Parse<SchedulingDatabaseProvider>(Database.Provider.ToString()), Database.Options.ConnectionString));
        _host = builder.Build();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            if (_started)
            {
                await _host.StopAsync(CancellationToken.None); // Quartz's hosted service shuts the scheduler down
            }
            else
            {
                var scheduler = await Services.GetRequiredService<ISchedulerFactory>().GetScheduler(CancellationToken.None);
                await scheduler.Shutdown(waitForJobsToComplete: true, CancellationToken.None);
            }

            _host.Dispose();
        }
    }

    private string Script => Database.Provider == DatabaseProvider.PostgreSql ? QuartzSchema.PostgreSql : QuartzSchema.Sqlite;

    [ContractFact]
    public async Task The_migrations_create_every_QRTZ_table_and_leave_no_model_change_pending()
    {
        await using var db = Database.CreateContext();
        var tables = await QuartzTablesAsync(db);

        var expected = QuartzSchema.Tables(Script).Select(t => t.ToUpperInvariant()).Order().ToList();
        expected.Count.ShouldBe(15);
        expected.ShouldContain("QRTZ_TRIGGERS");
        tables.ShouldBe(expected);
        db.Database.HasPendingModelChanges().ShouldBeFalse("run tools/migrations.sh <Name> after changing the model");
    }

    [ContractFact]
    public async Task Migrating_down_drops_the_QRTZ_tables_and_up_again_recreates_them()
    {
        // A database of its own: the class's database stays at the newest migration for the other tests.
        await using var database = await TestDatabase.CreateAsync(Database.Provider);
        await using var db = database.CreateContext();
        var migrator = db.GetService<IMigrator>();

        await migrator.MigrateAsync(db.Database.GetMigrations().First(m => m.EndsWith("_Initial", StringComparison.Ordinal)));
        (await QuartzTablesAsync(db)).ShouldBeEmpty();

        await migrator.MigrateAsync();
        (await QuartzTablesAsync(db)).Count.ShouldBe(15);
    }

    [ContractFact]
    public async Task Scheduling_a_bookmark_stores_one_trigger_for_the_resume_job()
    {
        var resumeAt = DateTimeOffset.UtcNow.AddHours(1);

        await Timers.ScheduleAsync("bm-1", "wf-1", resumeAt, CancellationToken.None);

        var rows = await TriggerRowsAsync();
        rows.Count.ShouldBe(1);
        rows[0].Name.ShouldBe("bm-1");
        rows[0].Group.ShouldBe(ResumeBookmarkJob.Group);
        rows[0].JobName.ShouldBe(ResumeBookmarkJob.Key.Name);
        (await NextFireTimeAsync("bm-1")).ShouldNotBeNull().ShouldBe(resumeAt, TimeSpan.FromMilliseconds(1));
    }

    [ContractFact]
    public async Task Scheduling_the_same_bookmark_again_keeps_one_trigger_at_the_new_instant()
    {
        var first = DateTimeOffset.UtcNow.AddHours(1);
        var second = first.AddDays(2);

        await Timers.ScheduleAsync("bm-2", "wf-2", first, CancellationToken.None);
        await Timers.ScheduleAsync("bm-2", "wf-2", second, CancellationToken.None);

        var rows = await TriggerRowsAsync();
        rows.Select(r => r.Name).ShouldBe(["bm-2"]);
        rows[0].NextFireTime.ShouldNotBe(StoredTime(first));
        rows[0].NextFireTime.ShouldBe(StoredTime(second));
        (await NextFireTimeAsync("bm-2")).ShouldNotBeNull().ShouldBe(second, TimeSpan.FromMilliseconds(1));
    }

    [ContractFact]
    public async Task Cancelling_removes_the_trigger_and_cancelling_an_unknown_bookmark_does_nothing()
    {
        await Timers.ScheduleAsync("bm-3", "wf-3", DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None);
        await Timers.ScheduleAsync("bm-4", "wf-4", DateTimeOffset.UtcNow.AddHours(1), CancellationToken.None);

        await Timers.CancelAsync("bm-3", CancellationToken.None);
        await Timers.CancelAsync("bm-never-scheduled", CancellationToken.None);

        (await TriggerRowsAsync()).Select(r => r.Name).ShouldBe(["bm-4"]);
    }

    [ContractFact]
    public async Task A_trigger_due_while_no_scheduler_ran_fires_when_the_scheduler_starts()
    {
        await Timers.ScheduleAsync("bm-5", "wf-5", DateTimeOffset.UtcNow.AddMinutes(-5), CancellationToken.None);
        _resumer.Resumed.ShouldBeEmpty();

        _started = true;
        await Host.StartAsync(CancellationToken.None);

        // A bounded wait for the background fire, not a deadline computed from a clock.
        var resumed = await _resumer.FirstResume.WaitAsync(TimeSpan.FromSeconds(30));
        resumed.ShouldBe(("bm-5", "wf-5"));
    }

    private async Task<List<string>> QuartzTablesAsync(BpmDbContext db)
    {
        var sql = Database.Provider == DatabaseProvider.PostgreSql
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND upper(table_name) LIKE 'QRTZ\\_%' ESCAPE '\\'"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND upper(name) LIKE 'QRTZ\\_%' ESCAPE '\\'";
        return (await db.Database.SqlQueryRaw<string>(sql).ToListAsync()).Select(t => t.ToUpperInvariant()).Order().ToList();
    }

    private sealed record TriggerRow(string Name, string Group, string JobName, long? NextFireTime);

    private async Task<List<TriggerRow>> TriggerRowsAsync()
    {
        await using var db = Database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT TRIGGER_NAME, TRIGGER_GROUP, JOB_NAME, NEXT_FIRE_TIME FROM QRTZ_TRIGGERS WHERE SCHED_NAME = @name ORDER BY TRIGGER_NAME";
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@name";
        parameter.Value = SchedulerName;
        command.Parameters.Add(parameter);
        var rows = new List<TriggerRow>();
        await using DbDataReader reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(new TriggerRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3)));
        }

        return rows;
    }

    /// <summary>What Quartz writes in NEXT_FIRE_TIME for an instant.</summary>
    private static long StoredTime(DateTimeOffset instant) => instant.UtcTicks;

    private async Task<DateTimeOffset?> NextFireTimeAsync(string bookmarkId)
    {
        var scheduler = await Services.GetRequiredService<ISchedulerFactory>().GetScheduler(CancellationToken.None);
        var trigger = await scheduler.GetTrigger(QuartzTimerScheduler.TriggerKeyOf(bookmarkId), CancellationToken.None);
        return trigger?.NextFireTimeUtc;
    }
}

public sealed class TimerSchedulerOnSqlite(SqliteDatabaseFixture fixture) : TimerSchedulerContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class TimerSchedulerOnPostgreSql(PostgreSqlDatabaseFixture fixture) : TimerSchedulerContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
