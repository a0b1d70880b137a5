namespace Bpm.Server.Web;

/// <summary>Addresses of the web pages, in one place (links, redirects and the cookie's sign-in path use them).</summary>
public static class WebPaths
{
    public const string Login = "/account/login";
    public const string Logout = "/account/logout";
    public const string ReturnUrlParameter = "returnUrl";

    /// <summary>Where a sign-in without a <c>returnUrl</c> lands: the web UI's home, which sends each role to its area.</summary>
    public const string Home = "/";

    /// <summary>A signed-in user without the page's role: 403 with a link home, never the page.</summary>
    public const string Denied = "/ui/denied";

    /// <summary>
    /// True for a path on this site: "/studio/", "/studio/definitions/x?y=1". False for anything that could leave it:
    /// "https://evil.example/", "//evil.example", "/\evil.example", "studio/", "" or text with control characters.
    /// </summary>
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url) || url[0] != '/')
        {
            return false;
        }

        if (url.Length > 1 && (url[1] == '/' || url[1] == '\\'))
        {
            return false;
        }

        return !url.Any(char.IsControl);
    }

    /// <summary>The sign-in page that returns to <paramref name="returnUrl"/> afterwards.</summary>
    public static string LoginReturningTo(string returnUrl) =>
        $"{Login}?{ReturnUrlParameter}={Uri.EscapeDataString(returnUrl)}";
}
