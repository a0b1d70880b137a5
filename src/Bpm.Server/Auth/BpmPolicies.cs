using Bpm.Domain.Users;
using Microsoft.AspNetCore.Authorization;

namespace Bpm.Server.Auth;

/// <summary>One authorization policy per role, named like the role: <c>.RequireAuthorization(BpmPolicies.Handler)</c>.</summary>
public static class BpmPolicies
{
    public const string ProcessOwner = nameof(Roles.ProcessOwner);
    public const string Handler = nameof(Roles.Handler);
    public const string Approver = nameof(Roles.Approver);
    public const string Administrator = nameof(Roles.Administrator);
    public const string Analyst = nameof(Roles.Analyst);

    /// <summary>安全管理员: unlocks accounts, resets passwords.</summary>
    public const string SecurityAdmin = nameof(Roles.SecurityAdmin);

    /// <summary>审计管理员: reads the audit log and access logs.</summary>
    public const string AuditAdmin = nameof(Roles.AuditAdmin);

    public static void AddRolePolicies(this AuthorizationOptions options)
    {
        foreach (var role in new[] { ProcessOwner, Handler, Approver, Administrator, Analyst, SecurityAdmin, AuditAdmin })
        {
            options.AddPolicy(role, policy => policy.RequireAuthenticatedUser().RequireRole(role));
        }
    }
}
