using Bpm.Domain.Users;

namespace Bpm.Application.Users;

/// <summary>The host's password hasher, the same one the sign-in verifies with (the domain never sees a password).</summary>
public interface IPasswordHashing
{
    string Hash(User user, string password);
}
