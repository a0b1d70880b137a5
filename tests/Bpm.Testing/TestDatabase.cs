using Bpm.Application;
using Bpm.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bpm.Testing;

/// <summary>
/// A fresh database of its own for one test class, brought to the newest schema by the real migrations
/// (<see cref="DatabaseMigrator"/>, never EnsureCreated) and removed on dispose. SQLite: a temp file,
/// e.g. /tmp/bpm-tests/3f2a…/bpm.db; PostgreSQL: a database <c>bpm_t_3f2a…</c> created through the
/// <c>BPM_TEST_POSTGRES</c> connection and dropped with its connections.
/// </summary>
public abstract class TestDatabase : IAsyncDisposable
{
    private protected TestDatabase(DatabaseOptions options) => Options = options;

    public DatabaseOptions Options { get; }

    public DatabaseProvider Provider => Options.Provider;

    /// <summary>A new context on this database; the caller disposes it.</summary>
    public BpmDbContext CreateContext() => PersistenceServices.CreateContext(Options);

    /// <summary>
    /// The production wiring (AddBpmPersistence + AddBpmApplication) on this database with the given clock;
    /// each scope gets its own context, as each HTTP request does in the server.
    /// </summary>
    /// <param name="configure">Last changes to the production wiring, e.g. a store wrapped to stage a race.</param>
    public ServiceProvider CreateServices(TimeProvider time, Action<IServiceCollection>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton(time);
        services.AddBpmPersistence(Options);
        // The contexts are pooled, and a pooled context keeps EF's answer to "is anyone listening to its diagnostics" for a
        // second: SqlCommandRecorder, attached after a test's first requests, would miss the statements it is there to read.
        services.ConfigureDbContext<SqliteBpmDbContext>((_, o) => o.ConfigureLoggingCacheTime(TimeSpan.Zero), ServiceLifetime.Singleton);
        services.ConfigureDbContext<PostgreSqlBpmDbContext>((_, o) => o.ConfigureLoggingCacheTime(TimeSpan.Zero), ServiceLifetime.Singleton);
        services.AddBpmApplication();
        configure?.Invoke(services);
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, CancellationToken cancellationToken = default) => provider switch
    {
        DatabaseProvider.Sqlite => await SqliteTestDatabase.CreateAsync(cancellationToken),
        DatabaseProvider.PostgreSql => await PostgreSqlTestDatabase.CreateAsync(cancellationToken),
        _ => throw new NotSupportedException($"no {provider} server can run in tests; test its DDL instead"),
    };

    public abstract ValueTask DisposeAsync();

    private protected async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = CreateContext();
        await new DatabaseMigrator(db, Options).MigrateAsync(cancellationToken);
    }
}

internal sealed class SqliteTestDatabase : TestDatabase
{
    private readonly string _folder;

    private SqliteTestDatabase(string folder)
        : base(new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite,
            ConnectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "bpm.db") }.ToString(),
        }) =>
        _folder = folder;

    public static async Task<TestDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "bpm-tests", Guid.NewGuid().ToString("N"));
        var database = new SqliteTestDatabase(folder);
        try
        {
            await database.MigrateAsync(cancellationToken);
            return database;
        }
        catch (Exception)
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file (and its -wal/-shm companions) open; close ours only.
        using (var connection = new SqliteConnection(Options.ConnectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}

internal sealed class PostgreSqlTestDatabase : TestDatabase
{
    private readonly string _adminConnectionString;
    private readonly string _name;

    private PostgreSqlTestDatabase(string adminConnectionString, string name, string connectionString)
        : base(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connectionString })
    {
        _adminConnectionString = adminConnectionString;
        _name = name;
    }

    public static async Task<TestDatabase> CreateAsync(CancellationToken cancellationToken)
    {
        var admin = PostgresEnvironment.RequireConnectionString();
        var name = "bpm_t_" + Guid.NewGuid().ToString("N")[..16];
        var builder = new NpgsqlConnectionStringBuilder(admin);
        try
        {
            await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\"", cancellationToken);
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"PostgreSQL at {builder.Host}:{builder.Port} (user {builder.Username}, from {PostgresEnvironment.ConnectionStringVariable}) " +
                $"did not let us create a test database: {ex.Message}. Start it with `bash tools/ci/postgres.sh`.", ex);
        }

        builder.Database = name;
        var database = new PostgreSqlTestDatabase(admin, name, builder.ConnectionString);
        try
        {
            await database.MigrateAsync(cancellationToken);
            return database;
        }
        catch (Exception)
        {
            await database.DisposeAsync();
            throw;
        }
    }

    public override async ValueTask DisposeAsync()
    {
        await using (var connection = new NpgsqlConnection(Options.ConnectionString))
        {
            NpgsqlConnection.ClearPool(connection);
        }

        // FORCE (PostgreSQL 13+) ends sessions still connected, e.g. from a context a failed test left open.
        await ExecuteAsync(_adminConnectionString, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)", CancellationToken.None);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
