using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Browser.Tests;

/// <summary>
/// The real Bpm server, listening with Kestrel on 127.0.0.1 and a free port (never TestServer: a browser needs a socket),
/// on a fresh SQLite file with the demo bureaus, users and the six workflows; Quartz off (these tests do not wait for SLA
/// timers). The settings file is the repository's appsettings.json, so Studio is served from the installed npm package.
/// </summary>
public sealed class BrowserServer : WebApplicationFactory<Program>
{
    public const string DemoPassword = "Bpm@2026demo";

    private readonly Dictionary<string, string?> _settings;

    public BrowserServer(IDictionary<string, string?>? settings = null)
    {
        DatabaseFile = Path.Combine(Path.GetTempPath(), $"bpm-browser-test-{Guid.NewGuid():N}.db");
        _settings = new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Sqlite",
            ["Database:ConnectionString"] = $"Data Source={DatabaseFile}",
            ["Demo:Enabled"] = "true",
            ["Scheduling:Enabled"] = "false",
            ["Limits:SignInPerMinute"] = "100000",

            // Fixed personal-data keys (AES-256, base64 of 32 bytes), so no demo key file is written.
            ["PersonalData:Keys:b1"] = "gBpWgmuDE3OXO9X1L/YTfxNZ36ryx2gxGenoi751v4w=",
            ["PersonalData:ActiveKey"] = "b1",
            ["PersonalData:DigestKey"] = "75MjQSQPGORMlbU8MC2wH5wxbG1eC8VfT9j+yczrYYY=",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = new Uri(addresses.Single());
    }

    public string DatabaseFile { get; }

    /// <summary>e.g. http://127.0.0.1:41234/</summary>
    public Uri BaseUrl { get; }

    public string Url(string path) => new Uri(BaseUrl, path).ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        // As command-line arguments, so they are there while BpmServer registers its services.
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    /// <summary>An HTTP client on the real port, no cookies, no redirects followed.</summary>
    public HttpClient PlainClient() =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = BaseUrl };

    /// <summary>An HTTP client signed in through the API (<c>POST /api/auth/token</c>) as a demo user, e.g. "xt.owner".</summary>
    public async Task<HttpClient> ApiClientAsync(string userName)
    {
        var client = PlainClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = DemoPassword });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabaseFile + suffix);
        }
    }
}
