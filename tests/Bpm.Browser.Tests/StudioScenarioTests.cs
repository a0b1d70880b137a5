using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Browser.Tests;

/// <summary>
/// Issue 5's scenario in the real Studio: a process owner edits and publishes a workflow, new requests run on the new
/// version while older ones stay on theirs; a finished instance shows its journal; a handler sees the editor read-only.
/// No error bar and no failed request on the way.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioScenarioTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private const string DefinitionId = "other";
    private const string HumanTaskInToolbox = "人工任务";
    private const string NewTaskTitle = "补充材料审核";

    /// <summary>The activities' toolbox group of the Bpm.* activities (BpmCategory.Name).</summary>
    private const string BpmToolboxGroup = "纳税人诉求";

    /// <summary>End1, where the request answered on the spot ends: the new task's outcome is connected to it.</summary>
    private const string EndActivityId = "e12d9e588fc1e802";

    [Fact]
    public async Task A_process_owner_edits_and_publishes_in_studio_and_only_new_requests_run_on_the_new_version()
    {
        var owner = await fixture.Server.ApiClientAsync("xt.owner");
        var hall = await fixture.Server.ApiClientAsync("xt.hall");
        var published = await PublishedAsync(owner);
        var older = await RequestsApi.RegisterAsync(hall, "OTHER");
        older.GetProperty("workflowDefinitionVersion").GetInt32().ShouldBe(published.Version);

        await using var browser = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server, output);
        await browser.SignInAsync("xt.owner", "/studio/");
        var list = browser.Page.Locator("elsa-workflow-definition-list");
        foreach (var name in StudioPageTests.SixWorkflows)
        {
            await browser.WaitForAsync(list.GetByText(name, new() { Exact = true }).First, "definition list");
        }

        await browser.ScreenshotAsync("scenario-1-definition-list");

        // Open one: the list's callback leads to our editor page.
        await list.GetByText(DefinitionId, new() { Exact = true }).First.ClickAsync();
        await browser.Page.WaitForURLAsync($"**/studio/definitions/{DefinitionId}");
        var nodes = browser.Page.Locator("g.x6-node");
        await Assertions.Expect(nodes).ToHaveCountAsync(published.ActivityCount, new() { Timeout = 60_000 });
        var before = await CellIdsAsync(browser.Page);
        await browser.ScreenshotAsync("scenario-2-editor");

        // Drag a human task from the toolbox onto an empty corner of the canvas, with the whole flowchart in view ("zoom to
        // fit"): auto-save posts the definition with it.
        await browser.Page.Locator("div[role=toolbar].mud-toolbar button").First.ClickAsync();
        await browser.Page.GetByText(BpmToolboxGroup, new() { Exact = true }).ClickAsync();
        var canvas = browser.Page.Locator(".flowchart-diagram-designer-wrapper").First;
        await SavedAfterAsync(browser, () => DropAsync(browser.Page,
            browser.Page.Locator("div[draggable=true]").Filter(new() { HasText = HumanTaskInToolbox }).First, canvas));
        await Assertions.Expect(nodes).ToHaveCountAsync(published.ActivityCount + 1);
        var added = (await CellIdsAsync(browser.Page)).Except(before).Single();

        // Connect the new task's outcome to an End (an outcome port takes one connection; the new task's is free).
        await browser.ScreenshotAsync("scenario-3-editor-dropped");
        await SavedAfterAsync(browser, () => ConnectAsync(browser.Page, canvas,
            $"g[data-cell-id='{added}'] g[port='Done'] circle.elsa-designer-port-hit-area",
            $"g[data-cell-id='{EndActivityId}'] g[port='In'] circle.elsa-designer-port-hit-area"));

        // Edit an input of the new task.
        await browser.Page.Locator($"g[data-cell-id='{added}'] elsa-activity-wrapper").ClickAsync(new() { Force = true });
        var title = browser.Page.Locator(".mud-input-control").Filter(new() { Has = browser.Page.GetByText("任务名称 Title", new() { Exact = true }) }).Locator("input").First;
        await SavedAfterAsync(browser, async () =>
        {
            await title.FillAsync(NewTaskTitle);
            await title.PressAsync("Tab");
        });
        await browser.ScreenshotAsync("scenario-4-editor-edited");

        // Publish.
        await SavedAfterAsync(browser, () => browser.Page.Locator(".mud-button-group-root button.mud-primary-text").First.ClickAsync(), publish: true);
        await browser.AssertHealthyAsync("editing and publishing");

        var republished = await PublishedAsync(owner);
        republished.Version.ShouldBe(published.Version + 1);
        republished.ActivityCount.ShouldBe(published.ActivityCount + 1);
        var connections = republished.Json.GetProperty("root").GetProperty("connections");
        output.WriteLine("connections of the new task: " + string.Join("\n", connections.EnumerateArray().Select(c => c.GetRawText()).Where(c => c.Contains(added, StringComparison.Ordinal))));
        connections.EnumerateArray().ShouldContain(c =>
            c.GetProperty("source").GetProperty("activity").GetString() == added
            && c.GetProperty("source").GetProperty("port").GetString() == "Done"
            && c.GetProperty("target").GetProperty("activity").GetString() == EndActivityId);
        republished.Json.GetProperty("root").GetProperty("activities").EnumerateArray()
            .Single(a => a.GetProperty("id").GetString() == added).GetRawText().ShouldContain(NewTaskTitle);

        var newer = await RequestsApi.RegisterAsync(hall, "OTHER");
        newer.GetProperty("workflowDefinitionVersion").GetInt32().ShouldBe(republished.Version);
        (await RequestsApi.GetAsync(hall, older.GetProperty("id").GetString()!)).GetProperty("workflowDefinitionVersion").GetInt32().ShouldBe(published.Version);
    }

    [Fact]
    public async Task A_finished_instance_shows_its_journal_in_the_viewer()
    {
        var hall = await fixture.Server.ApiClientAsync("xt.hall");
        var request = await RequestsApi.RegisterAsync(hall, "OTHER");
        var requestId = request.GetProperty("id").GetString()!;
        await RequestsApi.CompleteOpenTaskAsync(hall, requestId, "AnsweredOnTheSpot", new { answer = "已当场答复：按现行规定办理。" });
        var instanceId = (await RequestsApi.GetAsync(hall, requestId)).GetProperty("workflowInstanceId").GetString()!;

        await using var browser = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server, output);
        await browser.SignInAsync("xt.owner", "/studio/instances");
        var row = browser.Page.Locator("elsa-workflow-instance-list").GetByText(instanceId).First;
        await browser.WaitForAsync(row, "instance list");
        await row.ClickAsync();
        await browser.Page.WaitForURLAsync($"**/studio/instances/{instanceId}");

        var viewer = browser.Page.Locator("elsa-workflow-instance-viewer");
        await browser.WaitForAsync(viewer.GetByText("Completed").First, "instance viewer");
        await browser.ScreenshotAsync("scenario-6-instance-viewer");
        await browser.AssertHealthyAsync("instance viewer");
    }

    [Fact]
    public async Task A_handler_sees_the_editor_read_only()
    {
        await using var browser = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server, output);
        await browser.SignInAsync("xt.handler", $"/studio/definitions/{DefinitionId}");

        await browser.WaitForAsync(browser.Page.Locator("g.x6-node").First, "editor");
        await browser.WaitForAsync(browser.Page.GetByText("Unable to make changes", new() { Exact = false }).First, "read-only banner");
        await browser.ScreenshotAsync("scenario-7-editor-read-only");
        await browser.AssertHealthyAsync("read-only editor");
    }

    private sealed record Published(int Version, int ActivityCount, JsonElement Json);

    private static async Task<Published> PublishedAsync(HttpClient client)
    {
        var json = await client.GetFromJsonAsync<JsonElement>($"/elsa/api/workflow-definitions/by-definition-id/{DefinitionId}?versionOptions=Published");
        return new Published(json.GetProperty("version").GetInt32(), json.GetProperty("root").GetProperty("activities").GetArrayLength(), json);
    }

    private static async Task<IReadOnlyList<string>> CellIdsAsync(IPage page) =>
        await page.Locator("g.x6-node").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.getAttribute('data-cell-id'))");

    /// <summary>Runs <paramref name="action"/> and waits for the save (auto-save or publish) it causes to succeed.</summary>
    private static async Task SavedAfterAsync(BrowserSession browser, Func<Task> action, bool publish = false)
    {
        var response = await browser.Page.RunAndWaitForResponseAsync(action, r =>
            r.Request.Method == "POST" && new Uri(r.Url).AbsolutePath == "/elsa/api/workflow-definitions"
            && (!publish || (r.Request.PostData ?? "").Contains("\"publish\":true", StringComparison.Ordinal)),
            new PageRunAndWaitForResponseOptions { Timeout = 30_000 });
        response.Status.ShouldBe(200, await response.TextAsync());
    }

    /// <summary>
    /// HTML5 drag and drop as the browser dispatches it (dragstart on the toolbox item; dragenter, dragover and drop on
    /// the canvas 150 px right and 40 px below its corner; dragend), with one DataTransfer throughout.
    /// </summary>
    private static async Task DropAsync(IPage page, ILocator item, ILocator target)
    {
        var source = await item.ElementHandleAsync();
        var destination = await target.ElementHandleAsync();
        await page.EvaluateAsync("""
            ([source, target]) => {
              const box = target.getBoundingClientRect();
              const at = { clientX: box.left + 150, clientY: box.top + 40, bubbles: true, cancelable: true };
              const dataTransfer = new DataTransfer();
              source.dispatchEvent(new DragEvent('dragstart', { dataTransfer, bubbles: true, cancelable: true }));
              target.dispatchEvent(new DragEvent('dragenter', { ...at, dataTransfer }));
              target.dispatchEvent(new DragEvent('dragover', { ...at, dataTransfer }));
              target.dispatchEvent(new DragEvent('drop', { ...at, dataTransfer }));
              source.dispatchEvent(new DragEvent('dragend', { dataTransfer, bubbles: true, cancelable: true }));
            }
            """, new object[] { source, destination });
    }

    /// <summary>
    /// Connects an outcome port to an input port as a user does: clicks the empty canvas first (a selected node's selection
    /// box lies over its ports, and pressing it drags the node), then presses the mouse on the outcome port's magnet,
    /// moves in small steps to the input port and releases it there. X6 starts an edge only when the press lands on an
    /// element inside <c>magnet="true"</c> (the port body); Elsa's <c>validateConnection</c> accepts only an
    /// <c>in</c> port as target, which X6 snaps to within 20 px.
    /// </summary>
    private static async Task ConnectAsync(IPage page, ILocator canvas, string fromPort, string toPort)
    {
        var blank = await canvas.EvaluateAsync<float[]?>("""
            canvas => {
              const box = canvas.getBoundingClientRect();
              for (let y = box.top + 10; y < box.bottom - 10; y += 15)
                for (let x = box.left + 10; x < box.right - 10; x += 15) {
                  const hit = document.elementFromPoint(x, y);
                  if (hit && canvas.contains(hit) && !hit.closest('.x6-cell, .x6-widget-selection, button, .mud-toolbar'))
                    return [x, y];
                }
              return null;
            }
            """);
        blank.ShouldNotBeNull("the canvas should have an empty spot to click");
        await page.Mouse.ClickAsync(blank[0], blank[1]);
        await Assertions.Expect(page.Locator(".x6-widget-selection-box")).ToHaveCountAsync(0);

        var from = await CentreAsync(page.Locator(fromPort));
        var to = await CentreAsync(page.Locator(toPort));
        var pressed = await page.EvaluateAsync<string?>("([x, y]) => document.elementFromPoint(x, y)?.closest('[magnet=true]')?.getAttribute('port') ?? null", new double[] { from.X, from.Y });
        pressed.ShouldNotBeNull($"the mouse at the outcome port ({from.X}, {from.Y}) should be on a magnet");

        await page.Mouse.MoveAsync(from.X, from.Y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(from.X + 4, from.Y + 4, new MouseMoveOptions { Steps = 4 });
        await page.Mouse.MoveAsync(to.X, to.Y, new MouseMoveOptions { Steps = 20 });
        await page.Mouse.UpAsync();
    }

    private static async Task<(float X, float Y)> CentreAsync(ILocator element)
    {
        var box = await element.BoundingBoxAsync();
        box.ShouldNotBeNull($"{element} should be on the page");
        return (box.X + box.Width / 2, box.Y + box.Height / 2);
    }
}
