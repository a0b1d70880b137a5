using Bpm.Application.Users;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Auth;

public static class AuthSetup
{
    /// <summary>
    /// ASP.NET Core's own bearer tokens (opaque, data-protected; no extra package), one policy per role and
    /// <see cref="ICurrentUser"/> from the token. Token lifetime from <see cref="AuthOptions"/>.
    /// </summary>
    public static IServiceCollection AddBpmAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AuthOptions>()
            .Bind(configuration.GetSection(AuthOptions.Section))
            .Validate(o => o.TokenLifetime > TimeSpan.Zero, $"{AuthOptions.Section}:{nameof(AuthOptions.TokenLifetime)} must be positive, e.g. 08:00:00")
            .Validate(o => o.MaxFailedAttempts is >= 1 and <= 20, $"{AuthOptions.Section}:{nameof(AuthOptions.MaxFailedAttempts)} must be 1–20, e.g. 5")
            .Validate(o => o.LockoutMinutes >= 1, $"{AuthOptions.Section}:{nameof(AuthOptions.LockoutMinutes)} must be at least 1, e.g. 15")
            .Validate(o => o.IdleTimeoutMinutes >= 1, $"{AuthOptions.Section}:{nameof(AuthOptions.IdleTimeoutMinutes)} must be at least 1, e.g. 30")
            .ValidateOnStart();
        services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme).AddBearerToken();
        services.AddOptions<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((bearer, auth) => bearer.BearerTokenExpiration = auth.Value.TokenLifetime);
        services.AddAuthorization(options => options.AddRolePolicies());
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<Bpm.Application.Audit.IAuditActorSource, HttpAuditActor>();
        return services;
    }
}
