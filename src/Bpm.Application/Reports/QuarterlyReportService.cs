using Bpm.Application.Bureaus;
using Bpm.Application.Collections;
using Bpm.Application.Requests;
using Bpm.Application.Statistics;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Collections;
using Bpm.Domain.Reports;

namespace Bpm.Application.Reports;

/// <summary>
/// Quarterly reports (按季度形成分析报告, seed 004 §三(五)) of a bureau's subtree: made on demand
/// (<see cref="ExportAsync"/>: API, CLI) and on a schedule (<see cref="GenerateDueAsync"/>: the periodic job), which on
/// the first working day of a quarter, from the collection opening time (09:00 local), stores each bureau's report for
/// the quarter just ended. Example: Q3 2026 ends Wed 09-30; Q4's first working day is Thu 10-08 (国庆), so the Q3 reports
/// are generated from 2026-10-08 09:00. Idempotent per bureau and quarter; a run later in the quarter catches up.
/// </summary>
public sealed class QuarterlyReportService(
    IBureauStore bureaus,
    IRequestStatistics statistics,
    IReportQueries queries,
    IGeneratedReportStore reports,
    IUnitOfWork unitOfWork,
    PeriodicDutiesOptions options,
    TimeProvider time)
{
    public const int TopCategoryCount = 10;

    /// <summary>At most this many overdue tasks are listed on the 超期 sheet (all are counted on 概况).</summary>
    public const int OverdueListLimit = 1000;

    public static string FileNameOf(Bureau bureau, ReportQuarter quarter)
    {
        ArgumentNullException.ThrowIfNull(bureau);
        return $"季度报告-{bureau.Code}-{quarter}.xlsx";
    }

    /// <summary>The report of the bureau's subtree for the quarter, as the bureau's clock sees the quarter's dates.</summary>
    public async Task<QuarterlyReport> BuildAsync(BureauTree tree, Guid bureauId, ReportQuarter quarter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var bureau = tree[bureauId];
        var clock = tree.ClockOf(bureauId);
        var period = new DashboardPeriod(quarter.FirstDay, quarter.LastDay);
        var from = period.StartInstant(clock);
        var before = period.EndInstant(clock);
        var bureauIds = tree.Subtree(bureauId).Select(b => b.Id).ToList();
        var now = time.GetUtcNow();
        var figures = await statistics.DashboardAsync(
            new DashboardQuery(bureauIds, from, before, now, period.BucketInstants(clock), OverdueListLimit),
            cancellationToken);
        var categories = await queries.TopCategoriesAsync(bureauIds, from, before, TopCategoryCount, cancellationToken);
        var poorlyRated = await queries.PoorlyRatedAsync(bureauIds, from, before, cancellationToken);
        var categoryNames = tree.Subtree(bureauId)
            .SelectMany(b => tree.CategoriesOf(b.Id).Value)
            .DistinctBy(c => c.Code, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(c => c.Code, c => c.Name, StringComparer.OrdinalIgnoreCase);
        return new QuarterlyReport(
            bureau.Name, bureau.Code, quarter, now, clock, figures, categories, poorlyRated,
            tree.Subtree(bureauId).ToDictionary(b => b.Id, b => b.Name), categoryNames);
    }

    /// <summary>The report as .xlsx bytes.</summary>
    public async Task<byte[]> ExportAsync(BureauTree tree, Guid bureauId, ReportQuarter quarter, CancellationToken cancellationToken) =>
        QuarterlyReportWorkbook.Write(await BuildAsync(tree, bureauId, quarter, cancellationToken));

    /// <summary>Stores the due report of every bureau that has none yet for the quarter just ended; returns how many were stored.</summary>
    public async Task<int> GenerateDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var stored = 0;
        foreach (var bureau in tree.Bureaus.OrderBy(b => b.Code, StringComparer.Ordinal))
        {
            var current = ReportQuarter.Of(tree.ClockOf(bureau.Id).LocalDate(now));
            var opensAt = CollectionWindow.For(
                CollectionMonth.Of(current.FirstDay), tree.CalendarOf(bureau.Id), tree.ClockOf(bureau.Id), options.CollectionOpensAt).OpensAt;
            var ended = current.Previous;
            if (now < opensAt || await reports.ExistsAsync(bureau.Id, ended, cancellationToken))
            {
                continue;
            }

            var content = await ExportAsync(tree, bureau.Id, ended, cancellationToken);
            try
            {
                await unitOfWork.InTransactionAsync(async ct =>
                {
                    await reports.AddAsync(new GeneratedReport(Guid.CreateVersion7(now), bureau.Id, ended, FileNameOf(bureau, ended), content, time.GetUtcNow()), ct);
                    return true;
                }, cancellationToken);
                stored++;
            }
            catch (ConcurrencyConflictException)
            {
                // Another node stored this bureau's report for the quarter meanwhile: one is all that is wanted.
            }
        }

        return stored;
    }
}
