using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Browser.Tests;

/// <summary>
/// One browser tab (its own cookies) on the test server that watches for everything that would mean "something broke":
/// every HTTP response with status ≥ 400, every request that failed on the network, uncaught page errors, console errors,
/// and Blazor's error bar (<c>#blazor-error-ui</c>) becoming visible. <see cref="AssertHealthyAsync"/> fails the test
/// with the whole list. Issue 6's UI tests reuse it for their pages.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private readonly object _gate = new();
    private readonly List<string> _problems = [];
    private readonly List<(string Url, int Status, string? ContentType)> _responses = [];
    private readonly BrowserServer _server;
    private readonly ITestOutputHelper _output;

    private BrowserSession(IBrowserContext context, IPage page, BrowserServer server, ITestOutputHelper output)
    {
        Context = context;
        Page = page;
        _server = server;
        _output = output;
        page.Response += (_, response) =>
        {
            lock (_gate)
            {
                response.Headers.TryGetValue("content-type", out var contentType);
                _responses.Add((response.Url, response.Status, contentType));
                if (response.Status >= 400)
                {
                    _problems.Add($"HTTP {response.Status} {response.Request.Method} {response.Url}");
                }
            }
        };

        // A request cut short because the page navigated away (net::ERR_ABORTED) is not a failure of the server.
        page.RequestFailed += (_, request) => Note(request.Failure is "net::ERR_ABORTED" ? null : $"request failed ({request.Failure}) {request.Method} {request.Url}");
        page.PageError += (_, error) => Note($"page error: {error}");
        page.Console += (_, message) => Note(message.Type == "error" ? $"console error: {message.Text}" : null);
    }

    private void Note(string? problem)
    {
        if (problem is null)
        {
            return;
        }

        lock (_gate)
        {
            _problems.Add(problem);
        }
    }

    public IBrowserContext Context { get; }

    public IPage Page { get; }

    /// <summary>Problems seen so far, in order (HTTP ≥ 400, network failures, page and console errors).</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_gate)
            {
                return [.. _problems];
            }
        }
    }

    /// <summary>Every response so far: URL, status and Content-Type.</summary>
    public IReadOnlyList<(string Url, int Status, string? ContentType)> Responses
    {
        get
        {
            lock (_gate)
            {
                return [.. _responses];
            }
        }
    }

    public static async Task<BrowserSession> OpenAsync(IBrowser browser, BrowserServer server, ITestOutputHelper output)
    {
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.BaseUrl.ToString(),
            ViewportSize = new ViewportSize { Width = 1600, Height = 1000 },
            Locale = "zh-CN",
        });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        return new BrowserSession(context, page, server, output);
    }

    public Task<IResponse?> GotoAsync(string path) => Page.GotoAsync(path);

    /// <summary>Signs in through the sign-in page (the form, not the API), then lands on <paramref name="path"/>.</summary>
    public async Task SignInAsync(string userName, string path = "/studio/")
    {
        await Page.GotoAsync($"/account/login?returnUrl={Uri.EscapeDataString(path)}");
        await Page.Locator("input[name=userName]").FillAsync(userName);
        await Page.Locator("input[name=password]").FillAsync(BrowserServer.DemoPassword);
        await SubmitAsync("button[type=submit]");
        new Uri(Page.Url).AbsolutePath.ShouldBe(new Uri(_server.BaseUrl, path).AbsolutePath, $"signing in as {userName} should land on {path}");
    }

    /// <summary>Clicks a button that loads another page (a form's submit) and waits until that page is there.</summary>
    public async Task SubmitAsync(string selector)
    {
        var before = Page.Url;
        await Page.Locator(selector).ClickAsync();
        await Page.WaitForURLAsync(url => url != before);
        await Page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Waits until Blazor has started and registered Studio's custom element <paramref name="tag"/> (the runtime is loaded).</summary>
    public Task WaitForStudioElementAsync(string tag) =>
        Page.WaitForFunctionAsync("tag => customElements.get(tag) !== undefined", tag, new PageWaitForFunctionOptions { Timeout = 60_000 });

    /// <summary>
    /// Waits for <paramref name="locator"/> to show, but fails at once (with every problem seen) when Blazor's error bar
    /// shows first: a component that crashed never renders what the test waits for.
    /// </summary>
    public async Task WaitForAsync(ILocator locator, string step, float timeout = 60_000)
    {
        var shown = locator.WaitForAsync(new LocatorWaitForOptions { Timeout = timeout });
        var errorBar = Page.Locator("#blazor-error-ui").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Visible, Timeout = timeout });
        var first = await Task.WhenAny(shown, errorBar);
        if (first == errorBar || !shown.IsCompletedSuccessfully)
        {
            await AssertHealthyAsync(step);
        }

        await shown;
    }

    /// <summary>Forgets the problems recorded so far, after a step that was meant to fail (e.g. a wrong password's 401).</summary>
    public void ForgetProblems()
    {
        lock (_gate)
        {
            _problems.Clear();
        }
    }

    public Task<bool> ErrorBarVisibleAsync() => Page.Locator("#blazor-error-ui").IsVisibleAsync();

    /// <summary>Fails with every problem seen so far, and when Blazor's error bar is showing.</summary>
    public async Task AssertHealthyAsync(string step)
    {
        var problems = Problems.ToList();
        if (await ErrorBarVisibleAsync())
        {
            problems.Insert(0, "Blazor's error bar (#blazor-error-ui) is visible: " + await Page.Locator("#blazor-error-ui").InnerTextAsync());
        }

        problems.ShouldBeEmpty($"{step} ({Page.Url}):\n" + string.Join("\n", problems));
    }

    /// <summary>A full-page screenshot under artifacts/screenshots/; the path is printed to the test output.</summary>
    public async Task<string> ScreenshotAsync(string name)
    {
        var path = Path.Combine(Artifacts.Screenshots, name + ".png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        _output.WriteLine($"screenshot: {path}");
        return path;
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
