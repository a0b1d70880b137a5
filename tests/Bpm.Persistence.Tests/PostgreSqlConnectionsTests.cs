using System.Data.Common;
using Bpm.Persistence;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Tests;

/// <summary>
/// On PostgreSQL the statements Bpm runs over and over are prepared on their pooled connection (parsed and planned once),
/// unless the configured connection string sets <c>Max Auto Prepare</c> itself.
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
    [InlineData("Host=db;Database=bpm;Max Auto Prepare=10")]
    [InlineData("Host=db;Database=bpm;maxautoprepare=0")]
    public void A_count_written_in_the_configuration_is_kept(string configured) =>
        PostgreSqlConnections.Tuned(configured).ShouldBe(configured);

    [Fact]
    public void Without_a_count_the_connection_prepares_its_hot_statements()
    {
        var tuned = new DbConnectionStringBuilder { ConnectionString = PostgreSqlConnections.Tuned("Host=db;Database=bpm") };

        tuned["Max Auto Prepare"].ShouldBe(PostgreSqlConnections.AutoPrepared.ToString(System.Globalization.CultureInfo.InvariantCulture));
        tuned["Host"].ShouldBe("db");
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
