using Bpm.Application;
using Bpm.Application.Audit;
using Bpm.Application.Bureaus;
using Bpm.Persistence.Audit;
using Bpm.Application.Notices;
using Bpm.Application.Requests;
using Bpm.Application.Tasks;
using Bpm.Application.Timers;
using Bpm.Application.Users;
using Bpm.Application.Workflows;
using Bpm.Engine.Stores;
using Bpm.Persistence.Stores;
using Bpm.Persistence.PersonalData;
using Bpm.Application.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Bpm.Persistence;

public static class PersistenceServices
{
    /// <summary>
    /// Binds <c>Database</c> when first needed, not now, so that settings added later (command line, a test
    /// host) still count; registers every provider's context and serves the configured one as <see cref="BpmDbContext"/>.
    /// </summary>
    /// <param name="settingsFolder">folder of appsettings.json, which relative SQLite paths are taken from.</param>
    public static IServiceCollection AddBpmPersistence(this IServiceCollection services, IConfiguration configuration, string? settingsFolder)
    {
        services.AddSingleton(_ =>
            (configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions()).AnchoredAt(settingsFolder));
        services.AddSingleton(_ => CheckedAuditOptions(configuration.GetSection(AuditOptions.Section).Get<AuditOptions>() ?? new AuditOptions()));
        services.AddSingleton<IPersonalDataProtector>(_ => PersonalDataSettings.Load(configuration, settingsFolder));
        return services.AddBpmStores();
    }

    /// <summary>For tools and tests: personal data under <see cref="PersonalDataProtector.Development"/> unless a protector is registered.</summary>
    public static IServiceCollection AddBpmPersistence(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        services.TryAddSingleton<IPersonalDataProtector>(PersonalDataProtector.Development);
        return services.AddBpmStores();
    }

