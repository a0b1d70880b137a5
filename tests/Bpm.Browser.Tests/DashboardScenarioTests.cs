using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Browser.Tests;

/// <summary>
/// Issue 6's analyst scenario: requests of several types are registered, xt.analyst opens the dashboard, the ECharts
/// charts draw (a canvas each, no page error), and clicking the 信息化建设类 slice of "by type" opens the request list
/// filtered to that type, bureau and period.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DashboardScenarioTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task An_analyst_opens_the_dashboard_and_a_click_on_a_chart_segment_opens_the_matching_request_list()
    {
        var hall = await fixture.Server.ApiClientAsync("xt.hall");
        foreach (var category in new[] { "IT", "IT", "POLICY", "OTHER" })
        {
            await RequestsApi.RegisterAsync(hall, category);
        }

        await using var browser = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server, output);
        await browser.SignInAsync("xt.analyst", "/dashboard");
        foreach (var chart in new[] { "type", "channel", "status", "industry", "size", "trend" })
        {
            await browser.WaitForAsync(browser.Page.Locator($"#chart-{chart} canvas"), $"chart {chart}");
        }

        int.Parse(await browser.Page.Locator("#table-type tr:has(th:text-is('信息化建设类')) td a").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThanOrEqualTo(2);
        await browser.AssertHealthyAsync("dashboard with charts");
        await browser.ScreenshotAsync("dashboard-1-charts");

        // The slice's middle, from the chart's own layout: angle halfway round the slice, radius halfway through the ring.
        var point = await browser.Page.EvaluateAsync<double[]>("""
            name => {
              const chart = echarts.getInstanceByDom(document.getElementById('chart-type'));
              const data = chart.getModel().getSeriesByIndex(0).getData();
              const index = data.indexOfName(name);
              const layout = data.getItemLayout(index);
              const angle = (layout.startAngle + layout.endAngle) / 2;
              const radius = (layout.r0 + layout.r) / 2;
              return [layout.cx + radius * Math.cos(angle), layout.cy + radius * Math.sin(angle)];
            }
            """, "信息化建设类");
        var box = (await browser.Page.Locator("#chart-type").BoundingBoxAsync())!;
        await browser.Page.Mouse.ClickAsync((float)(box.X + point[0]), (float)(box.Y + point[1]));
        await browser.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/requests");

        var query = System.Web.HttpUtility.ParseQueryString(new Uri(browser.Page.Url).Query);
        query["type"].ShouldBe("InformationTechnology");
        Guid.TryParse(query["bureau"], out _).ShouldBeTrue();
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai")).DateTime);
        query["receivedFrom"].ShouldBe(new DateOnly(today.Year, today.Month, 1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        query["receivedTo"].ShouldBe(today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await browser.ScreenshotAsync("dashboard-2-drill-down");
    }
}
