using Bpm.Domain.Users;

namespace Bpm.Application.Users;

public interface IUserStore
{
    Task AddAsync(User user, CancellationToken cancellationToken);

    /// <summary>User names compare without case: "Zhang.San" finds "zhang.san".</summary>
    Task<User?> FindByUserNameAsync(string userName, CancellationToken cancellationToken);

    Task<IReadOnlyList<User>> ListAsync(Guid? bureauId, CancellationToken cancellationToken);
}
