using Bpm.Persistence;
using Bpm.Testing;
using Npgsql;

namespace Bpm.Persistence.Tests;

/// <summary>
/// A PostgreSQL database created with LC_CTYPE 'C' cannot serve name search from its trigram index (Chinese names make no
/// trigrams): start-up must say so and name the fix; the test cluster's C.UTF-8 databases and SQLite have nothing to report.
/// </summary>
public sealed class NameSearchReadinessTests
{
    [PostgresFact]
    public async Task A_database_whose_ctype_counts_chinese_as_letters_has_nothing_to_report()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        await using var db = database.CreateContext();
        (await NameSearchReadiness.ProblemAsync(db, CancellationToken.None)).ShouldBeNull();
    }

    [PostgresFact]
    public async Task A_database_created_with_ctype_C_is_reported_with_its_name_and_the_fix()
    {
        var admin = PostgresEnvironment.RequireConnectionString();
        var name = "bpm_ctype_c_" + Guid.NewGuid().ToString("N")[..12];
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'");
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString;
        try
        {
            await ExecuteAsync(connectionString, "CREATE EXTENSION IF NOT EXISTS pg_trgm");
            await using var db = PersistenceServices.CreateContext(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString });

            var problem = await NameSearchReadiness.ProblemAsync(db, CancellationToken.None);

            problem.ShouldNotBeNull();
            problem.ShouldContain(name);
            problem.ShouldContain("LC_CTYPE 'C'");
            problem.ShouldContain("C.UTF-8");
        }
        finally
        {
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
        }
    }

    [Fact]
    public async Task Sqlite_has_nothing_to_report()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        await using var db = database.CreateContext();
        (await NameSearchReadiness.ProblemAsync(db, CancellationToken.None)).ShouldBeNull();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
