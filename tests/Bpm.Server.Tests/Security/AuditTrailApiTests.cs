using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Application.Audit;
using Bpm.Server.Tests.WebUi;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Security;

/// <summary>
/// The audit log over HTTP: registrations, sign-ins and views of a request land in the chain; audit-admins read it (their
/// subtree only), nobody else does, and no route edits it.
/// </summary>
public sealed class AuditTrailApiTests : IDisposable
{
    private readonly BpmServerFactory _factory = new(time: new ManualTimeProvider(ApiClient.Now));

    [Fact]
    public async Task Viewing_a_request_by_api_and_web_page_fills_its_access_log_for_the_auditor_only()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var request = await hall.RegisterAsync(ApiClient.Registration("SERVICE"));
        (await (await _factory.SignedInAsync("xt.handler")).GetAsync($"/api/requests/{request.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await _factory.WebSignedInAsync("xt.approver")).PageAsync($"/requests/{request.Id}");
        (await (await _factory.SignedInAsync("wlcb.handler")).GetAsync($"/api/requests/{request.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var auditor = await _factory.SignedInAsync("xt.auditor");
        var log = await auditor.GetFromJsonAsync<JsonElement>($"/api/requests/{request.Id}/access-log");

        var views = log.GetProperty("items").EnumerateArray().Select(e => (e.GetProperty("actorName").GetString(), e.GetProperty("summary").GetString())).ToList();
        views.ShouldBe([("xt.approver", $"web: viewed {request.Number} (personal data in clear)"), ("xt.handler", $"api: viewed {request.Number} (personal data in clear)")]);
        (await hall.GetAsync($"/api/requests/{request.Id}/access-log")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await _factory.SignedInAsync("wlcb.auditor")).GetAsync($"/api/requests/{request.Id}/access-log")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_audit_log_shows_state_changes_and_sign_ins_of_the_auditors_subtree_and_verifies()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var request = await hall.RegisterAsync(ApiClient.Registration("SERVICE", ("contact", "13912345678")));
        (await _factory.CreateClient().PostAsJsonAsync("/api/auth/token", new { userName = "xt.hall", password = "wrong" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        await _factory.SignedInAsync("wlcb.handler");

        var auditor = await _factory.SignedInAsync("xt.auditor");
        var page = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?pageSize=200");
        var rows = page.GetProperty("items").EnumerateArray().ToList();

        rows.ShouldContain(r => r.GetProperty("kind").GetString() == "StateChange" && r.GetProperty("summary").GetString()!.StartsWith(request.Number + " registered", StringComparison.Ordinal));
        rows.ShouldContain(r => r.GetProperty("kind").GetString() == "SignInFailed" && r.GetProperty("subject").GetString() == "user:xt.hall");
        rows.ShouldContain(r => r.GetProperty("kind").GetString() == "SignIn" && r.GetProperty("actorName").GetString() == "xt.auditor");
        rows.ShouldNotContain(r => r.GetProperty("actorName").GetString() == "wlcb.handler");
        rows.ShouldAllBe(r => !r.GetProperty("summary").GetString()!.Contains("13912345678"));
        var failures = await auditor.GetFromJsonAsync<JsonElement>("/api/audit?kind=SignInFailed");
        failures.GetProperty("items").EnumerateArray().ShouldAllBe(r => r.GetProperty("kind").GetString() == "SignInFailed");

        var bad = await auditor.GetAsync("/api/audit?kind=Nothing&pageSize=0");
        (await bad.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["kind", "pageSize"], ignoreOrder: true);
        (await hall.GetAsync("/api/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await _factory.SignedInAsync("xt.admin")).GetAsync("/api/audit")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        await using var scope = _factory.Services.CreateAsyncScope();
        (await scope.ServiceProvider.GetRequiredService<AuditChainVerifier>().VerifyAsync(null, CancellationToken.None)).IsIntact.ShouldBeTrue();
    }

    [Theory]
    [InlineData("PUT")]
    [InlineData("DELETE")]
    [InlineData("PATCH")]
    public async Task No_route_edits_or_deletes_audit_rows_even_for_the_auditor(string method)
    {
        var auditor = await _factory.SignedInAsync("xt.auditor");

        var response = await auditor.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/audit/1"));

        response.StatusCode.ShouldBeOneOf(HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed);
        (await auditor.SendAsync(new HttpRequestMessage(new HttpMethod(method), "/api/audit"))).StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
