using System.Net;
using System.Text.Json;

namespace Bpm.Server.Tests;

public sealed class HealthAndErrorsTests : IDisposable
{
    private readonly BpmServerFactory _factory = new();

    [Fact]
    public async Task Health_answers_healthy_once_the_database_is_migrated()
    {
        var response = await _factory.CreateClient().GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
        body.RootElement.GetProperty("checks").GetProperty("database").GetProperty("description").GetString().ShouldBe("Sqlite reachable");
        File.Exists(_factory.DatabaseFile).ShouldBeTrue();
    }

    [Fact]
    public async Task Unknown_route_is_a_problem_details_404()
    {
        var response = await _factory.CreateClient().GetAsync("/no/such/thing");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task Health_is_503_when_the_database_cannot_be_opened()
    {
        // A folder where the database file should be: SQLite cannot open it.
        var folder = Directory.CreateTempSubdirectory("bpm-not-a-file").FullName;
        using var factory = new BpmServerFactory(new Dictionary<string, string?>
        {
            ["Database:ConnectionString"] = $"Data Source={folder};Mode=ReadOnly",
            ["Database:MigrateOnStartup"] = "false",
            ["Workflows:ImportOnStartup"] = "false",
            ["Demo:Enabled"] = "false",
        });

        var response = await factory.CreateClient().GetAsync("/health");

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        (await response.Content.ReadAsStringAsync()).ShouldContain("Unhealthy");
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
