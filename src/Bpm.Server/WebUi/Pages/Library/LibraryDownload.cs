using Bpm.Server.Library;
using Bpm.Server.Web;
using Bpm.Server.WebUi.Layout;
using Microsoft.AspNetCore.Authorization;

namespace Bpm.Server.WebUi.Pages.Library;

/// <summary>
/// <c>GET /library/export?format=json|markdown&amp;kind=…</c>: the export of <c>/api/library/export</c> for the signed-in web user
/// (cookie), so the links on <c>/library</c> download without an API token. Same rules: published items the user may see.
/// </summary>
public static class LibraryDownload
{
    public const string Path = "/library/export";

    public static IEndpointRouteBuilder MapLibraryDownload(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, LibraryEndpoints.ExportAsync)
            .RequireAuthorization(new AuthorizeAttribute { Policy = WebSignIn.SignedInPolicy, Roles = UiRoles.LibraryReaders })
            .ExcludeFromDescription();
        return app;
    }
}
