using System.Data.Common;
using Bpm.Application.Collections;
using Bpm.Application.Timers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Bpm.Scheduling;

public static partial class SchedulingServices
{
    /// <summary>
    /// Quartz on the application's own database: the <c>Scheduling</c> section for the scheduler, <c>Database:Provider</c>
    /// and <c>Database:ConnectionString</c> for the job store (read now: Quartz's configuration is built at registration).
    /// The QRTZ_ tables come from our migrations (QuartzTables), never from Quartz itself.
    /// </summary>
    /// <param name="settingsFolder">folder of appsettings.json, which a relative SQLite path is taken from (as for Bpm.Persistence).</param>
    public static IServiceCollection AddBpmScheduling(this IServiceCollection services, IConfiguration configuration, string? settingsFolder = null)
    {
        var options = configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>() ?? new SchedulingOptions();
        var provider = configuration.GetValue("Database:Provider", SchedulingDatabaseProvider.Sqlite);
        var connectionString = configuration["Database:ConnectionString"] ?? "Data Source=data/bpm.db";
        if (provider == SchedulingDatabaseProvider.Sqlite)
        {
            connectionString = AnchorSqlite(connectionString, settingsFolder);
        }

        var duties = configuration.GetSection(PeriodicDutiesOptions.Section).Get<PeriodicDutiesOptions>() ?? new PeriodicDutiesOptions();
        return services.AddBpmScheduling(options, new SchedulingStore(provider, connectionString), duties);
    }

    /// <summary>
    /// Registers, in this order, Quartz's hosted service and <see cref="TimerOutboxRelayService"/>: hosted services start
    /// in registration order, so call this after whatever migrates the database (the server's DatabaseStartup), because
    /// Quartz checks its QRTZ_ tables when the scheduler is created. The scheduler itself starts once the host has started.
    /// With <see cref="SchedulingOptions.Enabled"/> off only the options are registered: no Quartz, no relay.
    /// </summary>
    /// <param name="duties">the periodic job's settings; null or disabled: no periodic job on this node.</param>
    public static IServiceCollection AddBpmScheduling(
        this IServiceCollection services, SchedulingOptions options, SchedulingStore store, PeriodicDutiesOptions? duties = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(store);
        if (options.OutboxPollInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.OutboxPollInterval, "Scheduling:OutboxPollInterval must be positive, e.g. 00:00:01");
        }

        var clustered = options.Clustered && store.CanCluster;
        services.AddSingleton(options);
        services.AddSingleton(store);
        if (!options.Enabled)
        {
            return services;
        }

        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = options.InstanceName;
                scheduler.DefaultMisfireHandling = DefaultMisfireHandling.FireAndProceed;

                // Cluster nodes share the name and tell each other apart by the id (quartz.scheduler.instanceId = AUTO).
                scheduler.GenerateInstanceId = clustered;
            });
            quartz.UseDefaultThreadPool(options.ThreadCount);
            quartz.UsePersistentStore(persistent =>
            {
                _ = store.Provider switch
                {
                    SchedulingDatabaseProvider.Sqlite => persistent.UseSqlite(store.ConnectionString),
                    SchedulingDatabaseProvider.PostgreSql => persistent.UsePostgres(store.ConnectionString),
                    SchedulingDatabaseProvider.SqlServer => persistent.UseSqlServer(store.ConnectionString),
                    _ => throw new NotSupportedException($"no Quartz job store for {store.Provider}"),
                };
                persistent.UseSystemTextJsonSerializer();
                persistent.ConfigureStore(jobStore => jobStore.MisfireThreshold = options.MisfireThreshold);
                if (clustered)
                {
                    persistent.UseClustering();
                }
            });
            quartz.AddJob<ApplyDueTimersJob>(job => job.WithIdentity(ApplyDueTimersJob.Key).StoreDurably());
            if (duties is { Enabled: true })
            {
                if (duties.CheckInterval <= TimeSpan.Zero)
                {
                    throw new ArgumentOutOfRangeException(nameof(duties), duties.CheckInterval, "PeriodicDuties:CheckInterval must be positive, e.g. 00:15:00");
                }

                // Stored again at every start (replacing the stored one) and starting now: the catch-up run on boot.
                quartz.AddJob<PeriodicDutiesJob>(job => job.WithIdentity(PeriodicDutiesJob.Key).StoreDurably());
                quartz.AddTrigger(trigger => trigger
                    .WithIdentity(PeriodicDutiesJob.TriggerKey)
                    .ForJob(PeriodicDutiesJob.Key)
                    .StartNow()
                    .WithSimpleSchedule(schedule => schedule.WithInterval(duties.CheckInterval).RepeatForever().WithMisfireInstruction(SimpleTriggerMisfireInstruction.NowWithExistingCount)));
            }
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        services.AddSingleton<IDueInstantScheduler, QuartzDueInstantScheduler>();
        services.TryAddScoped<TimerOutboxRelay>();
        services.AddHostedService<TimerOutboxRelayService>();
        if (options.Clustered && !clustered)
        {
            services.AddHostedService<UnclusteredOnSqliteNotice>();
        }

        return services;
    }

    /// <summary>"Data Source=data/bpm.db" with settings in /srv/bpm → /srv/bpm/data/bpm.db, the file Bpm.Persistence opens.</summary>
    private static string AnchorSqlite(string connectionString, string? folder)
    {
        if (folder is null)
        {
            return connectionString;
        }

        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        foreach (var key in new[] { "Data Source", "DataSource", "Filename" })
        {
            if (builder.TryGetValue(key, out var value) && value is string source && source.Length > 0 && source != ":memory:"
                && !source.StartsWith("file:", StringComparison.OrdinalIgnoreCase) && !Path.IsPathRooted(source))
            {
                builder[key] = Path.GetFullPath(Path.Combine(folder, source));
            }
        }

        return builder.ConnectionString;
    }

    private sealed partial class UnclusteredOnSqliteNotice(ILogger<UnclusteredOnSqliteNotice> logger) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            LogUnclustered(logger);
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        [LoggerMessage(Level = LogLevel.Warning,
            Message = "Scheduling:Clustered is set, but Quartz cannot run clustered on SQLite; this node schedules unclustered. Use PostgreSQL or SQL Server for a cluster.")]
        private static partial void LogUnclustered(ILogger logger);
    }
}
