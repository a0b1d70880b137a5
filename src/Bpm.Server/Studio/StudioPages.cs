using Bpm.Server.Elsa;
using Bpm.Server.Web;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Studio;

/// <summary>
/// Our host pages for Elsa Studio's custom elements, for signed-in web users only:
/// <c>/studio/</c> definition list, <c>/studio/definitions/{definitionId}</c> editor, <c>/studio/instances</c> instance list,
/// <c>/studio/instances/{instanceId}</c> viewer. Each page has <c>&lt;base href="/studio/"&gt;</c> (Studio loads
/// <c>_framework/</c> and <c>_content/</c> relative to it), one <c>elsa-backend-provider</c> with the absolute
/// <c>/elsa/api</c> address and the user's short-lived token, and the element. Clicking a row navigates between the
/// pages; the editor's Run button pushes <c>/studio/workflows/instances/{id}/view</c>, which leads to the viewer.
/// </summary>
public static class StudioPages
{
    public const string Prefix = "/studio";

    /// <summary>Stylesheets and scripts of the package's own index.html, in its order (elsa-contract.md §1.1); Google fonts left out (offline).</summary>
    private static readonly string[] Stylesheets =
    [
        "_content/MudBlazor/MudBlazor.min.css",
        "_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.css",
        "_content/Radzen.Blazor/css/material-base.css",
        "_content/Elsa.Studio.Shell/css/shell.css",
        "Elsa.Studio.Host.CustomElements.styles.css",
    ];

    private static readonly string[] Scripts =
    [
        "_content/BlazorMonaco/jsInterop.js",
        "_content/BlazorMonaco/lib/monaco-editor/min/vs/loader.js",
        "_content/BlazorMonaco/lib/monaco-editor/min/vs/editor/editor.main.js",
        "_content/MudBlazor/MudBlazor.min.js",
        "_content/CodeBeam.MudBlazor.Extensions/MudExtensions.min.js",
        "_content/Radzen.Blazor/Radzen.Blazor.js",
        "_framework/blazor.webassembly.js",
    ];

    public static IEndpointRouteBuilder MapStudioPages(this IEndpointRouteBuilder app)
    {
        var studio = app.MapGroup(Prefix).RequireWebSignIn().ExcludeFromDescription();
        studio.MapGet("/", (HttpContext context) =>
            Page(context, WebTexts.WorkflowDefinitions, "/", "<elsa-workflow-definition-list></elsa-workflow-definition-list>"));
        studio.MapGet("/definitions/{definitionId}", (HttpContext context, string definitionId) =>
            Page(context, WebTexts.WorkflowDefinition, "/", $"<elsa-workflow-definition-editor definition-id=\"{HtmlText.Encode(definitionId)}\"></elsa-workflow-definition-editor>"));
        studio.MapGet("/instances", (HttpContext context) =>
            Page(context, WebTexts.WorkflowInstances, "/instances", "<elsa-workflow-instance-list></elsa-workflow-instance-list>"));
        studio.MapGet("/instances/{instanceId}", (HttpContext context, string instanceId) =>
            Page(context, WebTexts.WorkflowInstance, "/instances", $"<elsa-workflow-instance-viewer instance-id=\"{HtmlText.Encode(instanceId)}\"></elsa-workflow-instance-viewer>"));

        // Where the editor's Run button sends the browser (relative to <base href>): reloading that address opens the viewer.
        studio.MapGet("/workflows/instances/{instanceId}/view", (HttpContext context, string instanceId) =>
            Results.Redirect(StudioPath(context, "instances/" + Uri.EscapeDataString(instanceId))));
        return app;
    }

    /// <summary>"/studio/…" under the request's path base (a site mounted at /bpm gets "/bpm/studio/…").</summary>
    private static string StudioPath(HttpContext context, string relative) => $"{context.Request.PathBase}{Prefix}/{relative}";

