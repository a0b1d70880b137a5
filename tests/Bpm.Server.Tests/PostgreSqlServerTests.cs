using System.Net;
using System.Net.Http.Json;
using Bpm.Domain.Requests;
using Bpm.Server.Api;
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

    [PostgresFact]
    public async Task Sign_in_register_read_and_list_on_PostgreSql()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        using var factory = new BpmServerFactory(
            new Dictionary<string, string?>
            {
                ["Database:Provider"] = "PostgreSql",
                ["Database:ConnectionString"] = database.Options.ConnectionString,
            },
            time: new ManualTimeProvider(ApiClient.Now));
        var hall = await factory.SignedInAsync("xt.hall");

        var created = await hall.RegisterAsync(ApiClient.Registration("POLICY"));
        var closed = await hall.RegisterAsync(ApiClient.Registration("SERVICE", ("onTheSpotAnswer", "已当场答复")));

        created.Number.ShouldBe("XT-2026-000001");
        closed.Number.ShouldBe("XT-2026-000002");
        closed.Status.ShouldBe(RequestStatus.Closed);
        ApiClient.Same(await hall.GetFromJsonAsync<RequestDto>($"/api/requests/{created.Id}", ApiClient.Json), created);
        (await hall.ListAsync("?status=Closed")).Items.Single().Id.ShouldBe(closed.Id);
        (await (await factory.SignedInAsync("wlcb.admin")).ListAsync()).TotalCount.ShouldBe(0);
    }
}
