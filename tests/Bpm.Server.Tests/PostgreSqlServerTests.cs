using System.Net;
using Bpm.Application.Bureaus;
using Bpm.Persistence;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests;

/// <summary>The same server on a real PostgreSQL database: migrated at start, demo seeded, healthy.</summary>
public sealed class PostgreSqlServerTests
{
    [PostgresFact]
    public async Task The_server_migrates_seeds_and_answers_health_on_PostgreSql()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        using var factory = new BpmServerFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = database.Options.ConnectionString,
        });

        var response = await factory.CreateClient().GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync()).ShouldContain("PostgreSql reachable");
        await using var scope = factory.Services.CreateAsyncScope();
        var tree = await scope.ServiceProvider.GetRequiredService<IBureauStore>().LoadTreeAsync(CancellationToken.None);
        tree.Bureaus.Select(b => b.Code).Order().ShouldBe(["jining", "national", "ulanqab", "xiantao"]);
    }
}
