namespace Bpm.Domain.Calendar;

/// <summary>
/// Which days are working days (工作日): Monday–Friday, minus official rest days, plus official
/// make-up working days (调休), plus or minus a bureau's own dated days. Immutable; every lookup is
/// O(1) (see <see cref="WorkingDayIndex"/>), whatever the span.
/// </summary>
/// <remarks>
/// Example: Fri 2024-09-27 + 5 working days → Thu 2024-10-10, because Sun 09-29 is a make-up working
/// day, 10-01…10-07 are rest days, and the day of receipt is not counted (民法典 Art. 201).
/// </remarks>
public sealed class WorkingDayCalendar
{
    private static readonly Lazy<WorkingDayCalendar> chinaNational = new(ChinaNationalHolidayData.Load);

    /// <summary>Effective dated days by date: later layers have already replaced earlier ones.</summary>
    private readonly Dictionary<DateOnly, CalendarDay> datedDays;
    private readonly CalendarDay[] datedDaysInOrder;
    private readonly WorkingDayIndex index;

    private WorkingDayCalendar(Dictionary<DateOnly, CalendarDay> datedDays, int lastPublishedYear)
    {
        this.datedDays = datedDays;
        LastPublishedYear = lastPublishedYear;
        datedDaysInOrder = datedDays.Values.OrderBy(day => day.Date).ToArray();
        index = BuildIndex(datedDaysInOrder, lastPublishedYear);
    }

    /// <summary>
    /// The State Council's rest days and make-up working days 2020–2026 (holiday-cn data, embedded),
    /// loaded once. Before 2020 and after 2026 only the weekday rule applies.
    /// </summary>
    public static WorkingDayCalendar ChinaNational => chinaNational.Value;

    /// <summary>
    /// The last year for which an official notice is in the data (2026 for <see cref="ChinaNational"/>).
    /// Dates after its 31 December are counted by the weekday rule and are provisional.
    /// </summary>
    public int LastPublishedYear { get; }

    /// <summary>
    /// A calendar made of the given dated days, for tests and other data. A date may appear only once;
    /// use <see cref="WithOverrides"/> to layer one set of days over another.
    /// </summary>
    public static WorkingDayCalendar FromDays(IEnumerable<CalendarDay> days, int lastPublishedYear)
    {
        ArgumentNullException.ThrowIfNull(days);
        ArgumentOutOfRangeException.ThrowIfLessThan(lastPublishedYear, DateOnly.MinValue.Year);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(lastPublishedYear, DateOnly.MaxValue.Year);
        var byDate = new Dictionary<DateOnly, CalendarDay>();
        AddLayer(byDate, days);
        return new WorkingDayCalendar(byDate, lastPublishedYear);
    }

    /// <summary>
    /// A new calendar with a bureau's own dated days on top of this one; a day in the new layer replaces
    /// the same date below it. Example: a city bureau closed on Mon 2025-07-07 for a system migration
    /// (rest day) and working on Sat 2025-07-12 to catch up. This calendar is not changed.
    /// </summary>
    public WorkingDayCalendar WithOverrides(IEnumerable<CalendarDay> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        var byDate = new Dictionary<DateOnly, CalendarDay>(datedDays);
        AddLayer(byDate, overrides);
        return new WorkingDayCalendar(byDate, LastPublishedYear);
    }

    public bool IsWorkingDay(DateOnly date) => index.IsWorkingDay(date.DayNumber);

    /// <summary>
    /// True for dates after 31 December of <see cref="LastPublishedYear"/>: the State Council has not
    /// published their holidays yet, so they count by the weekday rule, and a deadline on such a date
    /// must be re-planned when the notice appears. Example: 2027-01-04 is provisional with 2020–2026 data.
    /// </summary>
    public bool IsProvisional(DateOnly date) => date.Year > LastPublishedYear;

    /// <summary>
    /// The N-th working day after the day of receipt, which is itself not counted.
    /// N = 0 gives the day of receipt when it is a working day, else the next working day.
    /// Examples: Wed 2026-09-30 + 1 → Thu 2026-10-08 (10-01…10-07 are rest days);
    /// Fri 2026-10-09 + 1 → Sat 2026-10-10 (make-up working day).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">N is negative, or the result is after 9999-12-31.</exception>
    public DateOnly AddWorkingDays(DateOnly receivedOn, int workingDays)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(workingDays);
        int receivedDay = receivedOn.DayNumber;
        long dueRank = workingDays == 0
            ? index.RankOf(receivedDay)
            : (long)index.RankOf(receivedDay + 1) + workingDays - 1;
        int dueDay = index.WorkingDayWithRank(dueRank);
        if (dueDay < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(workingDays), workingDays,
                $"{workingDays} working days after {receivedOn:yyyy-MM-dd} is after {DateOnly.MaxValue:yyyy-MM-dd}.");
        }
        return DateOnly.FromDayNumber(dueDay);
    }

    /// <summary>
    /// The number of working days d with afterExclusive &lt; d ≤ toInclusive; negative when
    /// toInclusive is before afterExclusive. Example: (2026-09-30, 2026-10-13] holds 5 working days,
    /// so WorkingDaysBetween(received, AddWorkingDays(received, n)) == n for n ≥ 1.
    /// </summary>
    public int WorkingDaysBetween(DateOnly afterExclusive, DateOnly toInclusive) =>
        index.RankOf(toInclusive.DayNumber + 1) - index.RankOf(afterExclusive.DayNumber + 1);

    /// <summary>
    /// The dated days of a year in date order, after layering: national rest days (including those
    /// that fall on a weekend inside a holiday, such as Sat 2026-10-03), make-up working days and the
    /// bureau's own days. <see cref="CalendarDay.ChangesWeekdayRule"/> tells which of them alter a count.
    /// Dates are grouped by their own year: 2022-12-31 (from the 2023 notice) is in 2022.
    /// </summary>
    public IReadOnlyList<CalendarDay> DatedDaysIn(int year) =>
        datedDaysInOrder.Where(day => day.Date.Year == year).ToArray();

    /// <summary>Every dated day of every year, in date order (national notices and bureau days after layering).</summary>
    public IReadOnlyList<CalendarDay> AllDatedDays => datedDaysInOrder;

    private static void AddLayer(Dictionary<DateOnly, CalendarDay> byDate, IEnumerable<CalendarDay> layer)
    {
        var seenInLayer = new HashSet<DateOnly>();
        foreach (CalendarDay day in layer)
        {
            ArgumentNullException.ThrowIfNull(day, nameof(layer));
            if (!seenInLayer.Add(day.Date))
            {
                throw new ArgumentException($"{day.Date:yyyy-MM-dd} appears twice in one layer of dated days.", nameof(layer));
            }
            byDate[day.Date] = day;
        }
    }

    private static WorkingDayIndex BuildIndex(CalendarDay[] datedDaysInOrder, int lastPublishedYear)
    {
        int firstYear = datedDaysInOrder.Length > 0 ? Math.Min(datedDaysInOrder[0].Date.Year, lastPublishedYear) : lastPublishedYear;
        int lastYear = datedDaysInOrder.Length > 0 ? Math.Max(datedDaysInOrder[^1].Date.Year, lastPublishedYear) : lastPublishedYear;
        var workingByDayNumber = datedDaysInOrder.ToDictionary(day => day.Date.DayNumber, day => day.IsWorkingDay);
        return new WorkingDayIndex(
            new DateOnly(firstYear, 1, 1).DayNumber,
            new DateOnly(lastYear, 12, 31).DayNumber,
            workingByDayNumber);
    }
}
