using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Server.Tests.WebUi;
using WebClient = Bpm.Server.Tests.WebUi.WebClient;
using Bpm.Testing;

namespace Bpm.Server.Tests.Security;

/// <summary>
/// Lockout: the 5th wrong password in a row locks the account for 15 minutes, on the token endpoint and the web login alike,
/// with the same answer as an unknown user; the security admin can unlock it; the lock is in the database.
/// </summary>
public sealed class LockoutTests : IDisposable
{
    private readonly ManualTimeProvider _clock = new(ApiClient.Now);
    private readonly BpmServerFactory _factory;

    public LockoutTests() => _factory = new BpmServerFactory(time: _clock);

    private Task<HttpResponseMessage> TokenAsync(string userName, string password) =>
        _factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName, password });

    private async Task FailFiveTimesAsync(string userName)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            (await TokenAsync(userName, "Wrong@2026x")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_for_fifteen_minutes_with_the_unknown_user_answer()
    {
        await FailFiveTimesAsync("xt.hall");

        var locked = await (await TokenAsync("xt.hall", ApiClient.DemoPassword)).ProblemAsync(HttpStatusCode.Unauthorized);
        var unknown = await (await TokenAsync("no.such.user", ApiClient.DemoPassword)).ProblemAsync(HttpStatusCode.Unauthorized);
        locked.GetProperty("title").GetString().ShouldBe(unknown.GetProperty("title").GetString());

        var web = _factory.WebClientFor();
        var login = await web.GetStringAsync("/account/login");
        var webAttempt = await web.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [WebClient.AntiforgeryField] = WebClient.HiddenValue(login, WebClient.AntiforgeryField)!,
            ["userName"] = "xt.hall",
            ["password"] = ApiClient.DemoPassword,
        }));
        webAttempt.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        _clock.Advance(TimeSpan.FromMinutes(14));
        (await TokenAsync("xt.hall", ApiClient.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        _clock.Advance(TimeSpan.FromMinutes(1.5));
        (await TokenAsync("xt.hall", ApiClient.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_success_resets_the_count_and_four_failures_do_not_lock()
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            (await TokenAsync("xt.handler", "Wrong@2026x")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await TokenAsync("xt.handler", ApiClient.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
        for (var attempt = 0; attempt < 4; attempt++)
        {
            (await TokenAsync("xt.handler", "Wrong@2026x")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        (await TokenAsync("xt.handler", ApiClient.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_security_admin_unlocks_and_resets_within_the_subtree_and_others_cannot()
    {
        await FailFiveTimesAsync("xt.dispatcher");
        var security = await _factory.SignedInAsync("xt.security");
        var me = await (await _factory.SignedInAsync("xt.analyst")).GetFromJsonAsync<JsonElement>("/api/me");
        var dispatcherId = await UserIdAsync("xt.dispatcher");

        (await (await _factory.SignedInAsync("xt.admin")).PostAsync($"/api/security/users/{dispatcherId}/unlock", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await _factory.SignedInAsync("wlcb.security")).PostAsync($"/api/security/users/{dispatcherId}/unlock", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await TokenAsync("xt.dispatcher", ApiClient.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await security.PostAsync($"/api/security/users/{dispatcherId}/unlock", null)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await TokenAsync("xt.dispatcher", ApiClient.DemoPassword)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var weak = await security.PostAsJsonAsync($"/api/security/users/{me.GetProperty("id").GetGuid()}/password", new { password = "password1" });
        (await weak.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["password"]);
        (await security.PostAsJsonAsync($"/api/security/users/{me.GetProperty("id").GetGuid()}/password", new { password = "Neu#Kennwort9" })).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await TokenAsync("xt.analyst", "Neu#Kennwort9")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_lock_survives_a_restart_of_the_server()
    {
        await FailFiveTimesAsync("xt.approver");

        using var restarted = new BpmServerFactory(databaseFile: _factory.DatabaseFile, time: _clock);
        (await restarted.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "xt.approver", password = ApiClient.DemoPassword }))
            .StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    private async Task<Guid> UserIdAsync(string userName)
    {
        var admin = await _factory.SignedInAsync("xt.admin");
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/admin/bureaus/xiantao/users");
        return users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == userName).GetProperty("id").GetGuid();
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
