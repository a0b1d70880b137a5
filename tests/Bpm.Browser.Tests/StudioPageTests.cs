using Xunit.Abstractions;

namespace Bpm.Browser.Tests;

/// <summary>Studio's elements on our host pages, talking to /elsa/api with the signed-in user's token.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioPageTests(BrowserFixture fixture, ITestOutputHelper output)
{
    /// <summary>The names of the six request workflows in workflows/.</summary>
    public static readonly string[] SixWorkflows = ["政策落实类诉求", "执法规范类诉求", "纳税服务类诉求", "信息化建设类诉求", "法律救济类诉求", "其他类诉求"];

    [Fact]
    public async Task The_definition_list_shows_the_six_workflows()
    {
        await using var browser = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server, output);
        await browser.SignInAsync("xt.owner", "/studio/");

        foreach (var name in SixWorkflows)
        {
            await browser.WaitForAsync(browser.Page.Locator("elsa-workflow-definition-list").GetByText(name, new() { Exact = true }).First, "definition list");
        }

        await browser.ScreenshotAsync("studio-definition-list");
        await browser.AssertHealthyAsync("definition list");
    }
}
