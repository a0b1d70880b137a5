using Bpm.Application.Notices;
using Bpm.Domain.Notices;
using Bpm.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>Notices as rows; nobody but the reader changes one (marking it read), so there is no version.</summary>
internal sealed class EfNoticeStore(BpmDbContext db) : INoticeStore
{
    public async Task AddAsync(IReadOnlyCollection<Notice> notices, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notices);
        if (notices.Count == 0)
        {
            return;
        }

        await db.InsertAsync([.. notices], cancellationToken);
    }

    /// <summary>
    /// Addressed to the user, or to the user's unit for everyone (role None) or for a role the user holds: a 督办 to
    /// 纳税服务科/Approver reaches that unit's approvers, not its handlers and not another unit's approvers.
    /// </summary>
    public async Task<NoticePage> ListAsync(NoticeQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var userId = query.UserId;
        var unitId = query.UnitId;

        // Roles are stored by name ("Approver"), so "a role the user holds" is a list of names, not a bit test.
        var heldRoles = Enum.GetValues<Roles>().Where(r => r != Roles.None && query.Roles.HasFlag(r)).ToList();

        var notices = db.Notices.AsNoTracking()
            .Where(n => n.RecipientUserId == userId
                        || (unitId != null && n.RecipientUnitId == unitId && (n.RecipientRoles == Roles.None || heldRoles.Contains(n.RecipientRoles))));
        if (query.UnreadOnly)
        {
            notices = notices.Where(n => n.ReadAt == null);
        }

        var page = Math.Max(1, query.Page);
        var size = Math.Clamp(query.PageSize, 1, 500);
        var total = await notices.CountAsync(cancellationToken);
        var items = await notices.OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Skip((page - 1) * size).Take(size).ToListAsync(cancellationToken);
        return new NoticePage(items, total, page, size);
    }

    public async Task<IReadOnlyList<Notice>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken) =>
        await db.Notices.AsNoTracking().Where(n => n.RequestId == requestId)
            .OrderBy(n => n.CreatedAt).ThenBy(n => n.Id).ToListAsync(cancellationToken);

    public Task<Notice?> FindAsync(Guid noticeId, CancellationToken cancellationToken) =>
        db.Notices.SingleOrDefaultAsync(n => n.Id == noticeId, cancellationToken);

    public async Task UpdateAsync(Notice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (db.Entry(notice).State == EntityState.Detached)
        {
            db.Notices.Update(notice);
        }

        await db.SaveChangesAsync(cancellationToken);
    }
}
