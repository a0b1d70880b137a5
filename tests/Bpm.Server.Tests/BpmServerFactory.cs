using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests;

/// <summary>
/// The real server on a fresh SQLite file of its own (deleted afterwards), with settings overridden per test; Quartz and
/// the timer outbox relay are off unless a test sets <c>Scheduling:Enabled</c>.
/// </summary>
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

            // Off unless a test turns it on: Quartz runs on the real clock, and these tests' clock (ApiClient.Now,
            // March 2026) would make every SLA timer overdue at once. Tests apply due timers through DueTimerProcessor.
            ["Scheduling:Enabled"] = "false",

            // The periodic job (monthly collection, quarterly reports) would run on the real clock whenever a test turns
            // Quartz on; its tests run it through PeriodicDuties with a fake clock instead.
            ["PeriodicDuties:Enabled"] = "false",
            // Tests sign in far more often than a person could; the sign-in rate limit has tests of its own (Security/RateLimitTests).
            ["Limits:SignInPerMinute"] = "100000",

            // Fixed test keys, so no demo key file is written; Privacy tests override them (rotation, SM4).
            ["PersonalData:Keys:t1"] = TestKey1,
            ["PersonalData:ActiveKey"] = "t1",
            ["PersonalData:DigestKey"] = TestDigestKey,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    /// <summary>AES-256 key "t1" of the test server's personal data (base64 of 32 bytes).</summary>
    public const string TestKey1 = "gBpWgmuDE3OXO9X1L/YTfxNZ36ryx2gxGenoi751v4w=";

    public const string TestKey2 = "AykGxTBmBsrd79kDY5eQ8ImvLXX9Kk8LVOexILaSmOY=";

    public const string TestDigestKey = "75MjQSQPGORMlbU8MC2wH5wxbG1eC8VfT9j+yczrYYY=";

    public string DatabaseFile { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // UseSetting reaches the server as command-line arguments, so the settings are there while BpmServer registers its
        // services (AddBpmScheduling reads Database:* then, e.g. Quartz must use this test's file, not data/bpm.db);
        // ConfigureAppConfiguration alone is applied only when the host is built.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

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
