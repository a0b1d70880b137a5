using System.Security.Claims;
using Bpm.Application.Users;
using Bpm.Domain.Users;

namespace Bpm.Server.Auth;

/// <summary>
/// <see cref="ICurrentUser"/> read from the request's bearer token. Only valid inside endpoints that
/// require an authenticated user; anywhere else reading it is a programming error.
/// </summary>
internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal Principal =>
        accessor.HttpContext?.User is { Identity.IsAuthenticated: true } user
            ? user
            : throw new InvalidOperationException("no signed-in user: ICurrentUser is only available in endpoints that require authorization");

    public Guid UserId => Principal.RequiredGuid(ClaimTypes.NameIdentifier);

    public string UserName => Principal.Identity!.Name ?? "";

    public string DisplayName => Principal.FindFirstValue(BpmClaims.DisplayName) ?? UserName;

    public Guid BureauId => Principal.RequiredGuid(BpmClaims.BureauId);

    public Guid? UnitId => Principal.HasClaim(c => c.Type == BpmClaims.UnitId) ? Principal.RequiredGuid(BpmClaims.UnitId) : null;

    public Roles Roles => Principal.FindAll(ClaimTypes.Role)
        .Select(c => Enum.TryParse<Roles>(c.Value, out var role) ? role : Roles.None)
        .Aggregate(Roles.None, (all, role) => all | role);
}
