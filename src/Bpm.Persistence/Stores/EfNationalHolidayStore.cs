using Bpm.Application.Administration;
using Bpm.Domain.Calendar;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

internal sealed class EfNationalHolidayStore(BpmDbContext db) : INationalHolidayStore
{
    public async Task<IReadOnlyList<int>> ListYearsAsync(CancellationToken cancellationToken) =>
        await db.PublishedHolidays.Select(h => h.Year).Distinct().OrderBy(y => y).ToListAsync(cancellationToken);

    /// <summary>Delete-then-insert in one transaction (the caller's, if it runs one): a reader sees the old year or the new one.</summary>
    public async Task ReplaceYearAsync(HolidayNotice notice, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        await using var transaction = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
        await db.PublishedHolidays.Where(h => h.Year == notice.Year).ExecuteDeleteAsync(cancellationToken);
        var rows = notice.ToRows().ToList();
        db.PublishedHolidays.AddRange(rows);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        finally
        {
            foreach (var row in rows)
            {
                db.Entry(row).State = EntityState.Detached;
            }
        }

        await Bpm.Persistence.Bureaus.BureauTreeCache.BumpAsync(db, cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }
}
