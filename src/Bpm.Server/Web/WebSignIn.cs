using Bpm.Application.Users;
using Bpm.Server.Auth;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Web;

/// <summary>
/// Sign-in for the web pages (Studio host pages now, the handler/admin UI later): a cookie of its own, used only by
/// endpoints that ask for <see cref="SignedInPolicy"/>. The API keeps bearer tokens as the default scheme, so
/// <c>/api/me</c> or <c>/elsa/api/…</c> without a token still answer 401 (never a redirect), and a cookie alone never
/// authorizes an API call (no cross-site request forgery through the API).
/// Example: <c>GET /studio/</c> without the cookie → 302 to <c>/account/login?returnUrl=%2Fstudio%2F</c>.
/// </summary>
public static class WebSignIn
{
    public const string CookieScheme = "BpmWeb";

    /// <summary>Policy for web pages: a user signed in with the web cookie; otherwise a redirect to the sign-in page.</summary>
    public const string SignedInPolicy = "WebSignedIn";

    public static IServiceCollection AddBpmWebSignIn(this IServiceCollection services)
    {
        services.AddScoped<PasswordCheck>();
        services.AddSingleton<IPasswordHashing, PasswordHashing>();
        services.AddScoped<Application.Administration.DirectoryAdministrationService>();
        services.AddScoped<Application.Administration.SecurityAdministrationService>();
        services.AddAntiforgery(options => options.Cookie.Name = "Bpm.Antiforgery");
        services.AddAuthentication().AddCookie(CookieScheme);

        // The session ends after Auth:IdleTimeoutMinutes (30) without a request, renewed while the user keeps working. The
        // cookie handler checks expiry against the TimeProvider of the container (tests drive it with a ManualTimeProvider).
        services.AddOptions<CookieAuthenticationOptions>(CookieScheme)
            .Configure<IOptions<AuthOptions>>((cookie, auth) =>
            {
                cookie.Cookie.Name = "Bpm.SignIn";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = WebPaths.Login;
                cookie.LogoutPath = WebPaths.Logout;
                cookie.AccessDeniedPath = WebPaths.Denied;
                cookie.ReturnUrlParameter = WebPaths.ReturnUrlParameter;
                cookie.ExpireTimeSpan = TimeSpan.FromMinutes(auth.Value.IdleTimeoutMinutes);
                cookie.SlidingExpiration = true;
            });
        services.AddAuthorization(options => options.AddPolicy(SignedInPolicy, policy => policy
            .AddAuthenticationSchemes(CookieScheme)
            .RequireAuthenticatedUser()));
        return services;
    }

    /// <summary>Pages of this group need a signed-in web user (see <see cref="SignedInPolicy"/>).</summary>
    public static TBuilder RequireWebSignIn<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(SignedInPolicy);
}
