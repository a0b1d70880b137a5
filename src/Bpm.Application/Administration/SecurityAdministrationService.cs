using Bpm.Application.Audit;
using Bpm.Application.Bureaus;
using Bpm.Application.Users;
using Bpm.Domain;
using Bpm.Domain.Audit;
using Bpm.Domain.Users;

namespace Bpm.Application.Administration;

/// <summary>
/// 安全管理员 (三权分立): unlocks a locked account and resets a password, for users of the bureau subtree; nothing else (no
/// business settings, no audit rows). Each action is audited (SecurityChange) in the same transaction.
/// Example: xt.security unlocks xt.hall after five wrong passwords; wlcb.security asking for xt.hall gets 404; xt.admin gets 403.
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

    private async Task<User> TargetAsync(Guid userId, ICurrentUser actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if ((actor.Roles & Roles.SecurityAdmin) == 0)
        {
            throw new AccessDeniedException("只有安全管理员可以解锁账户或重置密码");
        }

        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var user = await users.FindAsync(userId, cancellationToken);
        return user is not null && BureauScope.Below(tree, actor.BureauId).Contains(user.BureauId)
            ? user
            : throw new NotFoundException("没有这个用户");
    }
}
