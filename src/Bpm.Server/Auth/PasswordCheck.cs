using Bpm.Application.Audit;
using Bpm.Application.Users;
using Bpm.Domain.Audit;
using Bpm.Domain.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Bpm.Server.Auth;

/// <summary>
/// The one password check behind every sign-in (the API's <c>POST /api/auth/token</c> and the web page <c>/account/login</c>).
/// Lockout: the 5th wrong password in a row (Auth:MaxFailedAttempts) locks the account for 15 minutes (Auth:LockoutMinutes),
/// counted in the database (survives a restart, shared by every server node); while locked even the right password fails.
/// The answer is the same for an unknown user, a wrong password and a locked account, and an unknown user name costs as
/// much time (a decoy hash is verified), so no sign-in reveals who has an account. Every attempt is audited
/// (SignIn, SignInFailed, and SecurityChange when an account locks).
/// Example: ("XT.Owner", "Bpm@2026demo") finds the demo user <c>xt.owner</c> (names compare without case).
/// </summary>
public sealed class PasswordCheck(IUserStore users, IAuditTrail audit, TimeProvider time, IOptions<AuthOptions> options)
{
    /// <summary>Same answer for an unknown user, a wrong password and a locked account.</summary>
    public const string SignInFailed = "用户名或密码错误，或账户已被临时锁定 (wrong user name or password, or the account is locked for a while)";

    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>Verified when the user does not exist or is locked, so that every failure takes as long (no user enumeration by timing).</summary>
    private static readonly Lazy<(User User, string Hash)> Decoy = new(() =>
    {
        var user = new User(Guid.Empty, "decoy", "decoy", Guid.Empty, null, Roles.None);
        return (user, Hasher.HashPassword(user, Guid.NewGuid().ToString()));
    });

    /// <summary>The user whose name (trimmed, any case) and password match and who is not locked out; null otherwise.</summary>
    /// <param name="via">"api" or "web", written into the audit row.</param>
    public async Task<User?> FindUserAsync(string userName, string password, CancellationToken cancellationToken, string via = "api")
    {
        var name = userName.Trim();
        var user = await users.FindByUserNameAsync(name, cancellationToken);
        var now = time.GetUtcNow();
        if (user is null || user.IsLockedAt(now))
        {
            _ = Hasher.VerifyHashedPassword(Decoy.Value.User, Decoy.Value.Hash, password);
            var reason = user is null ? "unknown user name" : $"account locked until {user.LockedUntil:yyyy-MM-dd'T'HH:mm'Z'}";
            await audit.AppendAsync(
                new AuditEvent(AuditKind.SignInFailed, AuditEvent.UserSubject(Printable(name)), $"{via}: {reason}", user?.BureauId),
                new AuditActor(user?.Id, Printable(name), user?.BureauId), cancellationToken);
            return null;
        }

        var actor = new AuditActor(user.Id, user.UserName, user.BureauId);
        if (Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed)
        {
            var settings = options.Value;
            var locked = await users.RecordFailedSignInAsync(user.Id, now, settings.MaxFailedAttempts, TimeSpan.FromMinutes(settings.LockoutMinutes), cancellationToken);
            await audit.AppendAsync(new AuditEvent(AuditKind.SignInFailed, AuditEvent.UserSubject(user.UserName), $"{via}: wrong password", user.BureauId), actor, cancellationToken);
            if (locked)
            {
                await audit.AppendAsync(
                    new AuditEvent(AuditKind.SecurityChange, AuditEvent.UserSubject(user.UserName),
                        $"locked for {settings.LockoutMinutes} minutes after {settings.MaxFailedAttempts} wrong passwords", user.BureauId),
                    actor, cancellationToken);
            }

            return null;
        }

        if (user.FailedSignIns > 0 || user.LockedUntil is not null)
        {
            await users.ClearSignInFailuresAsync(user.Id, cancellationToken);
        }

        await audit.AppendAsync(new AuditEvent(AuditKind.SignIn, AuditEvent.UserSubject(user.UserName), $"{via}: signed in", user.BureauId), actor, cancellationToken);
        return user;
    }

    /// <summary>What an unknown name may put into the audit log: at most 64 characters, control characters dropped.</summary>
    private static string Printable(string name)
    {
        var clean = new string([.. name.Where(c => !char.IsControl(c))]);
        return clean.Length <= 64 ? clean : clean[..64];
    }
}
