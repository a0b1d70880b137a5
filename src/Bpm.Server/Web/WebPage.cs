using System.Security.Claims;
using System.Text;
using Bpm.Server.Auth;
using Microsoft.AspNetCore.Antiforgery;

namespace Bpm.Server.Web;

/// <summary>A link in the header bar, e.g. ("工作流实例 Workflow instances", "/studio/instances").</summary>
public sealed record WebLink(string Text, string Href);

/// <summary>
/// One server-rendered HTML page of the web UI: head (title, base, stylesheets), an optional header bar with the signed-in
/// user, links and a sign-out button, the body, then scripts in order. Every text and attribute value is encoded here;
/// only <see cref="BodyHtml"/> and <see cref="InlineScript"/> are written as they are, so their authors encode
/// what they put into them (<see cref="HtmlText"/>).
/// </summary>
public sealed class WebPage
{
    public required string Title { get; init; }

    /// <summary>The page's <c>&lt;base href&gt;</c>, e.g. "/studio/" (relative asset paths resolve against it); none when null.</summary>
    public string? BaseHref { get; init; }

    public IReadOnlyList<string> Stylesheets { get; init; } = [];

    /// <summary>Script files, loaded in this order after the body.</summary>
    public IReadOnlyList<string> Scripts { get; init; } = [];

    /// <summary>The header bar; none on the sign-in page.</summary>
    public WebHeader? Header { get; init; }

    public required string BodyHtml { get; init; }

    /// <summary>Runs after <see cref="Scripts"/>.</summary>
    public string? InlineScript { get; init; }

    public string Render()
    {
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"zh-CN\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1.0\">\n")
            .Append("<title>").Append(HtmlText.Encode(Title)).Append(" - ").Append(HtmlText.Encode(WebTexts.ProductName)).Append("</title>\n");
        if (BaseHref is not null)
        {
            html.Append("<base href=\"").Append(HtmlText.Encode(BaseHref)).Append("\">\n");
        }

        // No /favicon.ico request (it would be a 404 at the site root).
        html.Append("<link rel=\"icon\" href=\"data:,\">\n");
        foreach (var stylesheet in Stylesheets)
        {
            html.Append("<link href=\"").Append(HtmlText.Encode(stylesheet)).Append("\" rel=\"stylesheet\">\n");
        }

        html.Append("<style>").Append(WebStyles.Css).Append("</style>\n</head>\n<body>\n");
        Header?.Render(html);
        html.Append(BodyHtml).Append('\n');
        foreach (var script in Scripts)
        {
            html.Append("<script src=\"").Append(HtmlText.Encode(script)).Append("\"></script>\n");
        }

        if (InlineScript is not null)
        {
            html.Append("<script>\n").Append(InlineScript).Append("\n</script>\n");
        }

        return html.Append("</body>\n</html>\n").ToString();
    }

    /// <summary>The page as a response that no cache keeps (it may carry the user's access token).</summary>
    public IResult ToResult(int statusCode = StatusCodes.Status200OK) => new WebPageResult(Render(), statusCode);

    private sealed class WebPageResult(string html, int statusCode) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.CacheControl = "no-store";
            httpContext.Response.Headers["X-Content-Type-Options"] = "nosniff";
            return Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, statusCode).ExecuteAsync(httpContext);
        }
    }
}

/// <summary>The header bar: product name, links (the current one marked), the user's name and a sign-out button.</summary>
public sealed record WebHeader(string UserDisplayName, IReadOnlyList<WebLink> Links, string? CurrentHref, string AntiforgeryFieldName, string AntiforgeryToken)
{
    /// <summary>The header for the signed-in user of <paramref name="context"/>, e.g. "仙桃流程负责人 (xt.owner)".</summary>
    public static WebHeader For(HttpContext context, IReadOnlyList<WebLink> links, string currentHref)
    {
        var tokens = context.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(context);
        var userName = context.User.Identity?.Name ?? "";
        var displayName = context.User.FindFirstValue(BpmClaims.DisplayName) ?? userName;
        return new WebHeader($"{displayName} ({userName})", links, currentHref, tokens.FormFieldName, tokens.RequestToken ?? "");
    }

    public void Render(StringBuilder html)
    {
        html.Append("<header class=\"bpm-header\">\n<span class=\"bpm-product\">").Append(HtmlText.Encode(WebTexts.ProductName)).Append("</span>\n<nav>");
        foreach (var link in Links)
        {
            html.Append("<a href=\"").Append(HtmlText.Encode(link.Href)).Append('"');
            if (link.Href == CurrentHref)
            {
                html.Append(" class=\"bpm-current\" aria-current=\"page\"");
            }

            html.Append('>').Append(HtmlText.Encode(link.Text)).Append("</a>");
        }

        html.Append("</nav>\n<span class=\"bpm-user\">").Append(HtmlText.Encode(WebTexts.SignedInAs)).Append(": <b id=\"bpm-user-name\">")
            .Append(HtmlText.Encode(UserDisplayName)).Append("</b></span>\n")
            .Append("<form method=\"post\" action=\"").Append(HtmlText.Encode(WebPaths.Logout)).Append("\" class=\"bpm-signout\">")
            .Append("<input type=\"hidden\" name=\"").Append(HtmlText.Encode(AntiforgeryFieldName)).Append("\" value=\"").Append(HtmlText.Encode(AntiforgeryToken)).Append("\">")
            .Append("<button type=\"submit\">").Append(HtmlText.Encode(WebTexts.SignOutButton)).Append("</button></form>\n</header>\n");
    }
}
