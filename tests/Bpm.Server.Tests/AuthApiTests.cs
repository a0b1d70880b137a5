using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Testing;

namespace Bpm.Server.Tests;

public sealed class AuthApiTests : IDisposable
{
    private readonly ManualTimeProvider _clock = new(ApiClient.Now);
    private readonly BpmServerFactory _factory;

    public AuthApiTests() => _factory = new BpmServerFactory(time: _clock);

    [Fact]
    public async Task A_demo_user_gets_a_bearer_token_valid_for_the_configured_lifetime()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "xt.hall", password = ApiClient.DemoPassword });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        body.GetProperty("tokenType").GetString().ShouldBe("Bearer");
        body.GetProperty("accessToken").GetString().ShouldNotBeNullOrWhiteSpace();
        body.GetProperty("expiresIn").GetInt64().ShouldBe(8 * 3600);
    }

    [Fact]
    public async Task Me_shows_the_signed_in_user_with_bureau_unit_and_roles()
    {
        var client = await _factory.SignedInAsync("XT.Hall");

        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");

        me.GetProperty("userName").GetString().ShouldBe("xt.hall");
        me.GetProperty("displayName").GetString().ShouldBe("仙桃 办税服务厅");
        me.GetProperty("bureau").GetProperty("code").GetString().ShouldBe("xiantao");
        me.GetProperty("bureau").GetProperty("name").GetString().ShouldBe("国家税务总局仙桃市税务局");
        me.GetProperty("unit").GetProperty("code").GetString().ShouldBe("nsfwzx");
        me.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Handler"]);

        var admin = await (await _factory.SignedInAsync("wlcb.admin")).GetFromJsonAsync<JsonElement>("/api/me");
        admin.GetProperty("unit").ValueKind.ShouldBe(JsonValueKind.Null);
        admin.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["Administrator"]);
    }

    [Theory]
    [InlineData("xt.hall", "wrong-password")]
    [InlineData("no.such.user", ApiClient.DemoPassword)]
    public async Task A_wrong_password_and_an_unknown_user_get_the_same_401(string userName, string password)
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password });

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("title").GetString().ShouldBe(Bpm.Server.Api.AuthEndpoints.SignInFailed);
        problem.TryGetProperty("detail", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task Blank_user_name_and_missing_password_are_a_400_naming_both()
    {
        var response = await _factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "  " });

        (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["password", "userName"]);
    }

    [Theory]
    [InlineData("/api/me")]
    [InlineData("/api/requests")]
    [InlineData("/api/bureaus")]
    [InlineData("/api/requests/0197a4b1-0000-7000-8000-000000000001")]
    public async Task The_api_without_a_token_is_a_401_problem(string path)
    {
        var response = await _factory.CreateClient().GetAsync(path);

        (await response.ProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("status").GetInt32().ShouldBe(401);
    }

    [Fact]
    public async Task A_forged_token_is_a_401()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");

        await (await client.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_expires_after_its_lifetime_on_the_servers_clock()
    {
        var client = await _factory.SignedInAsync("xt.hall");
        _clock.Advance(TimeSpan.FromHours(8) - TimeSpan.FromSeconds(1));
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        _clock.Advance(TimeSpan.FromSeconds(2));

        await (await client.GetAsync("/api/me")).ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_token_lifetime_comes_from_the_Auth_section()
    {
        using var factory = new BpmServerFactory(new Dictionary<string, string?> { ["Auth:TokenLifetime"] = "00:30:00" });

        var response = await factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "xt.hall", password = ApiClient.DemoPassword });

        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("expiresIn").GetInt64().ShouldBe(1800);
        factory.Dispose();
        factory.DeleteDatabase();
    }

    [Fact]
    public async Task Registering_needs_the_Handler_role()
    {
        var analyst = await _factory.SignedInAsync("xt.analyst");

        var response = await analyst.PostAsJsonAsync("/api/requests", ApiClient.Registration("POLICY"));

        await response.ProblemAsync(HttpStatusCode.Forbidden);
        (await analyst.ListAsync()).TotalCount.ShouldBe(0);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
