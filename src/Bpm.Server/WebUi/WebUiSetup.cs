using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Bpm.Server.Web;
using Bpm.Server.WebUi.Pages.Library;
using Bpm.Server.WebUi.RequestList;
using Microsoft.AspNetCore.Localization;

namespace Bpm.Server.WebUi;

/// <summary>
/// The handler/admin/analyst web UI: Blazor components rendered on the server (static SSR, plain HTML forms, no
/// WebSocket), Chinese by default and English on request, texts from resource files (<c>WebUi/Text/*.resx</c>, the
/// neutral file is zh-CN, <c>*.en.resx</c> English). Sign-in is the web cookie of <see cref="WebSignIn"/>.
/// Example: <c>GET /ui/culture?name=en&amp;returnUrl=/inbox</c> stores the choice in a cookie and shows the inbox in English.
/// </summary>
public static class WebUiSetup
{
    public const string Chinese = "zh-CN";
    public const string English = "en";

    /// <summary>The stylesheet of every page (an embedded file, so it needs no static-files folder).</summary>
    public const string StylesheetPath = "/ui/bpm.css";

    public const string CulturePath = "/ui/culture";

    private static readonly CultureInfo[] Cultures = [new(Chinese), new(English)];

    public static IServiceCollection AddBpmWebUi(this IServiceCollection services)
    {
        services.AddRazorComponents();

        // Chinese text is written as it is ("待办"), not as character references ("&#x5F85;&#x529E;"): smaller pages,
        // readable source. HTML-special characters are still encoded.
        services.AddWebEncoders(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddCascadingAuthenticationState();
        services.AddLocalization();
        services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(Chinese);
            options.SupportedCultures = Cultures;
            options.SupportedUICultures = Cultures;

            // The user's choice (cookie) wins; then the browser's Accept-Language; else Chinese. No ?culture= in URLs.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>Culture per request for the web pages only: the APIs keep the invariant formats their contracts promise.</summary>
    public static IApplicationBuilder UseBpmWebUiCulture(this IApplicationBuilder app) =>
        app.UseWhen(context => !IsApi(context.Request.Path), branch => branch.UseRequestLocalization());

    public static IEndpointRouteBuilder MapBpmWebUi(this IEndpointRouteBuilder app)
    {
        app.MapRazorComponents<App>();
        app.MapRequestLedger();
        app.MapLibraryDownload();
        app.MapGet(StylesheetPath, Stylesheet).AllowAnonymous().ExcludeFromDescription();
        app.MapDashboardAssets();
        app.MapGet(CulturePath, ChooseCulture).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>True for the JSON APIs (<c>/api</c>, <c>/elsa/api</c>), which never take the page culture.</summary>
    public static bool IsApi(PathString path) => path.StartsWithSegments("/api") || path.StartsWithSegments("/elsa");

    /// <summary>Stores the language in a cookie for a year, then goes back to the (local) page the user was on.</summary>
    private static IResult ChooseCulture(HttpContext context, string? name, string? returnUrl)
    {
        var culture = Cultures.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))?.Name ?? Chinese;
        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions { MaxAge = TimeSpan.FromDays(365), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        return Results.LocalRedirect(WebPaths.IsLocal(returnUrl) ? returnUrl! : "/");
    }

    private static IResult Stylesheet(HttpContext context)
    {
        context.Response.Headers.CacheControl = "public, max-age=3600";
        return Results.Text(StylesheetText.Value, "text/css; charset=utf-8");
    }

    private static readonly Lazy<string> StylesheetText = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Bpm.Server.WebUi.Assets.bpm.css")
            ?? throw new InvalidOperationException("embedded resource Bpm.Server.WebUi.Assets.bpm.css is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });
}
