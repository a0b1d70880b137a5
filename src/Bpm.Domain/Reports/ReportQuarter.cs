namespace Bpm.Domain.Reports;

/// <summary>
/// A calendar quarter, e.g. 2026 Q3 = 2026-07-01…2026-09-30 (bureau-local dates). The quarterly report of the
/// joint-meeting office (按季度形成分析报告, seed 004 §三(五)) covers the requests received in it.
/// </summary>
public readonly record struct ReportQuarter
{
    public ReportQuarter(int year, int quarter)
    {
        var errors = new List<FieldError>();
        if (year is < 2000 or > 9998)
        {
            errors.Add(new FieldError("year", $"年份“{year}”无效：应为 2000–9998"));
        }

        if (quarter is < 1 or > 4)
        {
            errors.Add(new FieldError("quarter", $"季度“{quarter}”无效：应为 1–4"));
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        Year = year;
        Quarter = quarter;
    }

    public int Year { get; }

    public int Quarter { get; }

    public DateOnly FirstDay => new(Year, ((Quarter - 1) * 3) + 1, 1);

    public DateOnly LastDay => FirstDay.AddMonths(3).AddDays(-1);

    /// <summary>2026-05-17 → 2026 Q2.</summary>
    public static ReportQuarter Of(DateOnly date) => new(date.Year, ((date.Month - 1) / 3) + 1);

    /// <summary>2026 Q1 → 2025 Q4.</summary>
    public ReportQuarter Previous => Of(FirstDay.AddDays(-1));

    /// <summary>"2026Q3", used in file names and the API.</summary>
    public override string ToString() => $"{Year:D4}Q{Quarter}";
}
