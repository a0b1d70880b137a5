using System.Reflection;

namespace Bpm.Server.WebUi;

/// <summary>
/// The dashboard's two scripts, both embedded in the server: Apache ECharts (from npm, see Charts.targets) at
/// <see cref="EChartsPath"/>, cached for a year (the page asks for <c>?v=6.1.0</c>, so an upgrade gets a new address),
/// and our small <c>dashboard.js</c>, which draws the charts from the page's JSON and links segments to the request list.
/// </summary>
public static class DashboardAssets
{
    public const string EChartsPath = "/ui/lib/echarts.min.js";
    public const string EChartsVersion = "6.1.0";
    public const string ScriptPath = "/ui/dashboard.js";

    private const string JavaScript = "text/javascript; charset=utf-8";

    private static readonly Lazy<byte[]> ECharts = new(() => Read("Bpm.Server.WebUi.Charts.echarts.min.js"));
    private static readonly Lazy<byte[]> Script = new(() => Read("Bpm.Server.WebUi.Assets.dashboard.js"));

    public static IEndpointRouteBuilder MapDashboardAssets(this IEndpointRouteBuilder app)
    {
        app.MapGet(EChartsPath, (HttpContext context) => Serve(context, ECharts.Value, "public, max-age=31536000, immutable")).AllowAnonymous().ExcludeFromDescription();
        app.MapGet(ScriptPath, (HttpContext context) => Serve(context, Script.Value, "public, max-age=3600")).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    private static IResult Serve(HttpContext context, byte[] content, string cacheControl)
    {
        context.Response.Headers.CacheControl = cacheControl;
        return Results.Bytes(content, JavaScript);
    }

    private static byte[] Read(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing (the build installs ECharts with npm ci)");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
