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

    /// <summary>Start1: the process owner puts the new task between it and the registration task.</summary>
    private const string StartActivityId = "ca257bd77158d8f9";

    /// <summary>HumanTask1 (受理登记), the first task of a request: after publishing it comes after the new task.</summary>
    private const string RegistrationActivityId = "5badf97714b09b2b";

    private const string RegistrationTaskTitle = "受理登记";

    [Fact]
    public async Task A_process_owner_edits_and_publishes_in_studio_and_only_new_requests_run_on_the_new_version()
    {
        var owner = await fixture.Server.ApiClientAsync("xt.owner");
        var hall = await fixture.Server.ApiClientAsync("xt.hall");
        var published = await PublishedAsync(owner);
        var older = await RequestsApi.RegisterAsync(hall, "OTHER");
        older.GetProperty("workflowDefinitionVersion").GetInt32().ShouldBe(published.Version);

        await using var browser = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server, output);

        // A QHD screen: Studio's "zoom to fit" stops at 50 %, where this flowchart needs a canvas about 1,300 px wide (the
        // canvas gets 55 % of the window).
        await browser.Page.SetViewportSizeAsync(2560, 1440);
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
        var canvas = browser.Page.Locator(".flowchart-diagram-designer-wrapper").First;
        await ZoomToFitAsync(browser.Page, canvas);
        await browser.Page.GetByText(BpmToolboxGroup, new() { Exact = true }).ClickAsync();
        await SavedAfterAsync(browser, () => DropAsync(browser.Page,
            browser.Page.Locator("div[draggable=true]").Filter(new() { HasText = HumanTaskInToolbox }).First, canvas));
        await Assertions.Expect(nodes).ToHaveCountAsync(published.ActivityCount + 1);
        var added = (await CellIdsAsync(browser.Page)).Except(before).Single();

        // Put the new task first: remove the connection Start → registration, connect Start → new task → registration.
        await ZoomToFitAsync(browser.Page, canvas);
        await browser.ScreenshotAsync("scenario-3-editor-dropped");
        await SavedAfterAsync(browser, () => RemoveConnectionAsync(browser.Page, canvas, Port(StartActivityId, "Done"), Port(RegistrationActivityId, "In")));
        await SavedAfterAsync(browser, () => ConnectAsync(browser.Page, canvas, Port(StartActivityId, "Done"), Port(added, "In")));
        await SavedAfterAsync(browser, () => ConnectAsync(browser.Page, canvas, Port(added, "Done"), Port(RegistrationActivityId, "In")));
        await Assertions.Expect(browser.Page.Locator("g.x6-edge")).ToHaveCountAsync(published.ConnectionCount + 1);

        // Edit an input of the new task.
        await browser.Page.Locator($"g[data-cell-id='{added}'] elsa-activity-wrapper").ClickAsync(new() { Force = true });
        var title = browser.Page.Locator(".mud-input-control").Filter(new() { Has = browser.Page.GetByText("任务名称 Title", new() { Exact = true }) }).Locator("input").First;
        await SavedAfterAsync(browser, async () =>
        {
            await title.FillAsync(NewTaskTitle);
            await title.PressAsync("Tab");
        });

        // The new task comes before any dispatch, so it goes to the unit that registered the request.
        var assignee = browser.Page.Locator(".mud-input-control").Filter(new() { Has = browser.Page.GetByText("办理单位 Assignee", new() { Exact = true }) }).First;
        await assignee.ClickAsync();
        await SavedAfterAsync(browser, () => browser.Page.Locator(".mud-popover-open").GetByRole(AriaRole.Option, new() { Name = "ReceivingUnit", Exact = true }).ClickAsync());
        await browser.ScreenshotAsync("scenario-4-editor-edited");

        // Publish.
        await SavedAfterAsync(browser, () => browser.Page.Locator(".mud-button-group-root button.mud-primary-text").First.ClickAsync(), publish: true);
        await browser.AssertHealthyAsync("editing and publishing");

        var republished = await PublishedAsync(owner);
        republished.Version.ShouldBe(published.Version + 1);
        republished.ActivityCount.ShouldBe(published.ActivityCount + 1);
        var connections = republished.Json.GetProperty("root").GetProperty("connections").EnumerateArray()
            .Select(c => $"{c.GetProperty("source").GetProperty("activity").GetString()}.{c.GetProperty("source").GetProperty("port").GetString()} → {c.GetProperty("target").GetProperty("activity").GetString()}.{c.GetProperty("target").GetProperty("port").GetString()}")
            .ToList();
        connections.ShouldContain($"{StartActivityId}.Done → {added}.In");
        connections.ShouldContain($"{added}.Done → {RegistrationActivityId}.In");
        connections.ShouldNotContain($"{StartActivityId}.Done → {RegistrationActivityId}.In");
        var task = republished.Json.GetProperty("root").GetProperty("activities").EnumerateArray().Single(a => a.GetProperty("id").GetString() == added);
        task.GetProperty("type").GetString().ShouldBe("Bpm.HumanTask");
        task.GetProperty("title").GetProperty("expression").GetProperty("value").GetString().ShouldBe(NewTaskTitle);
        task.GetProperty("assignee").GetProperty("expression").GetProperty("value").GetString().ShouldBe("ReceivingUnit");

        // A request registered now runs on the new version and starts at the new task; the older one stays where it was.
        var newer = await RequestsApi.RegisterAsync(hall, "OTHER");
        newer.GetProperty("workflowDefinitionVersion").GetInt32().ShouldBe(republished.Version);
        var newerNow = await RequestsApi.GetAsync(hall, newer.GetProperty("id").GetString()!);
        OpenTaskTitle(newerNow).ShouldBe(NewTaskTitle);
        var olderNow = await RequestsApi.GetAsync(hall, older.GetProperty("id").GetString()!);
        olderNow.GetProperty("workflowDefinitionVersion").GetInt32().ShouldBe(published.Version);
        OpenTaskTitle(olderNow).ShouldBe(RegistrationTaskTitle);
    }

    private static string OpenTaskTitle(JsonElement request) =>
        request.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("status").GetString() == "Open").GetProperty("title").GetString()!;

    [Fact]
    public async Task A_finished_instance_shows_its_journal_in_the_viewer()
    {
        var hall = await fixture.Server.ApiClientAsync("xt.hall");

        // Not "other": the scenario above (same server, any order) puts a new first task into that workflow.
        var request = await RequestsApi.RegisterAsync(hall, "SERVICE");
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

    private sealed record Published(int Version, int ActivityCount, int ConnectionCount, JsonElement Json);

    private static async Task<Published> PublishedAsync(HttpClient client)
    {
        var json = await client.GetFromJsonAsync<JsonElement>($"/elsa/api/workflow-definitions/by-definition-id/{DefinitionId}?versionOptions=Published");
        var root = json.GetProperty("root");
        return new Published(json.GetProperty("version").GetInt32(), root.GetProperty("activities").GetArrayLength(), root.GetProperty("connections").GetArrayLength(), json);
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

    /// <summary>The clickable circle of port <paramref name="port"/> of activity <paramref name="activityId"/> on the canvas.</summary>
    private static string Port(string activityId, string port) =>
        $"g[data-cell-id='{activityId}'] g[port='{port}'] circle.elsa-designer-port-hit-area";

    /// <summary>
    /// Removes the connection between two ports as a user does: points at the middle of its line, which shows the remove
    /// button (Elsa adds X6's <c>button-remove</c> tool on <c>edge:mouseenter</c>), and clicks that button.
    /// </summary>
    private static async Task RemoveConnectionAsync(IPage page, ILocator canvas, string fromPort, string toPort)
    {
        await DeselectAsync(page, canvas);
        var from = await CentreAsync(page.Locator(fromPort));
        var to = await CentreAsync(page.Locator(toPort));
        var edge = await page.EvaluateAsync<JsonElement>("""
            ([fromX, fromY, toX, toY]) => {
              const onScreen = (path, length) => {
                const p = path.getPointAtLength(length).matrixTransform(path.getScreenCTM());
                return { x: p.x, y: p.y };
              };
              const near = (p, x, y) => Math.hypot(p.x - x, p.y - y) < 15;
              for (const edge of document.querySelectorAll('g.x6-edge')) {
                const line = edge.querySelector('path:not([stroke=transparent])') ?? edge.querySelector('path');
                const length = line.getTotalLength();
                if (near(onScreen(line, 0), fromX, fromY) && near(onScreen(line, length), toX, toY)) {
                  const middle = onScreen(line, length / 2);
                  return { id: edge.getAttribute('data-cell-id'), x: middle.x, y: middle.y };
                }
              }
              return null;
            }
            """, new double[] { from.X, from.Y, to.X, to.Y });
        edge.ValueKind.ShouldBe(JsonValueKind.Object, $"a connection should run from {fromPort} to {toPort}");
        var id = edge.GetProperty("id").GetString();
        var (x, y) = (edge.GetProperty("x").GetDouble(), edge.GetProperty("y").GetDouble());
        var pointed = await page.EvaluateAsync<string?>("([x, y]) => document.elementFromPoint(x, y)?.closest('g.x6-edge')?.getAttribute('data-cell-id') ?? null", new[] { x, y });
        pointed.ShouldBe(id, $"the middle of the connection ({x}, {y}) should be visible on the canvas");
        await page.Mouse.MoveAsync((float)x, (float)y, new MouseMoveOptions { Steps = 5 });
        var remove = page.Locator($".x6-cell-tools[data-cell-id='{id}'] .x6-cell-tool-button");
        await remove.WaitForAsync();
        var button = await CentreAsync(remove);
        await page.Mouse.MoveAsync(button.X, button.Y, new MouseMoveOptions { Steps = 10 });
        await page.Mouse.ClickAsync(button.X, button.Y);
        await Assertions.Expect(page.Locator($"g.x6-edge[data-cell-id='{id}']")).ToHaveCountAsync(0);
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
        await DeselectAsync(page, canvas);
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

    /// <summary>Clicks the designer toolbar's first button, "zoom to fit", and waits until every activity lies inside the canvas.</summary>
    private static async Task ZoomToFitAsync(IPage page, ILocator canvas)
    {
        await page.Locator("div[role=toolbar].mud-toolbar button").First.ClickAsync();
        const string OutsideTheCanvas = """
            canvas => {
              const box = canvas.getBoundingClientRect();
              return [...canvas.querySelectorAll('g.x6-node')].map(node => ({ id: node.getAttribute('data-cell-id'), r: node.getBoundingClientRect() }))
                .filter(({ r }) => r.left < box.left || r.right > box.right || r.top < box.top || r.bottom > box.bottom)
                .map(({ id, r }) => `${id} at ${Math.round(r.left)}..${Math.round(r.right)} × ${Math.round(r.top)}..${Math.round(r.bottom)}`)
                .concat(`canvas ${Math.round(box.left)}..${Math.round(box.right)} × ${Math.round(box.top)}..${Math.round(box.bottom)}`);
            }
            """;
        try
        {
            await page.WaitForFunctionAsync($"canvas => ({OutsideTheCanvas})(canvas).length === 1", await canvas.ElementHandleAsync(), new PageWaitForFunctionOptions { Timeout = 10_000, PollingInterval = 100 });
        }
        catch (TimeoutException)
        {
            throw new ShouldAssertException("after zoom to fit, activities lie outside the canvas: " + string.Join("; ", await canvas.EvaluateAsync<string[]>(OutsideTheCanvas)));
        }
    }

    /// <summary>Clicks an empty spot of the canvas, which clears the selection (a selected node's box lies over its ports).</summary>
    private static async Task DeselectAsync(IPage page, ILocator canvas)
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

    }

    private static async Task<(float X, float Y)> CentreAsync(ILocator element)
    {
        var box = await element.BoundingBoxAsync();
        box.ShouldNotBeNull($"{element} should be on the page");
        return (box.X + box.Width / 2, box.Y + box.Height / 2);
    }
}
