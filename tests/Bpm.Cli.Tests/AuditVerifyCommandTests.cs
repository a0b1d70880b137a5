using Bpm.Application.Bureaus;
using Bpm.Domain.Bureaus;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli.Tests;

/// <summary><c>bpm audit verify</c> on a temporary SQLite database: exit 0 on an intact chain, 1 naming the first edited or deleted row.</summary>
[Collection(nameof(SettingsEnvironmentCollection))]
public sealed class AuditVerifyCommandTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bpm-cli-audit").FullName;

    private DatabaseOptions Database => new() { ConnectionString = $"Data Source={Path.Combine(_folder, "data", "bpm.db")}" };

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(
            Path.Combine(_folder, "appsettings.json"),
            """{ "Database": { "Provider": "Sqlite", "ConnectionString": "Data Source=data/bpm.db" } }""");
        Environment.SetEnvironmentVariable("BPM_SETTINGS", Path.Combine(_folder, "appsettings.json"));
        (await CliRunner.RunAsync("database", "migrate")).ExitCode.ShouldBe(0);

        // Four audited changes: each bureau added is an AdminChange row (1–4).
        var services = new ServiceCollection().AddBpmPersistence(Database).BuildServiceProvider();
        await using var _ = services;
        var store = services.GetRequiredService<IBureauStore>();
        var national = new Bureau(Guid.NewGuid(), "national", "国家税务总局", null, "SAT");
        await store.AddBureauAsync(national, CancellationToken.None);
        foreach (var code in new[] { "xiantao", "ulanqab", "jining" })
        {
            await store.AddBureauAsync(new Bureau(Guid.NewGuid(), code, "国家税务总局" + code + "税务局", national.Id, code[..2].ToUpperInvariant()), CancellationToken.None);
        }
    }

    [Fact]
    public async Task An_intact_chain_exits_0_and_says_how_many_rows_were_checked()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("audit", "verify");

        error.ShouldBeEmpty();
        exitCode.ShouldBe(0);
        output.ShouldContain("audit chain intact: 4 rows checked");
        (await CliRunner.RunAsync("audit", "verify", "--from", "3")).Output.ShouldContain("2 rows checked");
    }

    [Fact]
    public async Task An_edited_row_exits_1_naming_its_sequence()
    {
        await ExecuteAsync("UPDATE \"AuditEntries\" SET \"Summary\" = 'added nothing' WHERE \"Sequence\" = 3");

        var (exitCode, output, _) = await CliRunner.RunAsync("audit", "verify");

        exitCode.ShouldBe(1);
        output.ShouldContain("BROKEN at sequence 3");
        output.ShouldContain("edited");
    }

    [Theory]
    [InlineData(2, "BROKEN at sequence 2")]
    [InlineData(4, "BROKEN at sequence 4")]
    public async Task A_deleted_row_exits_1_naming_the_gap(int sequence, string expected)
    {
        await ExecuteAsync($"DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = {sequence}");

        var (exitCode, output, _) = await CliRunner.RunAsync("audit", "verify");

        exitCode.ShouldBe(1);
        output.ShouldContain(expected);
    }

    [Fact]
    public async Task A_bad_from_is_exit_2()
    {
        var (exitCode, _, error) = await CliRunner.RunAsync("audit", "verify", "--from", "0");

        exitCode.ShouldBe(2);
        error.ShouldContain("--from");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var db = PersistenceServices.CreateContext(Database);
        await db.Database.ExecuteSqlRawAsync(sql);
    }

    public Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("BPM_SETTINGS", null);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
