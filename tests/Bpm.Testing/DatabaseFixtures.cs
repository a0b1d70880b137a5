using Bpm.Persistence;
using Xunit;

namespace Bpm.Testing;

/// <summary>One migrated database per test class: <c>IClassFixture&lt;SqliteDatabaseFixture&gt;</c>.</summary>
public interface IDatabaseFixture
{
    TestDatabase Database { get; }
}

public sealed class SqliteDatabaseFixture : IDatabaseFixture, IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException("the fixture is not initialised");

    public async Task InitializeAsync() => _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}

/// <summary>
/// xunit creates class fixtures even when every test of the class is skipped, so when PostgreSQL is
/// neither configured nor required this fixture creates nothing (the tests are skipped at discovery,
/// see <see cref="ContractFactAttribute"/>). When it is required, a missing or unreachable server fails here.
/// </summary>
public sealed class PostgreSqlDatabaseFixture : IDatabaseFixture, IAsyncLifetime
{
    private TestDatabase? _database;

    public TestDatabase Database => _database ?? throw new InvalidOperationException(
        PostgresEnvironment.SkipReason ?? "the fixture is not initialised");

    public async Task InitializeAsync()
    {
        if (PostgresEnvironment.SkipReason is null)
        {
            _database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        }
    }

    public async Task DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
