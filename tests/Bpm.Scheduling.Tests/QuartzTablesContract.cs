using Bpm.Persistence;
using Bpm.Persistence.Migrations;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Bpm.Scheduling.Tests;

/// <summary>The QRTZ_ tables Quartz's job store needs come from our migrations (QuartzTables), never from Quartz itself.</summary>
public abstract class QuartzTablesContract(IDatabaseFixture fixture)
{
    private TestDatabase Database => fixture.Database;

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

    private async Task<List<string>> QuartzTablesAsync(BpmDbContext db)
    {
        var sql = Database.Provider == DatabaseProvider.PostgreSql
            ? "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() AND upper(table_name) LIKE 'QRTZ\\_%' ESCAPE '\\'"
            : "SELECT name FROM sqlite_master WHERE type = 'table' AND upper(name) LIKE 'QRTZ\\_%' ESCAPE '\\'";
        return (await db.Database.SqlQueryRaw<string>(sql).ToListAsync()).Select(t => t.ToUpperInvariant()).Order().ToList();
    }
}

public sealed class QuartzTablesOnSqlite(SqliteDatabaseFixture fixture) : QuartzTablesContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class QuartzTablesOnPostgreSql(PostgreSqlDatabaseFixture fixture) : QuartzTablesContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
