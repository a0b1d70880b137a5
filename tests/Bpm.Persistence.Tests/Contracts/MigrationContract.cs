using Bpm.Testing;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>The provider's migrations build exactly the model the code has: nothing pending, nothing forgotten.</summary>
public abstract class MigrationContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    [ContractFact]
    public async Task The_migrated_database_has_no_pending_migration_and_the_model_no_unmigrated_change()
    {
        await using var db = Database.CreateContext();

        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync()).ShouldBe(db.Database.GetMigrations());
        db.Database.HasPendingModelChanges().ShouldBeFalse("run tools/migrations.sh <Name> after changing the model");
    }

    [ContractFact]
    public async Task Migrating_again_changes_nothing()
    {
        await using var db = Database.CreateContext();

        await new DatabaseMigrator(db, Database.Options).MigrateAsync(CancellationToken.None);

        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.TaxpayerRequests.CountAsync()).ShouldBeGreaterThanOrEqualTo(0);
    }
}

public sealed class MigrationsOnSqlite(SqliteDatabaseFixture fixture) : MigrationContract(fixture), IClassFixture<SqliteDatabaseFixture>
{
    [Fact]
    public async Task The_file_is_in_write_ahead_log_mode()
    {
        await using var db = Database.CreateContext();
        (await db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync()).ShouldBe(["wal"]);
    }
}

[RequiresPostgreSql]
public sealed class MigrationsOnPostgreSql(PostgreSqlDatabaseFixture fixture) : MigrationContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
