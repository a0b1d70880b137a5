using System.Text.Json;
using Bpm.Application.Bureaus;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Sla;
using Bpm.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli.Tests;

/// <summary>
/// <c>bpm sla …</c>, <c>bpm calendar close/reopen/import</c> and <c>bpm deadlines replan</c> on a temporary database with
/// the national root (default policy) and 仙桃 (its own profile). The CLI acts as the system.
/// </summary>
[Collection(nameof(SettingsEnvironmentCollection))]
public sealed class SlaAdministrationCommandTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bpm-cli-sla").FullName;

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(
            Path.Combine(_folder, "appsettings.json"),
            """{ "Database": { "Provider": "Sqlite", "ConnectionString": "Data Source=data/bpm.db" } }""");
        Environment.SetEnvironmentVariable("BPM_SETTINGS", Path.Combine(_folder, "appsettings.json"));
        (await CliRunner.RunAsync("database", "migrate")).ExitCode.ShouldBe(0);

        var services = new ServiceCollection()
            .AddBpmPersistence(new DatabaseOptions { ConnectionString = $"Data Source={Path.Combine(_folder, "data", "bpm.db")}" })
            .BuildServiceProvider();
        await using var _ = services;
        var store = services.GetRequiredService<IBureauStore>();
        var national = new Bureau(Guid.NewGuid(), "national", "国家税务总局", null, "SAT");
        var xiantao = new Bureau(Guid.NewGuid(), "xiantao", "国家税务总局仙桃市税务局", national.Id, "XT");
        await store.AddBureauAsync(national, CancellationToken.None);
        await store.AddBureauAsync(xiantao, CancellationToken.None);
        foreach (var rule in SlaProfiles.For(national.Id, SlaProfiles.NationalDefault).Concat(SlaProfiles.For(xiantao.Id, SlaProfiles.Xiantao)))
        {
            await store.SetSlaRuleAsync(rule, CancellationToken.None);
        }
    }

    [Fact]
    public async Task Sla_show_marks_own_and_inherited_lines_and_sla_set_changes_only_the_bureau()
    {
        var before = await ShowAsync("xiantao");
        Step(before, "Handling").GetProperty("workingDays").GetInt32().ShouldBe(2);
        Step(before, "Handling").GetProperty("own").GetBoolean().ShouldBeTrue();
        Step(before, "Revisit").GetProperty("from").GetString().ShouldBe("national");

        var (exitCode, output, error) = await CliRunner.RunAsync(
            "sla", "set", "--bureau", "xiantao", "--step", "Handling", "--days", "3", "--cut-off", "17:30", "--warn", "4h", "--remind-every", "1", "--max-reminders", "2");

        error.ShouldBeEmpty();
        exitCode.ShouldBe(0);
        output.ShouldContain("Handling (all types) = 3 WD (replaced its own line)");
        output.ShouldContain("0 open deadlines moved");
        var after = Step(await ShowAsync("xiantao"), "Handling");
        (after.GetProperty("workingDays").GetInt32(), after.GetProperty("cutOff").GetString()).ShouldBe((3, "17:30"));
        after.GetProperty("ladder").GetProperty("warnBefore").GetProperty("unit").GetString().ShouldBe("WorkingHours");
        Step(await ShowAsync("national"), "Handling").GetProperty("workingDays").GetInt32().ShouldBe(2);

        var text = await CliRunner.RunAsync("sla", "show", "--bureau", "xiantao", "--type", "Policy");
        text.Output.ShouldContain("inherited from national");
    }

    [Theory]
    [InlineData("--cut-off", "25:00", "--cut-off")]
    [InlineData("--warn", "2weeks", "--warn")]
    [InlineData("--max-reminders", "99", "--max-reminders")]
    [InlineData("--type", "Tax", "--type")]
    public async Task Sla_set_refuses_bad_options_with_exit_code_2(string option, string value, string named)
    {
        var (exitCode, _, error) = await CliRunner.RunAsync(
            "sla", "set", "--bureau", "xiantao", "--step", "Handling", "--days", "3", "--remind-every", "1", option, value);

        exitCode.ShouldBe(2);
        error.ShouldContain(named);
        Step(await ShowAsync("xiantao"), "Handling").GetProperty("workingDays").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Sla_unset_inherits_again_but_not_at_the_root()
    {
        (await CliRunner.RunAsync("sla", "unset", "--bureau", "national", "--step", "Handling")).ExitCode.ShouldBe(2);
        (await CliRunner.RunAsync("sla", "unset", "--bureau", "xiantao", "--step", "Revisit")).ExitCode.ShouldBe(2);

        var (exitCode, output, _) = await CliRunner.RunAsync("sla", "unset", "--bureau", "xiantao", "--step", "Transfer");

        exitCode.ShouldBe(0);
        output.ShouldContain("inherited again");
        Step(await ShowAsync("xiantao"), "Transfer").GetProperty("from").GetString().ShouldBe("national");
    }

    [Fact]
    public async Task Calendar_close_and_reopen_a_bureau_day()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("calendar", "close", "--bureau", "xiantao", "--date", "2026-10-09", "--name", "防汛");

        error.ShouldBeEmpty();
        exitCode.ShouldBe(0);
        output.ShouldContain("2026-10-09 (Friday) rest day 防汛");
        output.ShouldContain("open deadlines moved");
        (await CliRunner.RunAsync("calendar", "show", "--year", "2026", "--bureau", "xiantao")).Output.ShouldContain("防汛");
        (await CliRunner.RunAsync("calendar", "show", "--year", "2026", "--bureau", "national")).Output.ShouldNotContain("防汛");
        (await CliRunner.RunAsync("calendar", "close", "--bureau", "xiantao", "--date", "2026-02-30", "--name", "x")).ExitCode.ShouldBe(2);

        (await CliRunner.RunAsync("calendar", "reopen", "--bureau", "xiantao", "--date", "2026-10-09")).ExitCode.ShouldBe(0);
        (await CliRunner.RunAsync("calendar", "show", "--year", "2026", "--bureau", "xiantao")).Output.ShouldNotContain("防汛");
        (await CliRunner.RunAsync("calendar", "reopen", "--bureau", "xiantao", "--date", "2026-10-09")).ExitCode.ShouldBe(2);
        (await CliRunner.RunAsync("deadlines", "replan", "--bureau", "xiantao")).Output.ShouldContain("0 open deadlines moved");
    }

    [Fact]
    public async Task Calendar_import_of_a_2027_notice_ends_the_provisional_year_and_a_bad_file_exits_2()
    {
        var file = Path.Combine(_folder, "2027.json");
        await File.WriteAllTextAsync(file, """
            {"year": 2027, "papers": ["https://www.gov.cn/zhengce/test-2027"], "days": [
              {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
              {"name": "春节", "date": "2027-02-08", "isOffDay": true}]}
            """);
        (await CliRunner.RunAsync("calendar", "show", "--year", "2027", "--bureau", "xiantao")).Output.ShouldContain("provisional");

        var (exitCode, output, error) = await CliRunner.RunAsync("calendar", "import", file);

        error.ShouldBeEmpty();
        exitCode.ShouldBe(0);
        output.ShouldContain("2027: 2 days imported; published up to 2027");
        var shown = (await CliRunner.RunAsync("calendar", "show", "--year", "2027", "--bureau", "xiantao")).Output;
        shown.ShouldNotContain("provisional");
        shown.ShouldContain("2027-02-08");
        (await CliRunner.RunAsync("calendar", "import", file)).Output.ShouldContain("replaced the imported notice of 2027");

        await File.WriteAllTextAsync(file, """{"year": 2027, "papers": ["x"], "days": [{"name": "元旦", "date": "2027-1-1", "isOffDay": true}]}""");
        var bad = await CliRunner.RunAsync("calendar", "import", file);
        bad.ExitCode.ShouldBe(2);
        bad.Error.ShouldContain("days[0].date");
    }

    private static async Task<JsonElement> ShowAsync(string bureau)
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("sla", "show", "--bureau", bureau, "--type", "Policy", "--json");
        exitCode.ShouldBe(0, error);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    private static JsonElement Step(JsonElement view, string step) =>
        view.GetProperty("types")[0].GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("step").GetString() == step);

    public Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("BPM_SETTINGS", null);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
