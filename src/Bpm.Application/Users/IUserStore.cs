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
}
