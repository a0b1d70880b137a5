using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Bpm.Persistence;

/// <summary>One subclass per provider, each with its own migrations under Migrations/&lt;Provider&gt;.</summary>
internal static class ProviderContexts
{
    public static Type For(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => typeof(SqliteBpmDbContext),
        DatabaseProvider.PostgreSql => typeof(PostgreSqlBpmDbContext),
        DatabaseProvider.SqlServer => typeof(SqlServerBpmDbContext),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}

public sealed class SqliteBpmDbContext(DbContextOptions<SqliteBpmDbContext> options) : BpmDbContext(options)
{
    /// <summary>
    /// SQLite has no instant type and EF cannot compare DateTimeOffset text there; we store UTC instants
    /// as a sortable 64-bit number, so "received before 2026-10-01T00:00Z" is a plain integer comparison.
    /// </summary>
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgreSqlBpmDbContext(DbContextOptions<PostgreSqlBpmDbContext> options) : BpmDbContext(options);

public sealed class SqlServerBpmDbContext(DbContextOptions<SqlServerBpmDbContext> options) : BpmDbContext(options);
