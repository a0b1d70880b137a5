using Bpm.Application.Users;
using Bpm.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace Bpm.Server.Auth;

/// <summary>
/// The one password check behind every sign-in (the API's <c>POST /api/auth/token</c> and the web page
/// <c>/account/login</c>). No lockout: a wrong password only answers "no". An unknown user name costs as much
/// time as a wrong password (a decoy hash is verified), so neither path reveals who has an account.
/// Example: ("XT.Owner", "Bpm@2026demo") finds the demo user <c>xt.owner</c> (names compare without case).
/// </summary>
public sealed class PasswordCheck(IUserStore users)
{
    /// <summary>Same answer for an unknown user and a wrong password, so no sign-in reveals who has an account.</summary>
    public const string SignInFailed = "用户名或密码错误 (wrong user name or password)";

    private static readonly PasswordHasher<User> Hasher = new();

    /// <summary>Verified when the user does not exist, so that both failures take as long (no user enumeration by timing).</summary>
    private static readonly Lazy<(User User, string Hash)> Decoy = new(() =>
    {
        var user = new User(Guid.Empty, "decoy", "decoy", Guid.Empty, null, Roles.None);
        return (user, Hasher.HashPassword(user, Guid.NewGuid().ToString()));
    });

    /// <summary>The user whose name (trimmed, any case) and password match; null for an unknown user or a wrong password.</summary>
    public async Task<User?> FindUserAsync(string userName, string password, CancellationToken cancellationToken)
    {
        var user = await users.FindByUserNameAsync(userName.Trim(), cancellationToken);
        if (user is null)
        {
            _ = Hasher.VerifyHashedPassword(Decoy.Value.User, Decoy.Value.Hash, password);
            return null;
        }

        return Hasher.VerifyHashedPassword(user, user.PasswordHash, password) == PasswordVerificationResult.Failed ? null : user;
    }
}
