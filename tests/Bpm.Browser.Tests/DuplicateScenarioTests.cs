using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace Bpm.Browser.Tests;

/// <summary>
/// A taxpayer calls twice about one matter in other words: the hall officer sees the second request marked 疑似重复诉求 with its
/// similarity and a link to the first, merges it there with a reason, and the page shows it 已合并 with the link to the target.
/// Screenshots of the request page before and after go to artifacts/screenshots/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DuplicateScenarioTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static async Task<JsonElement> RegisterAsync(HttpClient client, string text, TimeSpan before)
    {
        var response = await client.PostAsJsonAsync("/api/requests", new
        {
            taxpayerName = "仙桃市恒达纺织有限公司",
            contact = "13907281234",
            text,
            receivedAt = DateTimeOffset.UtcNow - before,
            channel = "Hotline12366",
            categoryCode = "POLICY",
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task A_hall_officer_sees_a_likely_duplicate_and_merges_it_into_the_first_request()
    {
        var api = await fixture.Server.ApiClientAsync("xt.hall");
        var first = await RegisterAsync(api, "电子税务局开具增值税专用发票时提示税控设备异常，无法开票，请尽快处理。", TimeSpan.FromDays(1));
        var second = await RegisterAsync(api, "你好，我们公司在电子税务局开专票的时候一直提示税控设备异常，发票开不出来，麻烦帮忙看一下。", TimeSpan.FromMinutes(5));
        var firstNumber = first.GetProperty("number").GetString()!;
        await using var hall = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server, output);
        await hall.SignInAsync("xt.hall", $"/requests/{second.GetProperty("id").GetString()}");

        var duplicates = await hall.Page.Locator("#related-duplicates").InnerTextAsync();
        duplicates.ShouldContain("疑似重复诉求");
        duplicates.ShouldContain(firstNumber);
        duplicates.ShouldContain("相似度");
        await hall.ScreenshotAsync("duplicate-request-page");
        await hall.Page.Locator("textarea[name=mergeReason]").FillAsync("同一纳税人就同一事项再次来电");
        await hall.SubmitAsync("#merge-form button[type=submit]");

        (await hall.Page.Locator("#request-status").InnerTextAsync()).ShouldBe("已合并");
        (await hall.Page.Locator("#related-merged-into").InnerTextAsync()).ShouldContain(firstNumber);
        await hall.ScreenshotAsync("duplicate-request-merged");
        await hall.AssertHealthyAsync("merge");
    }
}
