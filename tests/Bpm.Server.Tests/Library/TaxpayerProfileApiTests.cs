using System.Net;
using System.Net.Http.Json;
using Bpm.Domain.Requests;
using Bpm.Server.Library;
using Bpm.Testing;

namespace Bpm.Server.Tests.Library;

/// <summary>
/// A taxpayer's profile (credit code 91350100M000100Y43) over the API: only requests of the user's subtree, newest first, with
/// counts by type, tags and repeats in the last 12 months; an invalid code → 400 naming creditCode.
/// </summary>
public sealed class TaxpayerProfileApiTests : IDisposable
{
    private const string Code = "91350100M000100Y43";
    private readonly BpmServerFactory _factory = new(time: new ManualTimeProvider(ApiClient.Now));

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }

    [Fact]
    public async Task The_profile_lists_the_taxpayers_requests_of_the_subtree_newest_first_with_counts_tags_and_repeats()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var older = await hall.RegisterClosedAsync("POLICY", LibraryApi.InvoiceText, ("creditCode", Code), ("receivedAt", ApiClient.Now.AddDays(-40)));
        var newer = await hall.RegisterAsync(ApiClient.Registration("POLICY", ("creditCode", Code.ToLowerInvariant()), ("receivedAt", ApiClient.Now.AddHours(-2))));
        var longAgo = await hall.RegisterClosedAsync("POLICY", "咨询去年的退税进度。", ("creditCode", Code), ("receivedAt", ApiClient.Now.AddMonths(-13)));
        await hall.RegisterAsync(ApiClient.Registration("POLICY", ("creditCode", "91440300708461136T")));
        await hall.PutAsJsonAsync($"/api/requests/{newer.Id}/tags", new { tags = new[] { "发票" } });
        await hall.PutAsJsonAsync($"/api/requests/{older.Id}/tags", new { tags = new[] { "发票", "额度" } });
        var ulanqab = await _factory.SignedInAsync("wlcb.handler");
        var elsewhere = await ulanqab.RegisterAsync(ApiClient.Registration("ZCYW", ("creditCode", Code)));

        var profile = (await hall.GetFromJsonAsync<TaxpayerProfileDto>($"/api/taxpayers/{Code}", ApiClient.Json))!;
        var seenFromUlanqab = (await ulanqab.GetFromJsonAsync<TaxpayerProfileDto>($"/api/taxpayers/{Code}", ApiClient.Json))!;

        profile.Requests.Select(r => r.Id).ShouldBe([newer.Id, older.Id, longAgo.Id]);
        (profile.RequestCount, profile.RequestsInLast12Months, profile.RepeatsInLast12Months).ShouldBe((3, 2, 1));
        profile.CountsByType.ShouldBe(new Dictionary<RequestType, int> { [RequestType.Policy] = 3 });
        profile.Tags.Select(t => (t.Name, t.Count)).ShouldBe([("发票", 2), ("额度", 1)]);
        profile.Requests[1].Outcome.ShouldBe(LibraryApi.OnTheSpotAnswer);
        profile.Requests[1].Status.ShouldBe(RequestStatus.Closed);
        seenFromUlanqab.Requests.Select(r => r.Id).ShouldBe([elsewhere.Id]);
    }

    [Fact]
    public async Task An_invalid_code_is_refused_and_a_taxpayer_without_visible_requests_has_an_empty_profile()
    {
        await (await _factory.SignedInAsync("wlcb.handler")).RegisterAsync(ApiClient.Registration("ZCYW", ("creditCode", Code)));
        var hall = await _factory.SignedInAsync("xt.hall");

        var invalid = await hall.GetAsync("/api/taxpayers/91350100M000100Y44");
        var empty = (await hall.GetFromJsonAsync<TaxpayerProfileDto>($"/api/taxpayers/{Code}", ApiClient.Json))!;

        (await invalid.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["creditCode"]);
        (empty.RequestCount, empty.TaxpayerName, empty.Requests.Count).ShouldBe((0, (string?)null, 0));
    }
}
