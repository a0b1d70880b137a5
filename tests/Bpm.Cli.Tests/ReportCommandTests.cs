using Bpm.Application.Bureaus;
using Bpm.Domain.Bureaus;
using Bpm.Persistence;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli.Tests;

/// <summary><c>bpm report quarterly</c> on a temporary database with the national root and 仙桃 (no requests yet).</summary>
[Collection(nameof(SettingsEnvironmentCollection))]
public sealed class ReportCommandTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bpm-cli-report").FullName;

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
        await store.AddBureauAsync(national, CancellationToken.None);
        await store.AddBureauAsync(new Bureau(Guid.NewGuid(), "xiantao", "国家税务总局仙桃市税务局", national.Id, "XT"), CancellationToken.None);
    }

    [Fact]
    public async Task Quarterly_writes_an_xlsx_with_the_five_sheets()
    {
        var file = Path.Combine(_folder, "out", "q3.xlsx");

        var (exitCode, output, error) = await CliRunner.RunAsync("report", "quarterly", "--bureau", "xiantao", "--year", "2026", "--quarter", "3", "--out", file);

        exitCode.ShouldBe(0, error);
        output.ShouldContain("q3.xlsx");
        using var document = SpreadsheetDocument.Open(file, false);
        document.WorkbookPart!.Workbook.Sheets!.Elements<Sheet>().Select(s => s.Name!.Value).ShouldBe(["概况", "分类统计", "热点", "超期", "差评"]);
    }

    [Theory]
    [InlineData("--bureau", "nowhere", "--year", "2026", "--quarter", "3", "nowhere")]
    [InlineData("--bureau", "xiantao", "--year", "2026", "--quarter", "5", "quarter")]
    public async Task Bad_arguments_exit_2_naming_the_problem_and_write_nothing(string b, string bureau, string y, string year, string q, string quarter, string named)
    {
        var file = Path.Combine(_folder, "bad.xlsx");

        var (exitCode, _, error) = await CliRunner.RunAsync("report", "quarterly", b, bureau, y, year, q, quarter, "--out", file);

        exitCode.ShouldBe(2);
        error.ShouldContain(named);
        File.Exists(file).ShouldBeFalse();
    }

    public Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("BPM_SETTINGS", null);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
