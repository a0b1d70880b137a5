namespace Bpm.Domain.Calendar;

/// <summary>
/// One year's State Council holiday notice (国务院办公厅关于某年部分节假日安排的通知) in the holiday-cn data format:
/// its year, the notice addresses and its dated days. Files are keyed by the notice's year, and a notice may reach into
/// the December before: the 2023 notice makes Sat 2022-12-31 a rest day (元旦). Validated by
/// <see cref="Problems"/>; stored day by day as <see cref="PublishedHoliday"/> rows.
/// </summary>
public sealed record HolidayNotice(int Year, IReadOnlyList<string> Papers, IReadOnlyList<CalendarDay> Days)
{
    /// <summary>The earliest notice year the product accepts; the embedded data starts at 2020.</summary>
    public const int FirstYear = 2000;

    public const int MaxNameLength = 50;

    /// <summary>
    /// Whether a date may appear in the notice of a year: inside the year, or in the December before it (2022-12-31 in the
    /// 2023 notice). Anything else is a typing error (2026-10-01 in a 2027 notice).
    /// </summary>
    public static bool MayContain(int year, DateOnly date) => date.Year == year || (date.Year == year - 1 && date.Month == 12);

    /// <summary>
    /// The year of the notice an embedded day came from: its own year, except New Year holidays in December, which the next
    /// year's notice announces (2022-12-31 元旦 → 2023).
    /// </summary>
    public static int NoticeYearOf(CalendarDay day)
    {
        ArgumentNullException.ThrowIfNull(day);
        return day.Date.Month == 12 && day.Name.Contains("元旦", StringComparison.Ordinal) ? day.Date.Year + 1 : day.Date.Year;
    }

    /// <summary>
    /// The field errors of a notice, named as in the document (<c>days[3].date</c>); empty when valid. The next year may be
    /// imported (2027 after 2026), a year already published may be replaced, a year further ahead is refused: the years in
    /// between would count as published.
    /// </summary>
    public IEnumerable<FieldError> Problems(int lastPublishedYear)
    {
        if (Year < FirstYear || Year > lastPublishedYear + 1)
        {
            yield return new FieldError("year", $"通知年度应在{FirstYear}到{lastPublishedYear + 1}之间（已发布至{lastPublishedYear}年，须逐年导入）");
        }

        if (Papers.Count == 0 || Papers.Any(string.IsNullOrWhiteSpace))
        {
            yield return new FieldError("papers", "请列出国务院通知的网址（papers），且不能为空");
        }

        if (Days.Count == 0)
        {
            yield return new FieldError("days", "通知中没有任何日期（上游尚未发布的年份为空占位文件，不能导入）");
        }

        var seen = new Dictionary<DateOnly, int>();
        for (var i = 0; i < Days.Count; i++)
        {
            var day = Days[i];
            if (!MayContain(Year, day.Date))
            {
                yield return new FieldError($"days[{i}].date", $"{day.Date:yyyy-MM-dd} 不属于{Year}年的通知（只允许本年及上年12月的日期）");
            }

            if (!seen.TryAdd(day.Date, i))
            {
                yield return new FieldError($"days[{i}].date", $"{day.Date:yyyy-MM-dd} 重复出现（与第{seen[day.Date]}项相同）");
            }

            if (string.IsNullOrWhiteSpace(day.Name) || day.Name.Length > MaxNameLength)
            {
                yield return new FieldError($"days[{i}].name", $"节日名称不能为空，且不超过{MaxNameLength}个字符");
            }
        }
    }

    /// <summary>The rows to store, one per day.</summary>
    public IEnumerable<PublishedHoliday> ToRows() => Days.Select(d => new PublishedHoliday(Year, d.Date, d.Name, !d.IsWorkingDay));
}

/// <summary>
/// One day of an imported notice, e.g. (2027, 2027-02-06, 春节, off). The national calendar is the embedded data with every
/// imported year replacing that year's notice (see <see cref="NationalHolidays.Calendar"/>).
/// </summary>
public sealed class PublishedHoliday
{
    private PublishedHoliday()
    {
    }

    public PublishedHoliday(int year, DateOnly date, string name, bool isOffDay)
    {
        Year = year;
        Date = date;
        Name = name;
        IsOffDay = isOffDay;
    }

    /// <summary>The notice's year, which is not always the date's (2022-12-31 belongs to 2023).</summary>
    public int Year { get; private set; }

    public DateOnly Date { get; private set; }

    public string Name { get; private set; } = "";

    public bool IsOffDay { get; private set; }
}

/// <summary>The national calendar: embedded notices (2020–2026) and the years an administrator imported since.</summary>
public static class NationalHolidays
{
    /// <summary>The notice years in the embedded data, e.g. 2020…2026.</summary>
    public static IReadOnlySet<int> EmbeddedYears { get; } =
        WorkingDayCalendar.ChinaNational.AllDatedDays.Select(HolidayNotice.NoticeYearOf).ToHashSet();

    /// <summary>
    /// The embedded calendar with each imported year's notice in place of that year's embedded one, and
    /// <see cref="WorkingDayCalendar.LastPublishedYear"/> raised to the last imported year. Example: with the 2027 notice
    /// imported, Sat 2027-02-06 … are rest days and 2027 dates are no longer provisional. Notices are laid in year order, so
    /// a December date named by the next year's notice (2022-12-31) follows that notice.
    /// </summary>
    public static WorkingDayCalendar Calendar(IEnumerable<PublishedHoliday> imported)
    {
        ArgumentNullException.ThrowIfNull(imported);
        var byYear = imported.GroupBy(h => h.Year).ToDictionary(g => g.Key, g => g.ToList());
        var embedded = WorkingDayCalendar.ChinaNational;
        if (byYear.Count == 0)
        {
            return embedded;
        }

        var days = new Dictionary<DateOnly, CalendarDay>();
        var notices = embedded.AllDatedDays
            .Where(d => !byYear.ContainsKey(HolidayNotice.NoticeYearOf(d)))
            .Select(d => (Year: HolidayNotice.NoticeYearOf(d), Day: d))
            .Concat(byYear.Values.SelectMany(rows => rows.Select(h => (h.Year, Day: new CalendarDay(h.Date, !h.IsOffDay, h.Name)))));
        foreach (var (_, day) in notices.OrderBy(n => n.Year))
        {
            days[day.Date] = day;
        }

        return WorkingDayCalendar.FromDays(days.Values, Math.Max(embedded.LastPublishedYear, byYear.Keys.Max()));
    }
}
