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

    public Task<User?> FindAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);

    public async Task<bool> SaveAssignmentAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var changed = await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(
            set => set.SetProperty(u => u.BureauId, user.BureauId).SetProperty(u => u.UnitId, user.UnitId).SetProperty(u => u.Roles, user.Roles),
            cancellationToken);
        return changed == 1;
    }

    private static string Normalize(string userName) => userName.Trim().ToLowerInvariant();
}
