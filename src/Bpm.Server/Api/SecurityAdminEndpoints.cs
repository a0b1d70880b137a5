using Bpm.Application.Administration;
using Bpm.Application.Users;
using Bpm.Server.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Bpm.Server.Api;

/// <summary>Body of <c>POST /api/security/users/{userId}/password</c>.</summary>
public sealed record ResetPasswordBody(string? Password);

/// <summary>Body of <c>PUT /api/security/users/{userId}/roles</c>, e.g. <c>{"roles":["AuditAdmin"]}</c>.</summary>
public sealed record RoleAssignmentBody(IReadOnlyList<string>? Roles);

/// <summary>
/// 安全管理员 only (三权分立): <c>POST /api/security/users/{userId}/unlock</c> (204), <c>POST …/password</c> (204; 400 names a weak
/// password) and <c>PUT …/roles</c> (200 with the user; 400 on roles: none, two admin roles, one's own account). A user outside
/// the security admin's bureau subtree answers 404.
/// </summary>
public static class SecurityAdminEndpoints
{
    public static RouteGroupBuilder MapSecurityAdminEndpoints(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/security/users/{userId:guid}").WithTags("SecurityAdmin").RequireAuthorization(BpmPolicies.SecurityAdmin);
        users.MapPost("/unlock", UnlockAsync).WithName("UnlockUser").WithSummary("Ends a lockout").ProducesProblem(StatusCodes.Status404NotFound);
        users.MapPost("/password", ResetPasswordAsync).WithName("ResetUserPassword").WithSummary("Sets a new password").ProducesValidationProblem();
        users.MapPut("/roles", AssignRolesAsync).WithName("AssignUserRoles").WithSummary("Sets a user's roles, the three admin roles included")
            .ProducesValidationProblem();
        return api;
    }

    public static async Task<NoContent> UnlockAsync(Guid userId, ICurrentUser user, SecurityAdministrationService security, CancellationToken cancellationToken)
    {
        await security.UnlockAsync(userId, user, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<NoContent> ResetPasswordAsync(
        Guid userId, ResetPasswordBody body, ICurrentUser user, SecurityAdministrationService security, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        await security.ResetPasswordAsync(userId, body.Password, user, cancellationToken);
        return TypedResults.NoContent();
    }

    public static async Task<Ok<AdminUserDto>> AssignRolesAsync(
        Guid userId, RoleAssignmentBody body, ICurrentUser user, SecurityAdministrationService security, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var changed = await security.AssignRolesAsync(userId, AdminDirectoryEndpoints.RolesOf(body.Roles), user, cancellationToken);
        return TypedResults.Ok(AdminDirectoryEndpoints.ToDto(changed));
    }
}
