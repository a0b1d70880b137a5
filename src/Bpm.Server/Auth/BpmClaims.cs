using System.Globalization;
using System.Security.Claims;
using Bpm.Domain.Users;
using Microsoft.AspNetCore.Authentication.BearerToken;

namespace Bpm.Server.Auth;

/// <summary>
/// What a token says about its user. The token is opaque (data-protected), so these names are ours:
/// user id as NameIdentifier, user name as Name, one Role claim per <see cref="Roles"/> flag
/// (Handler | Approver → two claims), plus display name, bureau and unit.
/// </summary>
public static class BpmClaims
{
    public const string DisplayName = "bpm:display_name";
    public const string BureauId = "bpm:bureau_id";
    public const string UnitId = "bpm:unit_id";

    /// <param name="authenticationType">the scheme the principal is signed in with: bearer tokens (the API) or the web cookie.</param>
    public static ClaimsPrincipal PrincipalFor(User user, string authenticationType = BearerTokenDefaults.AuthenticationScheme)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, user.Id.ToString()),
            new(ClaimTypes.Name, user.UserName),
            new(DisplayName, user.DisplayName),
            new(BureauId, user.BureauId.ToString()),
        };
        if (user.UnitId is { } unitId)
        {
            claims.Add(new Claim(UnitId, unitId.ToString()));
        }

        claims.AddRange(RoleNames(user.Roles).Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>Handler | Approver → ["Handler", "Approver"]; None → [].</summary>
    public static IReadOnlyList<string> RoleNames(Roles roles) =>
        [.. Enum.GetValues<Roles>().Where(r => r != Roles.None && (roles & r) == r).Select(r => r.ToString())];

    public static Guid RequiredGuid(this ClaimsPrincipal principal, string type) =>
        principal.FindFirst(type) is { } claim && Guid.TryParse(claim.Value, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new InvalidOperationException($"the signed-in principal has no {type} claim");
}
