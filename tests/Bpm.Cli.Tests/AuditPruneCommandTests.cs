using Bpm.Application.Bureaus;
using Bpm.Domain.Bureaus;
using Bpm.Persistence;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli.Tests;

/// <summary>
/// <c>bpm audit prune</c> with Audit:RetentionDays 365: two rows written 400 days ago go, two written 10 days ago stay, the
/// prune itself is recorded ("2 rows written before … pruned; checkpoint 2"), and <c>audit verify</c> still passes; a retention below 180 days is refused (exit 2) and prunes nothing.
/// </summary>
[Collection(nameof(SettingsEnvironmentCollection))]
public abstract class AuditPruneCommandTests(DatabaseProvider provider) : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bpm-cli-prune").FullName;

    private TestDatabase _database = null!;

    protected TestDatabase Database => _database;

    public async Task InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider);
        await UseSettingsAsync(retentionDays: 365);
        var now = TimeProvider.System.GetUtcNow();
        var national = new Bureau(Guid.NewGuid(), "national", "国家税务总局", null, "SAT");
        await AddBureausAsync(now.AddDays(-400), national, Child(national, "xiantao"));
        await AddBureausAsync(now.AddDays(-10), Child(national, "ulanqab"), Child(national, "jining"));
    }

    [ContractFact]
    public async Task Rows_older_than_the_retention_go_newer_ones_stay_and_the_chain_still_verifies()
    {
        var (exitCode, output, error) = await CliRunner.RunAsync("audit", "prune");

        error.ShouldBeEmpty();
        exitCode.ShouldBe(0);
        output.ShouldContain("2 audit rows older than 365 days pruned");
        var kept = await SummariesAsync();
        kept.Count(s => s == "added").ShouldBe(2, "the two bureaus added 10 days ago");
        kept.ShouldContain(s => s.StartsWith("2 rows written before", StringComparison.Ordinal) && s.EndsWith("pruned; checkpoint 2", StringComparison.Ordinal));
        var verify = await CliRunner.RunAsync("audit", "verify");
        verify.ExitCode.ShouldBe(0, verify.Output);
        verify.Output.ShouldContain("audit chain intact");
        (await CliRunner.RunAsync("audit", "prune")).Output.ShouldContain("0 audit rows older than 365 days pruned");
    }

    [ContractFact]
    public async Task A_retention_below_180_days_is_refused_and_prunes_nothing()
    {
        await UseSettingsAsync(retentionDays: 90);

        var (exitCode, _, error) = await CliRunner.RunAsync("audit", "prune");

        exitCode.ShouldBe(2);
        error.ShouldContain("Audit:RetentionDays is 90");
        (await SummariesAsync()).Count.ShouldBe(4);
    }

    private static Bureau Child(Bureau parent, string code) => new(Guid.NewGuid(), code, code + "税务局", parent.Id, code[..2].ToUpperInvariant());

    /// <summary>Each bureau added is one audit row (AdminChange), stamped by the given clock.</summary>
    private async Task AddBureausAsync(DateTimeOffset at, params Bureau[] added)
    {
        await using var services = _database.CreateServices(new ManualTimeProvider(at));
        await using var scope = services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<IBureauStore>();
        foreach (var bureau in added)
        {
            await store.AddBureauAsync(bureau, CancellationToken.None);
        }
    }

    protected async Task<List<string>> SummariesAsync()
    {
        await using var db = _database.CreateContext();
        return await db.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Summary).ToListAsync();
    }

    private async Task UseSettingsAsync(int retentionDays)
    {
        var settings = new
        {
            Database = new { Provider = _database.Provider.ToString(), _database.Options.ConnectionString },
            Audit = new { RetentionDays = retentionDays },
        };
        var file = Path.Combine(_folder, "appsettings.json");
        await File.WriteAllTextAsync(file, System.Text.Json.JsonSerializer.Serialize(settings));
        Environment.SetEnvironmentVariable("BPM_SETTINGS", file);
    }

    public async Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("BPM_SETTINGS", null);
        await _database.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }
}

public sealed class SqliteAuditPruneCommandTests() : AuditPruneCommandTests(DatabaseProvider.Sqlite);

/// <summary>On PostgreSQL the table's trigger also refuses a raw change of a recent row, whoever sends it.</summary>
[RequiresPostgreSql]
public sealed class PostgreSqlAuditPruneCommandTests() : AuditPruneCommandTests(DatabaseProvider.PostgreSql)
{
    [ContractFact]
    public async Task A_raw_delete_or_update_of_a_recent_row_is_refused_by_the_trigger()
    {
        await using var db = Database.CreateContext();

        var delete = await Should.ThrowAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlRawAsync(
            "DELETE FROM \"AuditEntries\" WHERE \"Sequence\" = 4"));
        var update = await Should.ThrowAsync<Npgsql.PostgresException>(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE \"AuditEntries\" SET \"Summary\" = 'nothing' WHERE \"Sequence\" = 3"));

        delete.MessageText.ShouldContain("append-only");
        update.MessageText.ShouldContain("append-only");
        (await SummariesAsync()).Count.ShouldBe(4);
    }
}
