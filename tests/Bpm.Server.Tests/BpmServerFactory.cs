using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests;

/// <summary>The real server on a fresh SQLite file of its own (deleted afterwards), with settings overridden per test.</summary>
public sealed class BpmServerFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private readonly TimeProvider? _time;

    /// <param name="time">replaces the server's clock, e.g. a <c>ManualTimeProvider</c>; null keeps the system clock.</param>
    public BpmServerFactory(IDictionary<string, string?>? settings = null, string? databaseFile = null, TimeProvider? time = null)
    {
        _time = time;
        DatabaseFile = databaseFile ?? Path.Combine(Path.GetTempPath(), $"bpm-server-test-{Guid.NewGuid():N}.db");
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={DatabaseFile}",
            ["Demo:Enabled"] = "true",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DatabaseFile { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        if (_time is not null)
        {
            builder.ConfigureTestServices(services => services.AddSingleton(_time));
        }
    }

    /// <summary>Deletes the database file and its WAL companions.</summary>
    public void DeleteDatabase()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabaseFile + suffix);
        }
    }
}
