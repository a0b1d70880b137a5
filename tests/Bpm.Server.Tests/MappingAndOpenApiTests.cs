using System.Net;
using System.Text.Json;
using Bpm.Server.Hosting;

namespace Bpm.Server.Tests;

public sealed class MappingAndOpenApiTests
{
    [Fact]
    public void Every_AutoMapper_profile_maps_every_destination_member()
    {
        ApiSetup.CreateMapperConfiguration().AssertConfigurationIsValid();
    }

    [Fact]
    public async Task The_OpenAPI_document_is_anonymous_and_lists_the_api()
    {
        using var factory = new BpmServerFactory();

        var response = await factory.CreateClient().GetAsync("/openapi/v1.json");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        paths.ShouldContain("/api/auth/token");
        paths.ShouldContain("/api/requests");
        paths.ShouldContain("/api/requests/{id}");
        paths.ShouldContain("/api/bureaus");
        paths.ShouldContain("/api/me");
        factory.Dispose();
        factory.DeleteDatabase();
    }
}
