using Bpm.Application.Audit;
using Bpm.Application.Users;
using Bpm.Domain.Audit;
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
        return await AuditedAsync(
            new AuditEvent(AuditKind.AdminChange, AuditEvent.UserSubject(user.UserName), $"assigned: roles {user.Roles}, bureau {user.BureauId:D}, unit {user.UnitId?.ToString("D") ?? "none"}", user.BureauId),
            async () => await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(
                set => set.SetProperty(u => u.BureauId, user.BureauId).SetProperty(u => u.UnitId, user.UnitId).SetProperty(u => u.Roles, user.Roles),
                cancellationToken) == 1,
            cancellationToken);
    }

    public async Task<bool> RecordFailedSignInAsync(Guid userId, DateTimeOffset now, int maxAttempts, TimeSpan lockout, CancellationToken cancellationToken)
    {
        await using var own = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set.SetProperty(u => u.FailedSignIns, u => u.FailedSignIns + 1), cancellationToken);
        var locked = await db.Users.Where(u => u.Id == userId && u.FailedSignIns >= maxAttempts).ExecuteUpdateAsync(
            set => set.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntil, now + lockout), cancellationToken) == 1;
        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return locked;
    }

    public Task ClearSignInFailuresAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.Where(u => u.Id == userId && (u.FailedSignIns != 0 || u.LockedUntil != null))
            .ExecuteUpdateAsync(set => set.SetProperty(u => u.FailedSignIns, 0).SetProperty(u => u.LockedUntil, (DateTimeOffset?)null), cancellationToken);

    public async Task<bool> SavePasswordHashAsync(Guid userId, string passwordHash, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == userId).ExecuteUpdateAsync(set => set.SetProperty(u => u.PasswordHash, passwordHash), cancellationToken) == 1;

    /// <summary>A set-based write and its audit row in one transaction (the caller's, or one of its own).</summary>
    private async Task<bool> AuditedAsync(AuditEvent auditEvent, Func<Task<bool>> write, CancellationToken cancellationToken)
    {
        await using var own = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
        var written = await write();
        if (written)
        {
            db.Audit.Add(db.Database.CurrentTransaction!, [auditEvent]);
        }

        if (own is not null)
        {
            await own.CommitAsync(cancellationToken);
        }

        return written;
    }

    private static string Normalize(string userName) => userName.Trim().ToLowerInvariant();
}
