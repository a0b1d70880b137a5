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
            .ValidateOnStart();
        services.AddAuthentication(BearerTokenDefaults.AuthenticationScheme).AddBearerToken();
        services.AddOptions<BearerTokenOptions>(BearerTokenDefaults.AuthenticationScheme)
            .Configure<IOptions<AuthOptions>>((bearer, auth) => bearer.BearerTokenExpiration = auth.Value.TokenLifetime);
        services.AddAuthorization(options => options.AddRolePolicies());
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        return services;
    }
}
