using Bpm.Domain.Reports;

namespace Bpm.Application.Reports;

/// <summary>The reports the schedule generated (table GeneratedReports, unique per bureau and quarter). Implementation: Bpm.Persistence.</summary>
public interface IGeneratedReportStore
{
    /// <summary>Stores the report; one for the same bureau and quarter exists already → ConcurrencyConflictException, nothing stored.</summary>
    Task AddAsync(GeneratedReport report, CancellationToken cancellationToken);

    Task<bool> ExistsAsync(Guid bureauId, ReportQuarter quarter, CancellationToken cancellationToken);

    /// <summary>The reports of these bureaus without their content, newest quarter first, then by bureau.</summary>
    Task<IReadOnlyList<GeneratedReportInfo>> ListAsync(IReadOnlyCollection<Guid> bureauIds, CancellationToken cancellationToken);

    /// <summary>The report with its content, untracked; null if none.</summary>
    Task<GeneratedReport?> FindAsync(Guid id, CancellationToken cancellationToken);
}

/// <summary>What a list of generated reports shows.</summary>
public sealed record GeneratedReportInfo(Guid Id, Guid BureauId, int Year, int Quarter, string FileName, int Size, DateTimeOffset CreatedAt);
