using Bpm.Persistence;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Bpm.Persistence.Tests;

/// <summary>
/// On PostgreSQL the statements Bpm runs over and over are prepared on their pooled connection (parsed and planned once),
/// and a pooled connection is handed out again without a reset round trip, unless the configured connection string writes
/// <c>Max Auto Prepare</c> or <c>No Reset On Close</c> itself.
/// </summary>
public sealed class PostgreSqlConnectionsTests
{
    [PostgresFact]
    public async Task A_statement_run_again_and_again_is_prepared_on_its_connection()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);

        (await PreparedAfterRepeatingAsync(database.Options)).ShouldBeGreaterThanOrEqualTo(1);
    }

    [PostgresFact]
    public async Task A_connection_string_that_turns_preparation_off_is_obeyed()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var off = new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = database.Options.ConnectionString + ";Max Auto Prepare=0" };

        (await PreparedAfterRepeatingAsync(off)).ShouldBe(0);
    }

    [Theory]
    [InlineData("Host=db;Database=bpm;Max Auto Prepare=10;No Reset On Close=false")]
    [InlineData("Host=db;Database=bpm;maxautoprepare=0;noresetonclose=true")]
    public void Settings_written_in_the_configuration_are_kept(string configured) =>
        PostgreSqlConnections.Tuned(configured).ShouldBe(configured);

    [Fact]
    public void A_count_written_in_the_configuration_is_kept_and_the_reset_still_skipped()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgreSqlConnections.Tuned("Host=db;Database=bpm;Max Auto Prepare=10"));

        tuned.MaxAutoPrepare.ShouldBe(10);
        tuned.NoResetOnClose.ShouldBeTrue();
    }

    [Fact]
    public void Without_settings_the_connection_prepares_its_hot_statements_and_skips_the_reset()
    {
        var tuned = new NpgsqlConnectionStringBuilder(PostgreSqlConnections.Tuned("Host=db;Database=bpm"));

        tuned.MaxAutoPrepare.ShouldBe(PostgreSqlConnections.AutoPrepared);
        tuned.NoResetOnClose.ShouldBeTrue();
        tuned.Host.ShouldBe("db");
    }

    /// <summary>
    /// The setting takes effect: a pooled connection is handed out again as it was left, without the reset round trip (here
    /// made visible by a session setting that survives; Bpm itself sets none, see <see cref="PostgreSqlConnections"/>).
    /// </summary>
    [PostgresFact]
    public async Task A_pooled_connection_is_handed_out_again_without_a_reset()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var one = new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = new NpgsqlConnectionStringBuilder(database.Options.ConnectionString) { MaxPoolSize = 1 }.ConnectionString };

        await using (var first = PersistenceServices.CreateContext(one))
        {
            await first.Database.OpenConnectionAsync();
            await first.Database.ExecuteSqlRawAsync("SET statement_timeout = '4321ms'");
            await first.Database.CloseConnectionAsync();
        }

        await using var second = PersistenceServices.CreateContext(one);
        (await second.Database.SqlQuery<string>($"SELECT current_setting('statement_timeout') AS \"Value\"").SingleAsync()).ShouldBe("4321ms");
    }

    /// <summary>Runs one query ten times on one connection; returns how many of that connection's prepared statements read Bureaus.</summary>
    private static async Task<long> PreparedAfterRepeatingAsync(DatabaseOptions options)
    {
        await using var db = PersistenceServices.CreateContext(options);
        await db.Database.OpenConnectionAsync();
        for (var i = 0; i < 10; i++)
        {
            await db.Bureaus.AsNoTracking().Where(b => b.Code == "xiantao" + i).CountAsync();
        }

        return await db.Database.SqlQuery<long>($"SELECT count(*) AS \"Value\" FROM pg_prepared_statements WHERE statement LIKE '%Bureaus%'").SingleAsync();
    }
}
