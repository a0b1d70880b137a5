using Bpm.Application.Audit;
using Bpm.Application.Bureaus;
using Bpm.Application.Users;
using Bpm.Domain;
using Bpm.Domain.Audit;
using Bpm.Domain.Users;

namespace Bpm.Application.Administration;

/// <summary>
/// 安全管理员 (三权分立): unlocks a locked account, resets a password and assigns roles — the only one who grants the three admin
/// roles — for users of the bureau subtree; nothing else (no business settings, no audit rows). Each action is audited
/// (SecurityChange) in the same transaction. Example: xt.security unlocks xt.hall after five wrong passwords and makes xt.analyst
/// 审计管理员; wlcb.security asking for xt.hall gets 404; xt.admin gets 403; xt.security changing its own roles gets 400.
/// </summary>
public sealed class SecurityAdministrationService(IUserStore users, IBureauStore bureaus, IPasswordHashing passwords, IAuditTrail audit, IUnitOfWork unitOfWork)
{
    public async Task UnlockAsync(Guid userId, ICurrentUser actor, CancellationToken cancellationToken)
    {
        var user = await TargetAsync(userId, actor, cancellationToken);
        await unitOfWork.InTransactionAsync(async ct =>
        {
            await users.ClearSignInFailuresAsync(user.Id, ct);
            await audit.AppendAsync(new AuditEvent(AuditKind.SecurityChange, AuditEvent.UserSubject(user.UserName), "unlocked", user.BureauId), null, ct);
            return true;
        }, cancellationToken);
    }

    /// <exception cref="DomainValidationException">the new password breaks <see cref="PasswordPolicy"/> (field "password").</exception>
    public async Task ResetPasswordAsync(Guid userId, string? newPassword, ICurrentUser actor, CancellationToken cancellationToken)
    {
        var user = await TargetAsync(userId, actor, cancellationToken);
        if (PasswordPolicy.Problem(newPassword, user.UserName) is { } weak)
        {
            throw new DomainValidationException([new FieldError("password", weak)]);
        }

        await unitOfWork.InTransactionAsync(async ct =>
        {
            await users.SavePasswordHashAsync(user.Id, passwords.Hash(user, newPassword!), ct);
            await users.ClearSignInFailuresAsync(user.Id, ct);
            await audit.AppendAsync(new AuditEvent(AuditKind.SecurityChange, AuditEvent.UserSubject(user.UserName), "password reset", user.BureauId), null, ct);
            return true;
        }, cancellationToken);
    }

    /// <summary>The users of the security admin's subtree, by bureau (tree order) and user name.</summary>
    public async Task<IReadOnlyList<User>> ListUsersAsync(ICurrentUser actor, CancellationToken cancellationToken)
    {
        EnsureSecurityAdmin(actor);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var subtree = tree.Subtree(actor.BureauId).Select((b, order) => (b.Id, order)).ToDictionary(x => x.Id, x => x.order);
        var all = await users.ListAsync(null, cancellationToken);
        return [.. all.Where(u => subtree.ContainsKey(u.BureauId)).OrderBy(u => subtree[u.BureauId]).ThenBy(u => u.UserName, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Sets a user's roles. Example: xt.security makes xt.analyst 审计管理员 (roles [AuditAdmin]) → the change is audited as
    /// "roles Analyst → AuditAdmin".
    /// </summary>
    /// <exception cref="DomainValidationException">
    /// field roles: none chosen, two of the three admin roles (三权分立), the actor's own account, or 承办人 for a user without a unit.
    /// </exception>
    public async Task<User> AssignRolesAsync(Guid userId, Roles roles, ICurrentUser actor, CancellationToken cancellationToken)
    {
        var user = await TargetAsync(userId, actor, cancellationToken);
        var errors = new List<FieldError>();
        if (user.Id == actor.UserId)
        {
            errors.Add(new FieldError("roles", "不能修改自己的角色（三权分立：由另一位安全管理员修改）"));
        }

        if (roles == Roles.None)
        {
            errors.Add(new FieldError("roles", "请至少选择一个角色"));
        }
        else if ((roles & ~DirectoryAdministrationService.AllRoles) != 0)
        {
            errors.Add(new FieldError("roles", "角色无效"));
        }
        else if (SeparationOfDuties.Problem(roles) is { } duties)
        {
            errors.Add(new FieldError("roles", duties));
        }

        if ((roles & Roles.Handler) != 0 && user.UnitId is null)
        {
            errors.Add(new FieldError("roles", "承办人必须属于一个单位：请系统管理员先为该用户指定单位"));
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        var before = user.Roles;
        user.Assign(user.BureauId, user.UnitId, roles);
        await unitOfWork.InTransactionAsync(async ct =>
        {
            if (!await users.SaveAssignmentAsync(user, ct))
            {
                throw new NotFoundException("没有这个用户");
            }

            await audit.AppendAsync(new AuditEvent(AuditKind.SecurityChange, AuditEvent.UserSubject(user.UserName), $"roles {before} → {roles}", user.BureauId), null, ct);
            return true;
        }, cancellationToken);
        return user;
    }

    private static void EnsureSecurityAdmin(ICurrentUser actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if ((actor.Roles & Roles.SecurityAdmin) == 0)
        {
            throw new AccessDeniedException("只有安全管理员可以管理账户和分配角色");
        }
    }

    private async Task<User> TargetAsync(Guid userId, ICurrentUser actor, CancellationToken cancellationToken)
    {
        EnsureSecurityAdmin(actor);

        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var user = await users.FindAsync(userId, cancellationToken);
        return user is not null && BureauScope.Below(tree, actor.BureauId).Contains(user.BureauId)
            ? user
            : throw new NotFoundException("没有这个用户");
    }
}
