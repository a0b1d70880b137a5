using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Studio;

/// <summary>
/// Mints the bearer token a Studio page hands to Studio's elements (<c>access-token</c> attribute): the same kind of
/// token <c>POST /api/auth/token</c> issues (protected by the bearer scheme's own protector, so <c>/elsa/api</c> accepts
/// it like any other), carrying the signed-in web user's claims, valid for <see cref="StudioOptions.TokenLifetime"/>.
/// So Studio can do exactly what the user's role allows: a process owner edits and publishes, a handler reads.
/// Example: xt.owner opens /studio/ at 09:00 → a token for xt.owner (ProcessOwner) valid until 10:00.
/// </summary>
public sealed class StudioAccessToken(IOptionsMonitor<BearerTokenOptions> bearer, IOptions<StudioOptions> studio, TimeProvider time)
{
    public string For(ClaimsPrincipal webUser)
    {
        var identity = new ClaimsIdentity(webUser.Claims, BearerTokenDefaults.AuthenticationScheme, ClaimTypes.Name, ClaimTypes.Role);
        var now = time.GetUtcNow();
        var properties = new AuthenticationProperties { IssuedUtc = now, ExpiresUtc = now + studio.Value.TokenLifetime };
        var ticket = new AuthenticationTicket(new ClaimsPrincipal(identity), properties, BearerTokenDefaults.AuthenticationScheme);
        return bearer.Get(BearerTokenDefaults.AuthenticationScheme).BearerTokenProtector.Protect(ticket);
    }
}
