using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Browser.Tests;

/// <summary>
/// An administrator changes 仙桃's handling (办理) SLA in the browser and sees open deadlines move: two requests wait in
/// handling; xt.admin opens the tree, the bureau, the SLA page, edits the handling line from 2 to 4 working days, sees
/// the preview ("将使 … 2 个期限发生变化"), confirms, sees "2 个期限发生变化", and each request's handling task is due later.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AdminScenarioTests(BrowserFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task An_administrator_changes_xiantaos_handling_sla_and_sees_the_open_deadlines_move()
    {
        var hall = await fixture.Server.ApiClientAsync("xt.hall");
        var dispatcher = await fixture.Server.ApiClientAsync("xt.dispatcher");
        var admin = await fixture.Server.ApiClientAsync("xt.admin");
        var requestIds = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            var id = (await RequestsApi.RegisterAsync(hall, "POLICY")).GetProperty("id").GetString()!;
            await CompleteAsync(hall, admin, id, "Transfer");
            await CompleteAsync(dispatcher, admin, id, "Dispatched");
            requestIds.Add(id);
        }

        var before = new List<DateOnly>();
        foreach (var id in requestIds)
        {
            before.Add(HandlingDue(await RequestsApi.GetAsync(admin, id)));
        }

        await using var browser = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server, output);
        await browser.SignInAsync("xt.admin", "/admin");
        (await browser.Page.Locator("#admin-tree").InnerTextAsync()).ShouldContain("国家税务总局仙桃市税务局");
        await browser.AssertHealthyAsync("tree");
        await browser.ScreenshotAsync("admin-tree");

        await browser.Page.Locator("#admin-tree a[href='/admin/bureaus/xiantao']").First.ClickAsync();
        await browser.WaitForAsync(browser.Page.Locator("#admin-users"), "bureau page");
        (await browser.Page.Locator("#admin-users").InnerTextAsync()).ShouldContain("xt.handler");
        await browser.ScreenshotAsync("admin-bureau");

        await browser.GotoAsync("/admin/bureaus/xiantao/sla");
        var handlingRow = browser.Page.Locator("#admin-sla tr[data-type='Policy'][data-step='Handling']");
        (await handlingRow.GetAttributeAsync("data-own")).ShouldBe("own");
        (await browser.Page.Locator("#admin-sla tr[data-type='Policy'][data-step='Revisit']").InnerTextAsync()).ShouldContain("继承自");
        await browser.ScreenshotAsync("admin-sla");

        await handlingRow.Locator("a", new LocatorLocatorOptions { HasText = "修改" }).ClickAsync();
        await browser.WaitForAsync(browser.Page.Locator("#admin-edit"), "edit form");
        await browser.Page.Locator("input[name='PreviewForm.WorkingDays']").FillAsync("4");
        await PostAsync(browser, "#admin-preview-button");
        await browser.WaitForAsync(browser.Page.Locator("#admin-preview-count"), "preview");
        (await browser.Page.Locator("#admin-preview-count").InnerTextAsync()).ShouldMatch("此变更将使 \\d+ 个未办结任务中的 2 个期限发生变化");
        await browser.ScreenshotAsync("admin-sla-preview");

        await PostAsync(browser, "#admin-apply");
        await browser.WaitForAsync(browser.Page.Locator("#admin-moved"), "applied");
        (await browser.Page.Locator("#admin-moved").InnerTextAsync()).ShouldMatch("已重新计算：\\d+ 个未办结任务中 2 个期限发生变化");
        (await handlingRow.InnerTextAsync()).ShouldContain("办理\t4");
        await browser.AssertHealthyAsync("sla applied");
        await browser.ScreenshotAsync("admin-sla-applied");

        for (var i = 0; i < requestIds.Count; i++)
        {
            HandlingDue(await RequestsApi.GetAsync(admin, requestIds[i])).ShouldBeGreaterThan(before[i]);
        }

        await browser.GotoAsync("/admin/bureaus/xiantao/calendar?year=2026");
        (await browser.Page.Locator("td[data-date='2026-10-01']").GetAttributeAsync("class")).ShouldBe("admin-holiday");
        (await browser.Page.Locator("td[data-date='2026-10-10']").GetAttributeAsync("class")).ShouldBe("admin-makeup");
        await browser.AssertHealthyAsync("calendar");
        await browser.ScreenshotAsync("admin-calendar");
    }

    /// <summary>Posts a form that answers on the same address (the preview) or redirects (the confirm), and waits for the new page.</summary>
    private static async Task PostAsync(BrowserSession browser, string button)
    {
        await browser.Page.RunAndWaitForResponseAsync(() => browser.Page.Locator(button).ClickAsync(), response => response.Request.Method == "POST");
        await browser.Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    private static DateOnly HandlingDue(JsonElement request) =>
        DateOnly.Parse(
            request.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("status").GetString() == "Open").GetProperty("dueDate").GetString()!,
            System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Completes the request's open task with the outcome, filling its required fields (a unit field → 所得税科).</summary>
    private static async Task CompleteAsync(HttpClient actor, HttpClient admin, string requestId, string outcome)
    {
        var request = await RequestsApi.GetAsync(admin, requestId);
        var task = request.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("status").GetString() == "Open");
        var data = new JsonObject();
        if (task.TryGetProperty("form", out var form) && form.ValueKind == JsonValueKind.Array)
        {
            foreach (var field in form.EnumerateArray())
            {
                var applies = !field.TryGetProperty("outcomes", out var outcomes) || outcomes.ValueKind != JsonValueKind.Array
                    || outcomes.GetArrayLength() == 0 || outcomes.EnumerateArray().Any(o => o.GetString() == outcome);
                if (!applies || !field.TryGetProperty("required", out var required) || required.ValueKind != JsonValueKind.True)
                {
                    continue;
                }

                data[field.GetProperty("name").GetString()!] = field.TryGetProperty("type", out var type) ? type.GetString() switch
                {
                    "number" => 1,
                    "unit" => await UnitIdAsync(admin, "sdsk"),
                    "choice" => field.GetProperty("options")[0].GetString(),
                    _ => "已办理",
                } : "已办理";
            }
        }

        var response = await actor.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetString()}/complete", new { outcome, data });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }

    private static async Task<string> UnitIdAsync(HttpClient admin, string code)
    {
        var bureaus = await admin.GetFromJsonAsync<JsonArray>("/api/bureaus");
        return bureaus!.SelectMany(b => b!["units"]!.AsArray()).First(u => u!["code"]!.GetValue<string>() == code)!["id"]!.GetValue<string>();
    }
}
