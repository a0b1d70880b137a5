namespace Bpm.Server.Auth;

/// <summary>The <c>Auth</c> section: token lifetime, lockout, idle timeout of the web session.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Lifetime of an access token, e.g. <c>"08:00:00"</c> = one working day; must be positive.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>Wrong passwords in a row (API token and web sign-in together) before the account locks; default 5.</summary>
    public int MaxFailedAttempts { get; set; } = 5;

    /// <summary>How long a locked account stays locked; default 15 minutes.</summary>
    public int LockoutMinutes { get; set; } = 15;

    /// <summary>A web session unused this long ends (sliding: every page renews it); default 30 minutes.</summary>
    public int IdleTimeoutMinutes { get; set; } = 30;
}
