using System.Net;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Browser.Tests;

/// <summary>The Studio package's files under /studio/, as the browser and Blazor's loader need them.</summary>
[Collection(BrowserCollection.Name)]
public sealed class StudioAssetTests(BrowserFixture fixture, ITestOutputHelper output)
{
    private static readonly Dictionary<string, string> Expected = new(StringComparer.OrdinalIgnoreCase)
    {
        [".wasm"] = "application/wasm",
        [".dat"] = "application/octet-stream",
        [".js"] = "text/javascript",
        [".json"] = "application/json",
        [".woff2"] = "font/woff2",
        [".css"] = "text/css",
        [".png"] = "image/png",
        [".br"] = "application/octet-stream",
        [".gz"] = "application/gzip",
        [".webmanifest"] = "application/manifest+json",
    };

    private static string PackageFolder => Path.Combine(
        Path.GetDirectoryName(Artifacts.Screenshots)!, "..", "src", "Bpm.Server", "Studio", "node_modules", "@elsa-workflows", "elsa-studio-wasm");

    [Fact]
    public async Task Every_file_type_in_the_package_is_served_with_its_mime_type()
    {
        Directory.Exists(PackageFolder).ShouldBeTrue($"the build installs the package into {PackageFolder}");
        var oneFilePerExtension = Directory.EnumerateFiles(PackageFolder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetFileName(f).Equals("index.html", StringComparison.Ordinal) && !Path.GetFileName(f).Equals("package.json", StringComparison.Ordinal))
            .GroupBy(f => Path.GetExtension(f).ToLowerInvariant())
            .Select(g => g.First())
            .ToList();
        oneFilePerExtension.Select(f => Path.GetExtension(f)).ShouldContain(".dat");
        using var client = fixture.Server.PlainClient();

        var wrong = new List<string>();
        foreach (var file in oneFilePerExtension)
        {
            var path = "/studio/" + Path.GetRelativePath(PackageFolder, file).Replace('\\', '/');
            using var response = await client.GetAsync(path);
            var contentType = response.Content.Headers.ContentType?.MediaType;
            output.WriteLine($"{(int)response.StatusCode} {contentType} {path}");
            if (response.StatusCode != HttpStatusCode.OK || contentType is null
                || (Expected.TryGetValue(Path.GetExtension(file), out var expected) && contentType != expected))
            {
                wrong.Add($"{path}: {(int)response.StatusCode} {contentType}");
            }
        }

        wrong.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_package_index_page_is_not_served_because_its_element_does_not_exist()
    {
        using var client = fixture.Server.PlainClient();

        (await client.GetAsync("/studio/index.html")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_browser_loads_the_webassembly_runtime_compressed_with_the_right_mime_types()
    {
        await using var browser = await BrowserSession.OpenAsync(fixture.Browser, fixture.Server, output);
        await browser.SignInAsync("xt.owner", "/studio/instances");

        await browser.WaitForStudioElementAsync("elsa-workflow-instance-list");
        foreach (var response in browser.Responses)
        {
            output.WriteLine($"{response.Status} {response.ContentType} {response.Url}");
        }

        var studioFiles = browser.Responses.Where(r => new Uri(r.Url).AbsolutePath.StartsWith("/studio/_", StringComparison.Ordinal)).ToList();
        studioFiles.ShouldContain(r => r.Url.EndsWith(".wasm", StringComparison.Ordinal) && r.ContentType == "application/wasm");
        studioFiles.ShouldContain(r => r.Url.EndsWith(".dat", StringComparison.Ordinal) && r.ContentType == "application/octet-stream");
        studioFiles.ShouldContain(r => r.Url.EndsWith("blazor.webassembly.js", StringComparison.Ordinal) && r.ContentType == "text/javascript");
        studioFiles.Where(r => r.Status >= 400).ShouldBeEmpty();

        var wasm = await browser.Context.APIRequest.GetAsync(studioFiles.First(r => r.Url.EndsWith(".wasm", StringComparison.Ordinal)).Url,
            new APIRequestContextOptions { Headers = new Dictionary<string, string> { ["Accept-Encoding"] = "br" } });
        wasm.Headers["content-encoding"].ShouldBe("br");
    }
}
