using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Application.Users;
using Bpm.Persistence.Stores;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence;

public static class PersistenceServices
{
    /// <summary>Binds <c>Database</c>, registers the provider's <see cref="BpmDbContext"/> and the stores.</summary>
    /// <param name="settingsFolder">folder of appsettings.json, which relative SQLite paths are taken from.</param>
    public static IServiceCollection AddBpmPersistence(this IServiceCollection services, IConfiguration configuration, string? settingsFolder)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        return services.AddBpmPersistence(options.AnchoredAt(settingsFolder));
    }

    public static IServiceCollection AddBpmPersistence(this IServiceCollection services, DatabaseOptions options)
    {
        services.AddSingleton(options);
        services.AddScoped(provider => (BpmDbContext)provider.GetRequiredService(ProviderContexts.For(options.Provider)));
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                services.AddDbContext<SqliteBpmDbContext>(o => o.UseSqlite(options.ConnectionString));
                break;
            case DatabaseProvider.PostgreSql:
                services.AddDbContext<PostgreSqlBpmDbContext>(o => o.UseNpgsql(options.ConnectionString));
                break;
            case DatabaseProvider.SqlServer:
                services.AddDbContext<SqlServerBpmDbContext>(o => o.UseSqlServer(options.ConnectionString));
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Database:Provider must be Sqlite, PostgreSql or SqlServer");
        }

        services.AddScoped<ITaxpayerRequestStore, EfTaxpayerRequestStore>();
        services.AddScoped<IBureauStore, EfBureauStore>();
        services.AddScoped<IUserStore, EfUserStore>();
        services.AddScoped<DatabaseMigrator>();
        return services;
    }

    /// <summary>A context for tools and tests that have no service container.</summary>
    public static BpmDbContext CreateContext(DatabaseOptions options) => options.Provider switch
    {
        DatabaseProvider.Sqlite => new SqliteBpmDbContext(new DbContextOptionsBuilder<SqliteBpmDbContext>().UseSqlite(options.ConnectionString).Options),
        DatabaseProvider.PostgreSql => new PostgreSqlBpmDbContext(new DbContextOptionsBuilder<PostgreSqlBpmDbContext>().UseNpgsql(options.ConnectionString).Options),
        DatabaseProvider.SqlServer => new SqlServerBpmDbContext(new DbContextOptionsBuilder<SqlServerBpmDbContext>().UseSqlServer(options.ConnectionString).Options),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, null),
    };
}
