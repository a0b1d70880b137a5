using Bpm.Domain.Users;

namespace Bpm.Server.WebUi.Layout;

/// <summary>A link of the header bar: its text key in <c>SharedText</c>, its address, and who sees it.</summary>
public sealed record UiLink(string TextKey, string Href, Roles SeenBy);

/// <summary>
/// The web UI's areas and their addresses, in one place. A user sees a link when holding any of its roles:
/// a hall officer (Handler) sees 待办, 登记诉求 and 诉求台账; an analyst sees 诉求台账 and 统计分析.
/// The pages themselves check the same roles (a hidden link is not the protection).
/// </summary>
public static class UiNavigation
{
    public const string Inbox = "/inbox";
    public const string Register = "/requests/new";
    public const string Requests = "/requests";
    public const string Dashboard = "/dashboard";
    public const string Collections = "/collections";
    public const string Admin = "/admin";
    public const string Designer = "/studio/";
    public const string Library = "/library";
    public const string Security = "/security/users";

    /// <summary>The page of one request: <c>/requests/{id}</c>.</summary>
    public static string Request(Guid id) => $"{Requests}/{id}";

    /// <summary>A taxpayer's profile: <c>/taxpayers/91429004MA4XXXXXXX</c>.</summary>
    public static string Taxpayer(string creditCode) => $"/taxpayers/{Uri.EscapeDataString(creditCode)}";

    /// <summary>The form proposing a closed request for the library: <c>/library/propose/{requestId}</c>.</summary>
    public static string Propose(Guid requestId) => $"{Library}/propose/{requestId}";

    public static readonly IReadOnlyList<UiLink> All =
    [
        new("NavInbox", Inbox, Roles.Handler | Roles.Approver),
        new("NavRegister", Register, Roles.Handler),
        new("NavRequests", Requests, Roles.Handler | Roles.Approver | Roles.Analyst | Roles.Administrator),
        new("NavLibrary", Library, Roles.Handler | Roles.Approver | Roles.Analyst),
        new("NavDashboard", Dashboard, Roles.Analyst | Roles.Approver | Roles.Administrator),
        new("NavCollections", Collections, Roles.Handler | Roles.Approver | Roles.Analyst | Roles.Administrator),
        new("NavAdmin", Admin, Roles.Administrator),
        new("NavDesigner", Designer, Roles.ProcessOwner),
        new("NavSecurity", Security, Roles.SecurityAdmin),
    ];

    public static IEnumerable<UiLink> LinksFor(Roles roles) => All.Where(link => (link.SeenBy & roles) != 0);

    /// <summary>
    /// Where "/" sends a user: handlers and approvers to the inbox, analysts to the dashboard, administrators to the
    /// administration, process owners to the designer, security admins to accounts and roles; anyone else to the request list.
    /// </summary>
    public static string HomeFor(Roles roles) =>
        (roles & (Roles.Handler | Roles.Approver)) != 0 ? Inbox
        : roles.HasFlag(Roles.Analyst) ? Dashboard
        : roles.HasFlag(Roles.Administrator) ? Admin
        : roles.HasFlag(Roles.ProcessOwner) ? Designer
        : roles.HasFlag(Roles.SecurityAdmin) ? Security
        : Requests;
}
