using Microsoft.Playwright;

namespace Bpm.Browser.Tests;

/// <summary>One server and one Chromium for all browser tests (starting either takes seconds); each test opens its own <see cref="BrowserSession"/>.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public BrowserServer Server { get; } = new();

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync() => (_playwright, Browser) = await Chromium.LaunchAsync();

    public async Task DisposeAsync()
    {
        await Browser.CloseAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>The tests sharing <see cref="BrowserFixture"/>; they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "Browser";
}
