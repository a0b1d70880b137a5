using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests;

/// <summary>
/// Every SQLite connection EF opens, from the server's container or a tool's context, gets the 16 MB page cache and a
/// checkpoint every 8,192 log pages, and keeps them when the pool hands it out again (they are sent once per connection).
/// </summary>
public sealed class SqliteConnectionSettingsTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"bpm-pragmas-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task Contexts_from_the_container_and_for_tools_open_connections_with_a_16_MB_page_cache_and_fewer_checkpoints()
    {
        var options = new DatabaseOptions { ConnectionString = $"Data Source={_file}" };
        await using (var services = new ServiceCollection().AddBpmPersistence(options).BuildServiceProvider())
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<BpmDbContext>();
            (await PragmaAsync(db, "cache_size")).ShouldBe(-16384);
            (await PragmaAsync(db, "wal_autocheckpoint")).ShouldBe(8192);
        }

        await using var context = PersistenceServices.CreateContext(options);
        (await PragmaAsync(context, "cache_size")).ShouldBe(-16384);
        (await PragmaAsync(context, "wal_autocheckpoint")).ShouldBe(8192);

        await context.Database.CloseConnectionAsync();
        (await PragmaAsync(context, "cache_size")).ShouldBe(-16384);
    }

    private static async Task<long> PragmaAsync(BpmDbContext db, string pragma)
    {
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_file);
    }
}