    private static IResult Page(HttpContext context, string title, string navigation, string elementHtml)
    {
        // Blazor refuses a page address outside its base: "/studio" must become "/studio/".
        if (string.Equals(context.Request.Path.Value, Prefix, StringComparison.OrdinalIgnoreCase))
        {
            return Results.Redirect(StudioPath(context, "") + context.Request.QueryString);
        }

        var options = context.RequestServices.GetRequiredService<IOptions<StudioOptions>>().Value;
        var header = WebHeader.For(context, NavigationLinks(context), StudioPath(context, navigation.TrimStart('/')));
        if (!Directory.Exists(Path.Combine(options.Folder, "_framework")))
        {
            var message = $"<main class=\"bpm-login\"><p class=\"bpm-error\" role=\"alert\">{HtmlText.Encode(WebTexts.StudioMissing)}</p><p>{HtmlText.Encode(options.Folder)}</p></main>";
            return new WebPage { Title = title, Header = header, BodyHtml = message }.ToResult(StatusCodes.Status503ServiceUnavailable);
        }

        var token = context.RequestServices.GetRequiredService<StudioAccessToken>().For(context.User);
        var body =
            $"<elsa-backend-provider remote-endpoint=\"{HtmlText.Encode(RemoteEndpoint(context.Request))}\" access-token=\"{HtmlText.Encode(token)}\"></elsa-backend-provider>\n" +
            $"<main class=\"bpm-studio\">{elementHtml}</main>\n" +
            $"<div id=\"blazor-error-ui\" style=\"display:none\">{HtmlText.Encode(WebTexts.UnhandledError)} <a href=\"\" class=\"reload\">{HtmlText.Encode(WebTexts.Reload)}</a> <a class=\"dismiss\">🗙</a></div>";
        return new WebPage
        {
            Title = title,
            BaseHref = StudioPath(context, ""),
            Stylesheets = Stylesheets,
            Scripts = Scripts,
            Header = header,
            BodyHtml = body,
            InlineScript = NavigationScript(StudioPath(context, "")),
        }.ToResult();
    }

    private static IReadOnlyList<WebLink> NavigationLinks(HttpContext context) =>
    [
        new(WebTexts.WorkflowDefinitions, StudioPath(context, "")),
        new(WebTexts.WorkflowInstances, StudioPath(context, "instances")),
    ];

    /// <summary>
    /// Absolute, without a trailing slash (Studio resolves a relative one to file:///, and a trailing slash gives
    /// "//workflow-definitions"): "http://127.0.0.1:5000/elsa/api".
    /// </summary>
    public static string RemoteEndpoint(HttpRequest request) =>
        UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase, ElsaApi.Prefix);

    /// <summary>
    /// Wires the elements' callbacks to our pages (row click in a list, "edit" in the viewer) and follows the editor's Run
    /// button, which only pushes "workflows/instances/{id}/view" onto the history (no page load), to the viewer.
    /// </summary>
    private static string NavigationScript(string studioBase) => $$"""
        (function () {
          const studio = {{HtmlText.ScriptString(studioBase)}};
          function onEach(tag, property, handler) {
            customElements.whenDefined(tag).then(function () {
              document.querySelectorAll(tag).forEach(function (element) { element[property] = handler; });
            });
          }
          function go(relative, id) { location.assign(studio + relative + encodeURIComponent(id)); }
          onEach('elsa-workflow-definition-list', 'editWorkflowDefinition', function (id) { go('definitions/', id); });
          onEach('elsa-workflow-instance-viewer', 'editWorkflowDefinition', function (id) { go('definitions/', id); });
          onEach('elsa-workflow-instance-list', 'viewWorkflowInstance', function (id) { go('instances/', id); });
          const runView = studio + 'workflows/instances/';
          const pushState = history.pushState;
          history.pushState = function () {
            pushState.apply(history, arguments);
            const path = location.pathname;
            if (path.indexOf(runView) === 0 && /\/view$/.test(path)) {
              location.assign(studio + 'instances/' + path.substring(runView.length, path.length - '/view'.length));
            }
          };
        })();
        """;
}
