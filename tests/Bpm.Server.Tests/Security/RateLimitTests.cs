using System.Net;
using System.Net.Http.Json;

namespace Bpm.Server.Tests.Security;

/// <summary>The sign-in rate limit per client address: the attempt over the limit gets 429 with Retry-After, whatever the password.</summary>
public sealed class RateLimitTests : IDisposable
{
    private readonly BpmServerFactory _factory = new(new Dictionary<string, string?> { ["Limits:SignInPerMinute"] = "3" });

    [Fact]
    public async Task The_fourth_sign_in_within_a_minute_gets_429_with_retry_after()
    {
        var client = _factory.CreateClient();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            (await client.PostAsJsonAsync("/api/auth/token", new { userName = "xt.hall", password = "Wrong@2026x" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        var refused = await client.PostAsJsonAsync("/api/auth/token", new { userName = "xt.hall", password = ApiClient.DemoPassword });

        var problem = await refused.ProblemAsync(HttpStatusCode.TooManyRequests);
        problem.GetProperty("title").GetString()!.ShouldContain("too many requests");
        int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
