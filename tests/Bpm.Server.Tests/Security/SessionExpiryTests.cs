using System.Net;
using Bpm.Server.Tests.WebUi;
using Bpm.Testing;

namespace Bpm.Server.Tests.Security;

/// <summary>Idle timeout of the web session (30 minutes, sliding) and expiry of API tokens (8 hours), on the server's clock.</summary>
public sealed class SessionExpiryTests : IDisposable
{
    private readonly ManualTimeProvider _clock = new(ApiClient.Now);
    private readonly BpmServerFactory _factory;

    public SessionExpiryTests() => _factory = new BpmServerFactory(time: _clock);

    [Fact]
    public async Task A_web_session_ends_after_thirty_idle_minutes_but_not_while_in_use()
    {
        var web = await _factory.WebSignedInAsync("xt.hall");

        for (var step = 0; step < 3; step++)
        {
            _clock.Advance(TimeSpan.FromMinutes(20));
            await web.PageAsync("/inbox");
        }

        _clock.Advance(TimeSpan.FromMinutes(31));
        var response = await web.GetAsync("/inbox");
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/login");
    }

    [Fact]
    public async Task An_api_token_expires_after_its_lifetime()
    {
        var client = await _factory.SignedInAsync("xt.hall");
        _clock.Advance(TimeSpan.FromHours(7.9));
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.OK);

        _clock.Advance(TimeSpan.FromHours(0.2));
        (await client.GetAsync("/api/me")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
