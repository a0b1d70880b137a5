using System.Data.Common;
using Bpm.Application;
using Bpm.Application.Timers;
using Bpm.Domain.Timers;
using Bpm.Engine.Stores;
using Bpm.Persistence;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Bpm.Scheduling.Tests;

/// <summary>
/// One server node as far as timers go: the production wiring of persistence, application and scheduling on a test
/// database, on the system clock (Quartz fires on real time), with bookmark timers recorded by a
/// <see cref="CountingResumer"/> instead of resuming workflows. Built here; started only by tests that want timers to fire.
/// </summary>
internal sealed class SchedulingNode : IAsyncDisposable
{
    private readonly IHost _host;
    private bool _started;
    private bool _stopped;

    private SchedulingNode(IHost host, string name)
    {
        _host = host;
        Name = name;
    }

    public string Name { get; }

    public IServiceProvider Services => _host.Services;

    /// <param name="schedulerName">Quartz's SCHED_NAME: the nodes of one cluster (or one node before and after a restart) share it.</param>
    /// <param name="misfireThreshold">Quartz's, default 60 s; a short one makes a restart go through the misfire instruction.</param>
    public static SchedulingNode Create(
        TestDatabase database,
        string schedulerName,
        CountingResumer resumer,
        string name = "node",
        bool clustered = false,
        TimeSpan? misfireThreshold = null,
        TimeSpan? retryDelay = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "Development" });
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddBpmPersistence(database.Options);
        builder.Services.AddBpmApplication();
        builder.Services.Replace(ServiceDescriptor.Singleton(resumer.For(name)));
        builder.Services.AddBpmScheduling(
            new SchedulingOptions
            {
                InstanceName = schedulerName,
                Clustered = clustered,
                OutboxPollInterval = TimeSpan.FromMilliseconds(100),
                MisfireThreshold = misfireThreshold ?? TimeSpan.FromSeconds(60),
                RetryDelay = retryDelay ?? TimeSpan.FromMinutes(1),
            },
            StoreOf(database));
        return new SchedulingNode(builder.Build(), name);
    }

    public static SchedulingStore StoreOf(TestDatabase database) =>
        new(Enum.Parse<SchedulingDatabaseProvider>(database.Provider.ToString()), database.Options.ConnectionString);

    public async Task StartAsync()
    {
        _started = true;
        await _host.StartAsync(CancellationToken.None);
    }

    /// <summary>Stops as the server does: the relay ends, Quartz shuts down after the job that is running.</summary>
    public async Task StopAsync()
    {
        if (_started && !_stopped)
        {
            _stopped = true;
            await _host.StopAsync(CancellationToken.None);
        }
    }

    public async Task<IScheduler> SchedulerAsync() =>
        await Services.GetRequiredService<ISchedulerFactory>().GetScheduler(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            await StopAsync();
        }
        else
        {
            // Never started: the scheduler may still have been created (a test asked for it); shut it down.
            try
            {
                var scheduler = await SchedulerAsync();
                await scheduler.Shutdown(waitForJobsToComplete: true, CancellationToken.None);
            }
            catch (SchedulerException)
            {
                // It could not be created (the test's failure says why) or is shut down already: nothing to stop.
            }
        }

        _host.Dispose();
    }

    /// <summary>Bookmark timers <c>bm-0</c>, <c>bm-1</c>… due at the given instants, written as a workflow run writes them (the outbox).</summary>
    public async Task<IReadOnlyList<DueTimer>> AddBookmarkTimersAsync(IReadOnlyList<DateTimeOffset> dueAts, int firstNumber = 0)
    {
        var now = DateTimeOffset.UtcNow;
        var timers = dueAts.Select((at, i) => DueTimer.ForBookmark(Guid.CreateVersion7(), $"bm-{firstNumber + i}", $"wf-{firstNumber + i}", at, now)).ToList();
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().InTransactionAsync(
            async ct =>
            {
                await scope.ServiceProvider.GetRequiredService<IDueTimerStore>().AddAsync(timers, ct);
                return timers.Count;
            },
            CancellationToken.None);
        return timers;
    }
}

/// <summary>Reads what the tests check straight from the database: timer rows and Quartz's tables.</summary>
internal static class SchedulingRows
{
    public static async Task<List<DueTimer>> TimersAsync(TestDatabase database)
    {
        await using var db = database.CreateContext();
        return await db.DueTimers.AsNoTracking().ToListAsync();
    }

    public sealed record TriggerRow(string Name, string Group, string JobName, long? NextFireTime);

    /// <summary>QRTZ_TRIGGERS rows of one scheduler (SCHED_NAME), by trigger name.</summary>
    public static async Task<List<TriggerRow>> TriggersAsync(TestDatabase database, string schedulerName)
    {
        var rows = new List<TriggerRow>();
        await QueryAsync(
            database,
            "SELECT TRIGGER_NAME, TRIGGER_GROUP, JOB_NAME, NEXT_FIRE_TIME FROM QRTZ_TRIGGERS WHERE SCHED_NAME = @name ORDER BY TRIGGER_NAME",
            schedulerName,
            reader => rows.Add(new TriggerRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt64(3))));
        return rows;
    }

    /// <summary>How many triggers are stored or firing (QRTZ_TRIGGERS + QRTZ_FIRED_TRIGGERS) for one scheduler.</summary>
    public static async Task<long> TriggersLeftAsync(TestDatabase database, string schedulerName)
    {
        long left = 0;
        foreach (var table in new[] { "QRTZ_TRIGGERS", "QRTZ_FIRED_TRIGGERS" })
        {
            await QueryAsync(database, $"SELECT COUNT(*) FROM {table} WHERE SCHED_NAME = @name", schedulerName, reader => left += reader.GetInt64(0));
        }

        return left;
    }

    /// <summary>The instance ids of the nodes that checked in (QRTZ_SCHEDULER_STATE; clustered schedulers only).</summary>
    public static async Task<List<string>> ClusterNodesAsync(TestDatabase database, string schedulerName)
    {
        var ids = new List<string>();
        await QueryAsync(database, "SELECT INSTANCE_NAME FROM QRTZ_SCHEDULER_STATE WHERE SCHED_NAME = @name", schedulerName, reader => ids.Add(reader.GetString(0)));
        return ids;
    }

    /// <summary>
    /// Polls every 50 ms, at most <paramref name="timeout"/>, until no trigger of the scheduler is stored or firing:
    /// from then on nothing more can be applied, so counts taken afterwards are final.
    /// </summary>
    public static async Task WaitUntilNoTriggerLeftAsync(TestDatabase database, string schedulerName, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        while (await TriggersLeftAsync(database, schedulerName) > 0)
        {
            if (cancel.IsCancellationRequested)
            {
                throw new TimeoutException($"triggers of {schedulerName} still stored or firing after {timeout}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), CancellationToken.None);
        }
    }

    private static async Task QueryAsync(TestDatabase database, string sql, string schedulerName, Action<DbDataReader> read)
    {
        await using var db = database.CreateContext();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@name";
        parameter.Value = schedulerName;
        command.Parameters.Add(parameter);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            read(reader);
        }
    }
}
