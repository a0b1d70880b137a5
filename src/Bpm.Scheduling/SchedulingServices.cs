using System.Data.Common;
using Bpm.Engine.Stores;
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

        return services.AddBpmScheduling(options, new SchedulingStore(provider, connectionString));
    }

    public static IServiceCollection AddBpmScheduling(this IServiceCollection services, SchedulingOptions options, SchedulingStore store)
    {
        var clustered = options.Clustered && store.CanCluster;
        services.AddSingleton(options);
        services.AddSingleton(store);
        services.AddQuartz(quartz =>
        {
            quartz.ConfigureScheduler(scheduler =>
            {
                scheduler.InstanceName = options.InstanceName;
                scheduler.DefaultMisfireHandling = DefaultMisfireHandling.FireAndProceed;
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
                if (clustered)
                {
                    persistent.UseClustering();
                }
            });
            quartz.AddJob<ResumeBookmarkJob>(job => job.WithIdentity(ResumeBookmarkJob.Key).StoreDurably());
        });
        services.AddQuartzHostedService(hosted => hosted.WaitForJobsToComplete = true);
        services.RemoveAll<ITimerScheduler>();
        services.AddSingleton<ITimerScheduler, QuartzTimerScheduler>();
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