    private static IServiceCollection AddBpmStores(this IServiceCollection services)
    {
        // Pooled: a context and the scope of EF's services under it are built once and reused, reset between requests. Building
        // them was 5 % of the server's processor time in a completion and the read of its next task (PostgreSQL, profiled).
        services.AddDbContextPool<SqliteBpmDbContext>((provider, o) => o.UseSqlite(provider.GetRequiredService<DatabaseOptions>().ConnectionString)
            .AddInterceptors(Sqlite.SqliteConnectionSettings.Instance, AuditCommitInterceptor.Instance)
            .UsePersonalData(provider.GetRequiredService<IPersonalDataProtector>()));
        services.AddDbContextPool<PostgreSqlBpmDbContext>((provider, o) => o.UseNpgsql(PostgreSqlConnections.Tuned(provider.GetRequiredService<DatabaseOptions>().ConnectionString))
            .AddInterceptors(AuditCommitInterceptor.Instance).UsePersonalData(provider.GetRequiredService<IPersonalDataProtector>()));
        services.AddDbContextPool<SqlServerBpmDbContext>((provider, o) => o.UseSqlServer(provider.GetRequiredService<DatabaseOptions>().ConnectionString)
            .AddInterceptors(AuditCommitInterceptor.Instance).UsePersonalData(provider.GetRequiredService<IPersonalDataProtector>()));
        services.AddScoped(provider =>
        {
            var db = (BpmDbContext)provider.GetRequiredService(ProviderContexts.For(provider.GetRequiredService<DatabaseOptions>().Provider));
            db.StartScope(provider.GetService<IAuditActorSource>(), provider.GetService<TimeProvider>() ?? TimeProvider.System, provider.GetRequiredService<AuditHasher>());
            return db;
        });
        services.TryAddSingleton(provider => new AuditHasher(provider.GetService<AuditOptions>() ?? new AuditOptions(), Sm3.Digest));
        services.AddScoped<EfAuditLog>();
        services.AddScoped<IAuditLog>(provider => provider.GetRequiredService<EfAuditLog>());
        services.AddScoped<IAuditTrail>(provider => provider.GetRequiredService<EfAuditLog>());
        services.AddScoped<AuditChainVerifier>();
        services.AddScoped<ITaxpayerRequestStore, EfTaxpayerRequestStore>();
        services.AddScoped<IBureauStore, EfBureauStore>();
        services.AddSingleton<Bpm.Persistence.Bureaus.BureauTreeCache>();
        services.AddScoped<IUserStore, EfUserStore>();
        services.AddScoped<IRequestTaskStore, EfRequestTaskStore>();
        services.AddScoped<IDeadlineChangeStore, EfDeadlineChangeStore>();
        services.AddScoped<IRequestNoteStore, EfRequestNoteStore>();
        services.AddScoped<Bpm.Application.Intake.IIntakeReceiptStore, EfIntakeReceiptStore>();
        services.AddScoped<Bpm.Application.Library.ITagStore, EfTagStore>();
        services.AddScoped<Bpm.Application.Library.ILibraryStore, EfLibraryStore>();
        services.AddScoped<Bpm.Application.Requests.Duplicates.IRelatedRequestStore, EfRelatedRequestStore>();
        services.AddScoped<IDueTimerStore, EfDueTimerStore>();
        services.AddScoped<INoticeStore, EfNoticeStore>();
        services.AddScoped<IWorkflowJournalStore, EfWorkflowJournalStore>();
        services.AddScoped<Bpm.Application.Workflows.Instances.IWorkflowInstanceSummaryStore, EfWorkflowInstanceSummaryStore>();
        services.AddScoped<Bpm.Application.Statistics.IRequestStatistics, EfRequestStatistics>();
        services.AddScoped<Bpm.Application.Statistics.IQueryPlannerStatistics, Statistics.SqlitePlannerStatistics>();
        services.AddScoped<Bpm.Application.Collections.ICollectionTaskStore, EfCollectionTaskStore>();
        services.AddScoped<Bpm.Application.Reports.IGeneratedReportStore, EfGeneratedReportStore>();
        services.AddScoped<Bpm.Application.Reports.IReportQueries, EfReportQueries>();
        services.AddScoped<IUnitOfWork, EfUnitOfWork>();
        services.AddSingleton<IWriteConcurrency>(provider => new WriteConcurrency(provider.GetRequiredService<DatabaseOptions>().Provider));
        services.AddScoped<Bpm.Application.Administration.INationalHolidayStore, EfNationalHolidayStore>();

        // The engine's ports: Replace removes the in-memory store AddBpmEngine registered (if it ran first), and
        // AddBpmEngine's TryAdd keeps ours (if it runs later), so the order of the two calls does not matter.
        // Scoped, like the context they write through. ITimerScheduler is Bpm.Application's outbox (OutboxTimerScheduler).
        services.Replace(ServiceDescriptor.Scoped<IWorkflowDefinitionStore, EfWorkflowDefinitionStore>());
        services.Replace(ServiceDescriptor.Scoped<IWorkflowInstanceStore, EfWorkflowInstanceStore>());
        services.Replace(ServiceDescriptor.Scoped<IBookmarkStore, EfBookmarkStore>());
        services.AddScoped<DatabaseMigrator>();
        services.AddScoped<PersonalDataRekeying>();
        return services;
    }

    /// <summary>Refuses <c>Audit:RetentionDays</c> below 180 or an unknown hash algorithm, with the reason.</summary>
    public static AuditOptions CheckedAuditOptions(AuditOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Problem() is { } problem ? throw new InvalidOperationException(problem) : options;
    }

    /// <summary>A context for tools and tests that have no service container; personal data under <paramref name="personalData"/> (default: the development key).</summary>
    public static BpmDbContext CreateContext(DatabaseOptions options, IPersonalDataProtector? personalData = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var protector = personalData ?? PersonalDataProtector.Development;
        return options.Provider switch
        {
            DatabaseProvider.Sqlite => new SqliteBpmDbContext(new DbContextOptionsBuilder<SqliteBpmDbContext>().UseSqlite(options.ConnectionString)
                .AddInterceptors(Sqlite.SqliteConnectionSettings.Instance, AuditCommitInterceptor.Instance).UsePersonalData(protector).Options),
            DatabaseProvider.PostgreSql => new PostgreSqlBpmDbContext(new DbContextOptionsBuilder<PostgreSqlBpmDbContext>().UseNpgsql(PostgreSqlConnections.Tuned(options.ConnectionString))
                .AddInterceptors(AuditCommitInterceptor.Instance).UsePersonalData(protector).Options),
            DatabaseProvider.SqlServer => new SqlServerBpmDbContext(new DbContextOptionsBuilder<SqlServerBpmDbContext>().UseSqlServer(options.ConnectionString)
                .AddInterceptors(AuditCommitInterceptor.Instance).UsePersonalData(protector).Options),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, null),
        };
    }
}
