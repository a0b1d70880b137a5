using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Browser.Tests;

/// <summary>
/// The answer library through the web pages: a handler proposes a Xiantao request answered on the spot (closed) as a standard
/// answer, the approver publishes it on /library, and a handler opening a new request about the same matter sees it offered and
/// takes it into the handling form. Screenshots of the propose form, the review list, the suggestion and the taxpayer profile.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LibraryScenarioTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string CreditCode = "91350100M000100Y43";

    [Fact]
    public async Task A_proposed_and_published_answer_is_offered_on_a_similar_new_request()
    {
        var hall = await fixture.Server.ApiClientAsync("xt.hall");
        var title = "专用发票额度不足答复口径 " + Guid.NewGuid().ToString("N")[..6];
        var closed = await RegisterAsync(hall, "申请开具增值税专用发票时系统提示额度不足，请协助处理。", "已指导纳税人通过电子税务局申请调整发票额度，当日办结。");

        await using (var handler = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server, output))
        {
            await handler.SignInAsync("xt.handler", $"/requests/{closed}");
            await handler.SubmitAsync("#request-propose");
            (await handler.Page.Locator("textarea[name=answer]").InputValueAsync()).ShouldContain("调整发票额度");
            await handler.Page.Locator("input[name=title]").FillAsync(title);
            await handler.Page.Locator("input[name=tags]").FillAsync("发票，额度");
            await handler.ScreenshotAsync("library-propose");
            await handler.SubmitAsync("#propose-submit");
            (await handler.Page.Locator("#library-done").InnerTextAsync()).ShouldContain("已提交推荐");
            await handler.AssertHealthyAsync("proposed");
        }

        await using (var approver = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server, output))
        {
            await approver.SignInAsync("xt.approver", "/library");
            var proposal = approver.Page.Locator("#library-proposals article", new PageLocatorOptions { HasText = title });
            await approver.WaitForAsync(proposal, "the proposal on the review list", timeout: 10_000);
            await approver.ScreenshotAsync("library-review");
            await approver.SubmitAsync($"#library-proposals article:has-text('{title}') button[id^=publish-]");
            (await approver.Page.Locator("#library-done").InnerTextAsync()).ShouldBe("已发布。");
            (await approver.Page.Locator("#library-published").InnerTextAsync()).ShouldContain(title);
            await approver.AssertHealthyAsync("published");
        }

        var similar = await RegisterAsync(hall, "开具增值税专用发票时提示额度不足，怎么处理？", null);
        await using var newcomer = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server, output);
        await newcomer.SignInAsync("xt.hall", $"/requests/{similar}");
        (await newcomer.Page.Locator("#suggested-list").InnerTextAsync()).ShouldContain(title);
        await newcomer.ScreenshotAsync("library-suggestion");
        await newcomer.SubmitAsync($"#suggested-list li:has-text('{title}') a[id^=use-answer-]");
        new Uri(newcomer.Page.Url).Query.ShouldStartWith("?answer=");
        await newcomer.AssertHealthyAsync("suggestion used");

        await newcomer.SubmitAsync("#request-credit-code");
        (await newcomer.Page.Locator("#profile-requests").InnerTextAsync()).ShouldContain("政策落实类");
        await newcomer.ScreenshotAsync("taxpayer-profile");
        await newcomer.AssertHealthyAsync("taxpayer profile");
    }

    /// <summary>A Xiantao policy request of the test taxpayer; answered on the spot (closed at once) when an answer is given.</summary>
    private static async Task<string> RegisterAsync(HttpClient client, string text, string? onTheSpotAnswer)
    {
        var response = await client.PostAsJsonAsync("/api/requests", new
        {
            taxpayerName = "仙桃市某某科技有限公司",
            contact = "0728-3312345",
            text,
            receivedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            channel = "Hotline12366",
            categoryCode = "POLICY",
            creditCode = CreditCode,
            onTheSpotAnswer,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }
}
