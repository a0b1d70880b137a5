using Bpm.Domain.Users;

namespace Bpm.Application.Users;

public interface IUserStore
{
    Task AddAsync(User user, CancellationToken cancellationToken);

    /// <summary>User names compare without case: "Zhang.San" finds "zhang.san".</summary>
    Task<User?> FindByUserNameAsync(string userName, CancellationToken cancellationToken);

    Task<IReadOnlyList<User>> ListAsync(Guid? bureauId, CancellationToken cancellationToken);

    Task<User?> FindAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Saves a user's bureau, unit and roles (<see cref="User.Assign"/>); false if the user no longer exists.</summary>
    Task<bool> SaveAssignmentAsync(User user, CancellationToken cancellationToken);

    /// <summary>
    /// Counts one more wrong password, atomically (two failures at once both count); the one that reaches
    /// <paramref name="maxAttempts"/> locks the account until <paramref name="now"/> + <paramref name="lockout"/> and starts the count
    /// again. True when this failure locked it.
    /// </summary>
    Task<bool> RecordFailedSignInAsync(Guid userId, DateTimeOffset now, int maxAttempts, TimeSpan lockout, CancellationToken cancellationToken);

    /// <summary>A successful sign-in or a security administrator's unlock: no failures counted, no lock.</summary>
    Task ClearSignInFailuresAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>A password reset; false if the user no longer exists.</summary>
    Task<bool> SavePasswordHashAsync(Guid userId, string passwordHash, CancellationToken cancellationToken);
}
