namespace Bpm.Server.WebUi.Layout;

/// <summary>
/// Role lists for page attributes, e.g. <c>@attribute [Authorize(Roles = UiRoles.Handlers)]</c>. Combined with the
/// folder's web sign-in policy, a signed-in user without the role gets the "no access" page (403), never the data.
/// </summary>
public static class UiRoles
{
    public const string Handlers = "Handler";
    public const string TaskWorkers = "Handler,Approver";
    public const string Readers = "Handler,Approver,Analyst,Administrator";
    public const string Analysts = "Analyst,Approver,Administrator";
    public const string Administrators = "Administrator";
    public const string SecurityAdmins = "SecurityAdmin";
    public const string LibraryReaders = "Handler,Approver,Analyst";
}
