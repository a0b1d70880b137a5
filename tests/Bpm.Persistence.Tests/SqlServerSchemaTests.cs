using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Bpm.Persistence.Tests;

/// <summary>
/// No SQL Server can run here, so its side of the contract is checked on the DDL EF generates: the
/// migrations match the model, and the tables have the Unicode text, instant and enum-name columns the
/// other providers have. Nothing here opens a connection ("Server=none").
/// </summary>
public sealed class SqlServerSchemaTests : IDisposable
{
    private readonly BpmDbContext _db = PersistenceServices.CreateContext(new DatabaseOptions
    {
        Provider = DatabaseProvider.SqlServer,
        ConnectionString = "Server=none;Database=bpm;TrustServerCertificate=True;Connect Timeout=1",
    });

    private static readonly string[] tables =
        [
            "Bureaus", "Units", "BureauCalendarDays", "RequestCategories", "SlaRules", "TaxpayerRequests", "Users", "RequestNumberSequences",
            "DueTimers", "Notices", "DeadlineChanges", "PublishedHolidays",
        ];

    public void Dispose() => _db.Dispose();

    [Fact]
    public void The_migrations_match_the_model() => _db.Database.HasPendingModelChanges().ShouldBeFalse("run tools/migrations.sh <Name>");

    [Fact]
    public void The_create_script_has_every_table_with_unicode_text_instants_and_a_unique_number()
    {
        var script = _db.Database.GenerateCreateScript();

        foreach (var table in tables)
        {
            script.ShouldContain($"CREATE TABLE [{table}]");
        }

        var requests = TableDefinition(script, "TaxpayerRequests");
        requests.ShouldContain("[Number] nvarchar(24) NOT NULL");
        requests.ShouldContain("[TaxpayerName] nvarchar(200) NOT NULL");
        requests.ShouldContain("[Text] nvarchar(max) NOT NULL");
        requests.ShouldContain("[ReceivedAt] datetimeoffset NOT NULL");
        requests.ShouldContain("[ClosedAt] datetimeoffset NULL");
        requests.ShouldContain("[Version] bigint NOT NULL");
        script.ShouldContain("CREATE UNIQUE INDEX [IX_TaxpayerRequests_Number] ON [TaxpayerRequests] ([Number]);");
        script.ShouldContain("CREATE UNIQUE INDEX [IX_Users_NormalizedUserName] ON [Users] ([NormalizedUserName]);");
        var timers = TableDefinition(script, "DueTimers");
        timers.ShouldContain("[DueAt] datetimeoffset NOT NULL");
        timers.ShouldContain("[Version] bigint NOT NULL");
        script.ShouldContain("CREATE INDEX [IX_DueTimers_Status_DueAt] ON [DueTimers] ([Status], [DueAt]);");
        var rules = TableDefinition(script, "SlaRules");
        rules.ShouldContain("[Ladder] nvarchar(max) NULL");
        rules.ShouldContain("[CutOff] time NULL");
        // One "all types" (NULL Type) line per bureau and step: no "WHERE [Type] IS NOT NULL" filter.
        script.ShouldContain("CREATE UNIQUE INDEX [IX_SlaRules_BureauId_Type_Step] ON [SlaRules] ([BureauId], [Type], [Step]);");
    }

    [Fact]
    public void The_migrations_create_and_drop_the_Quartz_tables_from_Quartz_own_script()
    {
        var migrator = _db.GetService<IMigrator>();
        var up = migrator.GenerateScript();
        var tables = Bpm.Persistence.Migrations.QuartzSchema.Tables(Bpm.Persistence.Migrations.QuartzSchema.SqlServer);

        tables.Count.ShouldBe(15);
        foreach (var table in tables)
        {
            table.ShouldStartWith("QRTZ_");
            up.ShouldContain($"CREATE TABLE {table} (");
        }

        up.ShouldNotContain("{0}");
        up.ShouldNotContain("{1}");
        up.ShouldNotContain("--;;");

        var down = migrator.GenerateScript(fromMigration: LastMigration(), toMigration: "Initial");
        down.ShouldContain("DROP TABLE IF EXISTS QRTZ_TRIGGERS");
        down.IndexOf("DROP TABLE IF EXISTS QRTZ_TRIGGERS", StringComparison.Ordinal)
            .ShouldBeLessThan(down.IndexOf("DROP TABLE IF EXISTS QRTZ_JOB_DETAILS", StringComparison.Ordinal), "children first");
    }

    private string LastMigration() => _db.Database.GetMigrations().Last();

    [Theory]
    [InlineData("TaxpayerRequests", "Status", 32)]
    [InlineData("TaxpayerRequests", "Type", 32)]
    [InlineData("TaxpayerRequests", "Channel", 32)]
    [InlineData("TaxpayerRequests", "ContactKind", 16)]
    [InlineData("Units", "Duties", 64)]
    [InlineData("SlaRules", "Step", 32)]
    [InlineData("Users", "Roles", 128)]
    [InlineData("RequestTasks", "AlertLevel", 16)]
    [InlineData("DueTimers", "Kind", 32)]
    [InlineData("DueTimers", "Status", 16)]
    [InlineData("Notices", "Kind", 32)]
    [InlineData("Notices", "RecipientRoles", 128)]
    [InlineData("DeadlineChanges", "Cause", 32)]
    public void Enums_are_stored_as_names_in_nvarchar_columns(string table, string column, int length)
    {
        var definition = TableDefinition(_db.Database.GenerateCreateScript(), table);

        definition.ShouldContain($"[{column}] nvarchar({length})");
    }

    [Fact]
    public void The_migrations_script_creates_the_same_tables_and_records_its_history()
    {
        var script = _db.GetService<IMigrator>().GenerateScript();

        script.ShouldNotBeNullOrWhiteSpace();
        foreach (var table in tables)
        {
            script.ShouldContain($"CREATE TABLE [{table}]");
        }

        TableDefinition(script, "TaxpayerRequests").ShouldContain("[ReceivedAt] datetimeoffset NOT NULL");
        script.ShouldContain("CREATE UNIQUE INDEX [IX_TaxpayerRequests_Number] ON [TaxpayerRequests] ([Number]);");
        script.ShouldContain("[__EFMigrationsHistory]");
        foreach (var migration in _db.Database.GetMigrations())
        {
            script.ShouldContain($"N'{migration}'");
        }
    }

    /// <summary>The text of <c>CREATE TABLE [name] ( … );</c> up to its closing line.</summary>
    private static string TableDefinition(string script, string table)
    {
        var start = script.IndexOf($"CREATE TABLE [{table}] (", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"no CREATE TABLE [{table}]");
        var end = script.IndexOf(");", start, StringComparison.Ordinal);
        return script[start..end];
    }
}
