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

public sealed class PostgreSqlBpmDbContext(DbContextOptions<PostgreSqlBpmDbContext> options) : BpmDbContext(options)
{
    /// <summary>
    /// One "all types" SLA line per bureau and step: NULL Type values must collide in the unique index (PostgreSQL 15+).
    /// The search box (<see cref="Stores.RequestSearch"/>): a taxpayer name is found by part through pg_trgm's GIN index,
    /// which serves <c>"TaxpayerName" LIKE '%恒达纺织%'</c> — provided the database's LC_CTYPE counts Chinese characters as
    /// letters (C.UTF-8, zh_CN.UTF-8: yes; plain C: no trigrams, every name is read). A request number is found by prefix
    /// through its B-tree, read as a range in code-point order: hence the "C" collation of the number (numbers are
    /// XT-2026-000123, ASCII only; under en_US.UTF-8 the hyphen is ignored when comparing, and XT-2026-0001 would sort
    /// outside the range ['XT-', 'XT.')).
    /// The inbox's search by part of a name reads open tasks only, through a GIN index of their copy of the name
    /// (<see cref="Bpm.Domain.Tasks.RequestTask.InboxSearchName"/>) that holds open tasks alone: a part of a name common to
    /// 2 % of 10⁶ requests is 2,000 open tasks there (7 ms) instead of 22,200 requests to match against the unit's tasks (80 ms).
    /// </summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Bpm.Domain.Sla.SlaRule>().HasIndex(r => new { r.BureauId, r.Type, r.Step }).IsUnique().AreNullsDistinct(false);
        modelBuilder.HasPostgresExtension("pg_trgm");
        modelBuilder.Entity<Bpm.Domain.Requests.TaxpayerRequest>(request =>
        {
            request.HasIndex(r => r.TaxpayerName, "IX_TaxpayerRequests_TaxpayerName_Trigrams").HasMethod("gin").HasOperators("gin_trgm_ops");
            request.Property(r => r.Number).UseCollation("C");
        });
        modelBuilder.Entity<Bpm.Domain.Tasks.RequestTask>().HasIndex(t => t.InboxSearchName, "IX_RequestTasks_InboxSearchName_Trigrams")
            .HasMethod("gin").HasOperators("gin_trgm_ops").HasFilter("\"Status\" = 'Open'");
    }
}

public sealed class SqlServerBpmDbContext(DbContextOptions<SqlServerBpmDbContext> options) : BpmDbContext(options)
{
    /// <summary>SQL Server's unique index already treats NULLs as equal; EF's default filter "[Type] IS NOT NULL" would undo that.</summary>
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Bpm.Domain.Sla.SlaRule>().HasIndex(r => new { r.BureauId, r.Type, r.Step }).IsUnique().HasFilter(null);
    }
}
