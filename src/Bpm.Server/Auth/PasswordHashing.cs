using Bpm.Application.Users;
using Bpm.Domain.Users;
using Microsoft.AspNetCore.Identity;

namespace Bpm.Server.Auth;

/// <summary>ASP.NET Core Identity's <see cref="PasswordHasher{TUser}"/>, the format <see cref="PasswordCheck"/> verifies.</summary>
public sealed class PasswordHashing : IPasswordHashing
{
    private static readonly PasswordHasher<User> Hasher = new();

    public string Hash(User user, string password) => Hasher.HashPassword(user, password);
}
