using System.Net;
using Bpm.Server.Elsa;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Elsa;

public sealed class UnknownElsaRouteTests : IDisposable
{
    private readonly BpmServerFactory _factory = new();

    [Fact]
    public async Task A_route_Bpm_does_not_serve_is_a_404_and_is_remembered_once_by_its_shape()
    {
        var client = await _factory.SignedInAsync("xt.owner");

        var first = await client.GetAsync("/elsa/api/resilience/retries/0123456789abcdef0123456789abcdef");
        var second = await client.GetAsync("/elsa/api/resilience/retries/fedcba9876543210fedcba9876543210");

        var problem = await first.ProblemAsync(HttpStatusCode.NotFound);
        problem.GetProperty("detail").GetString().ShouldBe("GET /elsa/api/resilience/retries/{id}");
        second.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        _factory.Services.GetRequiredService<UnknownElsaRoutes>().Seen.ShouldBe(["GET /elsa/api/resilience/retries/{id}"]);
    }

    [Fact]
    public async Task Without_a_token_Studio_gets_401_not_the_route_list()
    {
        var response = await _factory.CreateClient().GetAsync("/elsa/api/anything");

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
