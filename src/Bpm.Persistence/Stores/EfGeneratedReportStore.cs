using Bpm.Application.Reports;
using Bpm.Application.Requests;
using Bpm.Domain.Reports;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

internal sealed class EfGeneratedReportStore(BpmDbContext db) : IGeneratedReportStore
{
    /// <summary>The unique index (bureau, year, quarter) refuses a second report for the same quarter: that is a conflict.</summary>
    public async Task AddAsync(GeneratedReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        db.GeneratedReports.Add(report);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            db.Entry(report).State = EntityState.Detached;
            throw new ConcurrencyConflictException($"{report.Period} 的季度报告已存在");
        }
        finally
        {
            // The content can be megabytes: do not keep it tracked once written.
            if (db.Entry(report).State != EntityState.Detached)
            {
                db.Entry(report).State = EntityState.Detached;
            }
        }
    }

    public Task<bool> ExistsAsync(Guid bureauId, ReportQuarter quarter, CancellationToken cancellationToken) =>
        db.GeneratedReports.AnyAsync(r => r.BureauId == bureauId && r.Year == quarter.Year && r.Quarter == quarter.Quarter, cancellationToken);

    public async Task<IReadOnlyList<GeneratedReportInfo>> ListAsync(IReadOnlyCollection<Guid> bureauIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bureauIds);
        var ids = bureauIds.ToList();
        var found = await db.GeneratedReports.AsNoTracking().Where(r => ids.Contains(r.BureauId))
            .Select(r => new GeneratedReportInfo(r.Id, r.BureauId, r.Year, r.Quarter, r.FileName, r.Size, r.CreatedAt))
            .ToListAsync(cancellationToken);
        return [.. found.OrderByDescending(r => r.Year).ThenByDescending(r => r.Quarter).ThenBy(r => r.FileName, StringComparer.Ordinal)];
    }

    public Task<GeneratedReport?> FindAsync(Guid id, CancellationToken cancellationToken) =>
        db.GeneratedReports.AsNoTracking().SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
}
