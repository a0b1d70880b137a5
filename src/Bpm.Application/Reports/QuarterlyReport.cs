using Bpm.Application.Statistics;
using Bpm.Domain.Calendar;
using Bpm.Domain.Reports;

namespace Bpm.Application.Reports;

/// <summary>
/// What the quarterly report of one bureau's subtree says: the dashboard's counts and rates over the requests received
/// in the quarter, the most frequent categories, the open tasks overdue when it was made, and the revisits rated
/// 不满意 or 基本满意. Written to .xlsx by <see cref="QuarterlyReportWorkbook"/>.
/// </summary>
public sealed record QuarterlyReport(
    string BureauName,
    string BureauCode,
    ReportQuarter Quarter,
    DateTimeOffset GeneratedAt,
    BureauClock Clock,
    DashboardFigures Figures,
    IReadOnlyList<KeyCount> TopCategories,
    IReadOnlyList<PoorlyRatedItem> PoorlyRated,
    IReadOnlyDictionary<Guid, string> BureauNames,
    IReadOnlyDictionary<string, string> CategoryNames)
{
    public string BureauNameOf(Guid bureauId) => BureauNames.TryGetValue(bureauId, out var name) ? name : bureauId.ToString();

    public string CategoryNameOf(string? code) =>
        code is null ? "未记录" : CategoryNames.TryGetValue(code, out var name) ? name : code;
}
