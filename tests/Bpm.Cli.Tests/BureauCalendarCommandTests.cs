using System.Text.Json;
using Bpm.Application.Bureaus;
using Bpm.Domain.Bureaus;
using Bpm.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli.Tests;

/// <summary>
/// <c>--bureau</c> reads the bureau's inherited calendar, zone and cut-off from the database named by the
/// settings file (here a temporary one, through BPM_SETTINGS).
/// </summary>
[Collection(nameof(SettingsEnvironmentCollection))]
public sealed class BureauCalendarCommandTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bpm-cli-test").FullName;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(
            Path.Combine(_folder, "appsettings.json"),
            """{ "Database": { "Provider": "Sqlite", "ConnectionString": "Data Source=data/bpm.db" } }""");
        Environment.SetEnvironmentVariable("BPM_SETTINGS", Path.Combine(_folder, "appsettings.json"));

        (await CliRunner.RunAsync("database", "migrate")).ExitCode.ShouldBe(0);
        File.Exists(Path.Combine(_folder, "data", "bpm.db")).ShouldBeTrue();

        var services = new ServiceCollection()
            .AddBpmPersistence(new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "data", "bpm.db")}" })
            .BuildServiceProvider();
        await using var _ = services;
        var store = services.GetRequiredService<IBureauStore>();
        var city = new Bureau(Guid.NewGuid(), "ulanqab", "国家税务总局乌兰察布市税务局", null, "WLCB");
        var district = new Bureau(Guid.NewGuid(), "jining", "国家税务总局乌兰察布市集宁区税务局", city.Id, "JN");
        city.SetCutOff(new TimeOnly(17, 30));
        await store.AddBureauAsync(city, CancellationToken.None);
        await store.AddBureauAsync(district, CancellationToken.None);

        // Ulanqab closes on Mon 2026-10-12; its sub-bureau inherits the closure and the 17:30 cut-off.
        await store.SetCalendarDayAsync(new BureauCalendarDay(city.Id, new DateOnly(2026, 10, 12), false, "本地停工"), CancellationToken.None);
    }

    [Fact]
    public async Task A_closure_of_the_parent_bureau_moves_the_deadline_of_its_sub_bureau()
    {
        // National: 10-08, 10-09, Sat 10-10 (make-up), 10-12, 10-13 → 10-13. With 10-12 closed → 10-14, due 17:30 local.
        var (exitCode, output, error) = await CliRunner.RunAsync(
            "calendar", "add-working-days", "--from", "2026-09-30T10:00:00+08:00", "--days", "5", "--bureau", "jining", "--json");

        error.ShouldBeEmpty();
        exitCode.ShouldBe(0);
        using var json = JsonDocument.Parse(output);
        json.RootElement.GetProperty("dueDate").GetString().ShouldBe("2026-10-14");
        json.RootElement.GetProperty("dueAt").GetString().ShouldBe("2026-10-14T09:30:00Z");
        json.RootElement.GetProperty("bureau").GetString().ShouldBe("jining");
    }

    [Fact]
    public async Task Show_includes_the_bureau_closure()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("calendar", "show", "--year", "2026", "--bureau", "jining");

        exitCode.ShouldBe(0);
        output.ShouldContain("2026-10-12");
        output.ShouldContain("本地停工");
    }

    [Fact]
    public async Task An_unknown_bureau_exits_2_and_lists_the_known_ones()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("calendar", "show", "--year", "2026", "--bureau", "nowhere");

        exitCode.ShouldBe(2);
        error.ShouldContain("'nowhere' is unknown");
        error.ShouldContain("jining, ulanqab");
    }

    public Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("BPM_SETTINGS", null);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}

[CollectionDefinition(nameof(SettingsEnvironmentCollection), DisableParallelization = true)]
public sealed class SettingsEnvironmentCollection;
