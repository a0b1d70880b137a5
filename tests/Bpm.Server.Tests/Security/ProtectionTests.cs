using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bpm.Server.Tests.WebUi;
using WebClient = Bpm.Server.Tests.WebUi.WebClient;

namespace Bpm.Server.Tests.Security;

/// <summary>Security headers on every response, CORS closed except for the configured Studio origin, body size limits, antiforgery.</summary>
public sealed class ProtectionTests : IDisposable
{
    private const string StudioOrigin = "https://studio.bureau.example";

    private readonly BpmServerFactory _factory = new(new Dictionary<string, string?>
    {
        ["Studio:AllowedOrigins:0"] = StudioOrigin,
        ["Limits:MaxJsonBodyBytes"] = "4096",
        ["Limits:MaxLargeBodyBytes"] = "65536",
    });

    [Theory]
    [InlineData("/account/login", HttpStatusCode.OK)]
    [InlineData("/api/me", HttpStatusCode.Unauthorized)]
    [InlineData("/ui/bpm.css", HttpStatusCode.OK)]
    [InlineData("/no/such/page", HttpStatusCode.NotFound)]
    public async Task Every_response_carries_the_security_headers(string path, HttpStatusCode status)
    {
        var response = await _factory.WebClientFor().GetAsync(path);

        response.StatusCode.ShouldBe(status);
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
        response.Headers.GetValues("Referrer-Policy").ShouldBe(["no-referrer"]);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        policy.ShouldContain("script-src 'self';");
        policy.ShouldContain("frame-ancestors 'none'");
        response.Headers.Contains("Strict-Transport-Security").ShouldBeFalse();
    }

    [Fact]
    public async Task Studio_pages_get_a_policy_that_lets_blazor_webassembly_run()
    {
        var web = await _factory.WebSignedInAsync("xt.owner");

        var response = await web.GetAsync("/studio/");

        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("'wasm-unsafe-eval'");
        response.Headers.GetValues("X-Frame-Options").ShouldBe(["DENY"]);
    }

    [Fact]
    public async Task Https_responses_carry_strict_transport_security()
    {
        var client = _factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost") });

        var response = await client.GetAsync("/account/login");

        response.Headers.GetValues("Strict-Transport-Security").Single().ShouldStartWith("max-age=");
    }

    [Fact]
    public async Task Cors_allows_only_the_studio_origin_and_only_on_the_elsa_api()
    {
        var client = _factory.CreateClient();

        var studio = await client.SendAsync(Preflight("/elsa/api/workflow-definitions", StudioOrigin));
        studio.Headers.GetValues("Access-Control-Allow-Origin").ShouldBe([StudioOrigin]);

        var stranger = await client.SendAsync(Preflight("/elsa/api/workflow-definitions", "https://evil.example"));
        stranger.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();

        var api = await client.SendAsync(Preflight("/api/requests", StudioOrigin));
        api.Headers.Contains("Access-Control-Allow-Origin").ShouldBeFalse();
    }

    [Fact]
    public async Task A_body_over_the_limit_is_a_413_problem_and_nothing_is_registered()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var before = (await hall.ListAsync()).TotalCount;

        var body = JsonSerializer.Serialize(ApiClient.Registration("SERVICE", ("text", new string('税', 3000))), ApiClient.Json);
        var response = await hall.PostAsync("/api/requests", new StringContent(body, Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("detail").GetString().ShouldBe("at most 4096 bytes");
        (await hall.ListAsync()).TotalCount.ShouldBe(before);

        var definition = new StringContent("{\"name\":\"" + new string('x', 10_000) + "\"}", Encoding.UTF8, "application/json");
        var large = await (await _factory.SignedInAsync("xt.owner")).PostAsync("/elsa/api/workflow-definitions", definition);
        large.StatusCode.ShouldNotBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_web_form_posted_without_its_antiforgery_token_is_refused_and_stores_nothing()
    {
        var web = await _factory.WebSignedInAsync("xt.hall");
        var html = await web.PageAsync("/requests/new");
        var hall = await _factory.SignedInAsync("xt.hall");
        var before = (await hall.ListAsync()).TotalCount;

        var response = await web.SubmitAsync("/requests/new", html, "register", [new(WebClient.AntiforgeryField, "")]);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await hall.ListAsync()).TotalCount.ShouldBe(before);
    }

    private static HttpRequestMessage Preflight(string path, string origin)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return request;
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
