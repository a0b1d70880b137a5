using Microsoft.Playwright;

namespace Bpm.Browser.Tests;

/// <summary>
/// Debian's Chromium (<c>/usr/bin/chromium</c>, installed by tools/ci/chromium.sh), headless, driven by Playwright.
/// Playwright's own browser download is never used.
/// </summary>
public static class Chromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private static readonly string[] Args =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"{ExecutablePath} is missing: run tools/ci/chromium.sh (as root) first; tools/test.sh does.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = Args,
        });
        return (playwright, browser);
    }
}
