using Bpm.Application.Users;
using Bpm.Domain.Users;
using Bpm.Persistence.Configurations;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

internal sealed class EfUserStore(BpmDbContext db) : IUserStore
{
    public async Task AddAsync(User user, CancellationToken cancellationToken)
    {
        db.Users.Add(user);
        db.Entry(user).Property(UserConfiguration.NormalizedUserName).CurrentValue = Normalize(user.UserName);
        await db.SaveChangesAsync(cancellationToken);
    }

    public Task<User?> FindByUserNameAsync(string userName, CancellationToken cancellationToken)
    {
        var normalized = Normalize(userName);
        return db.Users.AsNoTracking()
            .SingleOrDefaultAsync(u => EF.Property<string>(u, UserConfiguration.NormalizedUserName) == normalized, cancellationToken);
    }

    public async Task<IReadOnlyList<User>> ListAsync(Guid? bureauId, CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking().Where(u => bureauId == null || u.BureauId == bureauId)
            .OrderBy(u => u.UserName).ToListAsync(cancellationToken);

    private static string Normalize(string userName) => userName.Trim().ToLowerInvariant();
}
