namespace Bpm.Server.Auth;

/// <summary>The <c>Auth</c> section: how long a bearer token from <c>POST /api/auth/token</c> stays valid.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Lifetime of an access token, e.g. <c>"08:00:00"</c> = one working day; must be positive.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);
}
