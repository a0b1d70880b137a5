using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Browser.Tests;

/// <summary>
/// Handlers and an approver work a Xiantao policy request through the web pages only (registered over the API): each sees it in
/// the inbox in Chinese, opens it, claims and completes 受理登记 → 分派 → 办理 (with an extension the approver approves) →
/// 结果反馈 → 回访, and the request ends 已归档. Screenshots of the inbox and the request page go to artifacts/screenshots/.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class HandlerScenarioTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_request_goes_from_the_inbox_along_the_normal_path_with_an_approved_extension_to_closed()
    {
        var registered = await RequestsApi.RegisterAsync(await fixture.Server.ApiClientAsync("xt.hall"), "POLICY");
        var number = registered.GetProperty("number").GetString()!;

        await using (var hall = await OpenRequestFromInboxAsync("xt.hall", number, screenshot: "handler-inbox"))
        {
            await hall.SubmitAsync("button[id^=claim-]");
            (await hall.Page.Locator("#request-done").InnerTextAsync()).ShouldBe("已认领该任务。");
            await hall.ScreenshotAsync("handler-request-page");
            await CompleteAsync(hall, "Transfer");
        }

        await using (var dispatcher = await OpenRequestFromInboxAsync("xt.dispatcher", number))
        {
            var leadUnit = await dispatcher.Page.Locator("select[name='data.leadUnit'] option", new PageLocatorOptions { HasText = "所得税科" }).GetAttributeAsync("value");
            await dispatcher.Page.Locator("select[name='data.leadUnit']").SelectOptionAsync(leadUnit!);
            await CompleteAsync(dispatcher, "Dispatched");
        }

        string dueBefore;
        await using (var handler = await OpenRequestFromInboxAsync("xt.handler", number))
        {
            dueBefore = await handler.Page.Locator("#request-open-tasks tbody tr td").Nth(4).InnerTextAsync();
            await handler.Page.Locator("input[name='data.days']").FillAsync("2");
            await handler.Page.Locator("textarea[name='data.reason']").FillAsync("需外部门协查");
            await CompleteAsync(handler, "Extend");
        }

        await using (var approver = await OpenRequestFromInboxAsync("xt.approver", number))
        {
            (await approver.Page.Locator("#request-open-tasks").InnerTextAsync()).ShouldContain("延期审批");
            await approver.ScreenshotAsync("approver-request-page");
            await CompleteAsync(approver, "Approved");
        }

        await using (var handler = await OpenRequestFromInboxAsync("xt.handler", number))
        {
            var history = await handler.Page.Locator("#request-deadline-changes").InnerTextAsync();
            history.ShouldContain("延期获批");
            history.ShouldContain("仙桃 纳服科科长");
            var dueAfter = await handler.Page.Locator("#request-open-tasks tbody tr td").Nth(4).InnerTextAsync();
            string.CompareOrdinal(dueAfter, dueBefore).ShouldBeGreaterThan(0, $"the extended due {dueAfter} is after {dueBefore}");
            await handler.Page.Locator("textarea[name='data.result']").FillAsync("已为纳税人解读政策并办结");
            await CompleteAsync(handler, "Resolved");
        }

        await using (var hall = await OpenRequestFromInboxAsync("xt.hall", number))
        {
            await hall.Page.Locator("select[name='data.method']").SelectOptionAsync("电话");
            await hall.Page.Locator("textarea[name='data.content']").FillAsync("已电话告知办理结果");
            await CompleteAsync(hall, "Done");
        }

        await using var revisit = await OpenRequestFromInboxAsync("xt.dispatcher", number);
        await revisit.Page.Locator("select[name='data.satisfaction']").SelectOptionAsync("满意");
        await CompleteAsync(revisit, "Satisfied");
        (await revisit.Page.Locator("#request-status").InnerTextAsync()).ShouldBe("已归档");
        (await revisit.Page.Locator("#request-journal").InnerTextAsync()).ShouldContain("回访");
        await revisit.ScreenshotAsync("request-page-closed");
        await revisit.AssertHealthyAsync("closed request page");
    }

    [Fact]
    public async Task The_handler_pages_work_in_English()
    {
        var registered = await RequestsApi.RegisterAsync(await fixture.Server.ApiClientAsync("xt.hall"), "POLICY");
        var number = registered.GetProperty("number").GetString()!;
        await using var browser = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server, output);
        await browser.SignInAsync("xt.hall", "/inbox");

        await browser.GotoAsync("/ui/culture?name=en&returnUrl=%2Finbox");

        (await browser.Page.Locator("h1").InnerTextAsync()).ShouldBe("My tasks");
        await browser.SubmitAsync($"#inbox a:text-is('{number}')");
        (await browser.Page.Locator("#request-registration h2").InnerTextAsync()).ShouldBe("Registration");
        (await browser.Page.Locator("button[data-outcome=Transfer]").InnerTextAsync()).ShouldBe("Pass on for dispatch");
        await browser.ScreenshotAsync("handler-request-page-en");
        await browser.AssertHealthyAsync("request page in English");
    }

    /// <summary>Signs in as <paramref name="userName"/>, finds the request in the inbox by its number and opens its page.</summary>
    private async Task<BrowserSession> OpenRequestFromInboxAsync(string userName, string number, string? screenshot = null)
    {
        var browser = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server, output);
        await browser.SignInAsync(userName, "/inbox");
        var link = browser.Page.Locator($"#inbox a:text-is('{number}')");
        await browser.WaitForAsync(link, $"{number} in {userName}'s inbox", timeout: 10_000);
        (await browser.Page.Locator("#inbox thead").InnerTextAsync()).ShouldContain("诉求编号");
        if (screenshot is not null)
        {
            await browser.ScreenshotAsync(screenshot);
        }

        await browser.SubmitAsync($"#inbox a:text-is('{number}')");
        (await browser.Page.Locator("#request-number").InnerTextAsync()).ShouldBe(number);
        return browser;
    }

    /// <summary>Clicks the outcome's button of the open task's form; the page comes back with the success message.</summary>
    private static async Task CompleteAsync(BrowserSession browser, string outcome)
    {
        await browser.SubmitAsync($"form[id^=complete-] button[data-outcome={outcome}]");
        (await browser.Page.Locator("#request-done").InnerTextAsync()).ShouldBe("已提交办理结果。", $"{outcome}: {await browser.Page.Locator(".ui-errors").AllInnerTextsAsync() is var errors && errors.Count > 0}");
        await browser.AssertHealthyAsync(outcome);
    }
}
