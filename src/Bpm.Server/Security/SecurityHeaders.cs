namespace Bpm.Server.Security;

/// <summary>
/// Headers on every response: <c>X-Content-Type-Options: nosniff</c>, <c>X-Frame-Options: DENY</c> (no page of Bpm is ever framed,
/// Studio included), <c>Referrer-Policy: no-referrer</c>, a Content-Security-Policy, and <c>Strict-Transport-Security</c> over HTTPS.
/// The policy of the web UI allows only our own scripts (none inline); the Studio pages (<c>/studio/…</c>) also allow what Blazor
/// WebAssembly, Monaco and MudBlazor need: WebAssembly compilation ('wasm-unsafe-eval'), eval, our inline navigation script, blob workers.
/// </summary>
public static class SecurityHeaders
{
    public const string WebPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string StudioPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval' 'wasm-unsafe-eval' blob:; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; worker-src 'self' blob: data:; object-src 'none'; " +
        "base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseBpmSecurityHeaders(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            var response = context.Response;
            response.OnStarting(() =>
            {
                var headers = response.Headers;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments(Studio.StudioPages.Prefix) ? StudioPolicy : WebPolicy;
                if (context.Request.IsHttps)
                {
                    headers.StrictTransportSecurity = "max-age=31536000";
                }

                return Task.CompletedTask;
            });
            await next(context);
        });
}
