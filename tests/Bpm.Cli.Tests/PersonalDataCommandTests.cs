using Bpm.Application;
using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli.Tests;

/// <summary><c>bpm personal-data status|encrypt</c> on a temporary SQLite database holding one request written before encryption.</summary>
[Collection(nameof(SettingsEnvironmentCollection))]
public sealed class PersonalDataCommandTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("bpm-cli-personal").FullName;

    private DatabaseOptions Database => new() { ConnectionString = $"Data Source={Path.Combine(_folder, "data", "bpm.db")}" };

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(
            Path.Combine(_folder, "appsettings.json"),
            """{ "Database": { "Provider": "Sqlite", "ConnectionString": "Data Source=data/bpm.db" } }""");
        Environment.SetEnvironmentVariable("BPM_SETTINGS", Path.Combine(_folder, "appsettings.json"));
        (await CliRunner.RunAsync("database", "migrate")).ExitCode.ShouldBe(0);
    }

    [Fact]
    public async Task Encrypt_turns_a_request_stored_in_clear_into_one_under_the_active_key_and_a_second_run_changes_nothing()
    {
        var services = new ServiceCollection().AddSingleton(TimeProvider.System).AddBpmPersistence(Database).AddBpmApplication().BuildServiceProvider();
        await using (services)
        {
            var bureau = new Bureau(Guid.NewGuid(), "xiantao", "国家税务总局仙桃市税务局", null, "XT");
            var unit = new Unit(Guid.NewGuid(), bureau.Id, "nsfwk", "纳税服务科", UnitKind.Section, UnitDuties.TaxService);
            var store = services.GetRequiredService<IBureauStore>();
            await store.AddBureauAsync(bureau, CancellationToken.None);
            await store.AddUnitAsync(unit, CancellationToken.None);
            await store.ReplaceCategoriesAsync(bureau.Id, [.. CategoryTaxonomies.For(bureau.Id, CategoryTaxonomies.Ulanqab)], CancellationToken.None);
            var request = await services.GetRequiredService<RequestRegistrationService>().RegisterAsync(bureau.Id, new RequestRegistration
            {
                TaxpayerName = "仙桃市恒达纺织有限公司",
                Contact = "13812345678",
                Text = "咨询研发费用加计扣除政策的适用范围。",
                ReceivedAt = TimeProvider.System.GetUtcNow().AddHours(-1),
                Channel = Channel.ServiceHall,
                CategoryCode = "ZCYW",
                ReceivingUnitId = unit.Id,
                ReceivingOfficer = "张三",
            }, CancellationToken.None);
            await using var db = PersistenceServices.CreateContext(Database);
            await db.Database.ExecuteSqlRawAsync(
                """UPDATE "TaxpayerRequests" SET "Contact" = '13812345678', "ContactDigest" = NULL WHERE "Id" = {0}""", [request.Id], CancellationToken.None);
        }

        (await CliRunner.RunAsync("personal-data", "status")).Output.ShouldContain("clear: 1 requests");
        var (exitCode, output, error) = await CliRunner.RunAsync("personal-data", "encrypt");
        error.ShouldBeEmpty();
        exitCode.ShouldBe(0);
        output.ShouldContain("1 requests examined, 1 rewritten");
        (await CliRunner.RunAsync("personal-data", "status")).Output.ShouldContain("dev: 1 requests");
        (await CliRunner.RunAsync("personal-data", "rotate", "--batch", "10")).Output.ShouldContain("1 requests examined, 0 rewritten");
        (await CliRunner.RunAsync("personal-data", "encrypt", "--batch", "0")).ExitCode.ShouldBe(2);
    }

    public Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("BPM_SETTINGS", null);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
