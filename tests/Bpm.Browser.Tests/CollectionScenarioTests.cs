using Bpm.Application.Collections;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Bpm.Browser.Tests;

/// <summary>
/// Issue 7's monthly collection: the periodic job opens this month's tasks (on the real clock, any day after the month's
/// first working day, 09:00), 所得税科's handler sends last month's figures on /collections, and the tax-service
/// department sees the unit as sent.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CollectionScenarioTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_unit_sends_its_monthly_collection_and_the_tax_service_department_sees_it_sent()
    {
        await fixture.Server.Services.GetRequiredService<PeriodicDuties>().RunAsync(CancellationToken.None);

        await using var browser = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server, output);
        await browser.SignInAsync("xt.handler", "/collections");
        await browser.WaitForAsync(browser.Page.Locator("#collection-submit"), "the unit's collection form");
        await browser.ScreenshotAsync("collections-1-form");
        await browser.Page.Locator("input[name=requestCount]").FillAsync("14");
        await browser.Page.Locator("textarea[name=riskPoints]").FillAsync("发票额度诉求集中，存在舆情风险");
        await browser.SubmitAsync("#collection-submit button[type=submit]");

        (await browser.Page.Locator("#collection-done").InnerTextAsync()).ShouldContain("已报送");
        (await browser.Page.Locator("#collections tr:has-text('所得税科')").InnerTextAsync()).ShouldContain("发票额度诉求集中");
        await browser.AssertHealthyAsync("collection sent");
        await browser.ScreenshotAsync("collections-2-sent");

        await using var dispatcher = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server, output);
        await dispatcher.SignInAsync("xt.dispatcher", "/collections");
        (await dispatcher.Page.Locator("#collection-counts").InnerTextAsync()).ShouldContain("已报送 1 个单位");
        await dispatcher.AssertHealthyAsync("tax-service department's view");
        await dispatcher.ScreenshotAsync("collections-3-department");
    }
}
