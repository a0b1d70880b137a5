using Bpm.Domain.Calendar;

namespace Bpm.Domain.Collections;

/// <summary>
/// When a month's collection (每月前3个工作日内报送上月诉求和风险点, seed 004 §三(二)) opens and when it is due, for one
/// bureau: it opens on the month's first working day at the bureau's local opening time and is due at the cut-off of the
/// month's N-th working day (3 by default). Working days come from the bureau's calendar (national holidays, 调休 make-up
/// days, the bureau's own closures).
/// </summary>
/// <remarks>
/// Examples with the national calendar, Shanghai, opening 09:00, due 24:00:
/// March 2026 (Sun 03-01; Sat 02-28 is a make-up working day but belongs to February) → opens Mon 03-02 09:00, due Wed 03-04 24:00.
/// February 2025 (春节 01-28…02-04 off) → opens Wed 2025-02-05 09:00, due Fri 02-07 24:00.
/// January 2026 (元旦 01-01…01-03 off, Sun 01-04 make-up) → opens Sun 2026-01-04 09:00, due Tue 01-06 24:00.
/// October 2026 (国庆 10-01…10-07 off, Sat 10-10 make-up) → opens Thu 10-08, due Sat 10-10.
/// </remarks>
public sealed record CollectionWindow(
    CollectionMonth Month, DateOnly OpensOn, DateTimeOffset OpensAt, DateOnly DueDate, DateTimeOffset DueAt, bool DueIsProvisional)
{
    /// <summary>Within the first 3 working days of the month [004].</summary>
    public const int DefaultWorkingDays = 3;

    /// <summary>09:00 local: the start of office hours on the first working day.</summary>
    public static readonly TimeOnly DefaultOpeningTime = new(9, 0);

    public static CollectionWindow For(
        CollectionMonth month, WorkingDayCalendar calendar, BureauClock clock, TimeOnly openingTime, int workingDays = DefaultWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentOutOfRangeException.ThrowIfLessThan(workingDays, 1);

        // Counted from the last day of the previous month, which is not itself counted: the 1st working day is the first
        // working day of the month, the 3rd the third.
        var lastOfPrevious = month.FirstDay.AddDays(-1);
        var opensOn = calendar.AddWorkingDays(lastOfPrevious, 1);
        var dueDate = calendar.AddWorkingDays(lastOfPrevious, workingDays);
        var localOpening = opensOn.ToDateTime(openingTime, DateTimeKind.Unspecified);
        var opensAt = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(Valid(localOpening, clock.TimeZone), clock.TimeZone), TimeSpan.Zero);
        return new CollectionWindow(month, opensOn, opensAt, dueDate, clock.DeadlineInstant(dueDate), calendar.IsProvisional(dueDate));
    }

    /// <summary>A local time skipped by a clock change (spring forward) moves on to the first that exists.</summary>
    private static DateTime Valid(DateTime local, TimeZoneInfo zone)
    {
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return local;
    }
}

/// <summary>
/// The month in which a collection is sent (2026-03), which reports on the month before it (February 2026).
/// Stored as year and month; shown as "2026-03".
/// </summary>
public readonly record struct CollectionMonth
{
    public CollectionMonth(int year, int month)
    {
        if (year is < 2000 or > 9998 || month is < 1 or > 12)
        {
            throw new DomainException("collection.month", $"报送月份 {year}-{month} 无效：年份 2000–9998，月份 1–12", "month");
        }

        Year = year;
        Month = month;
    }

    public int Year { get; }

    public int Month { get; }

    public DateOnly FirstDay => new(Year, Month, 1);

    /// <summary>The month reported on: 2026-03 → 2026-02; 2026-01 → 2025-12.</summary>
    public CollectionMonth Reported => Of(FirstDay.AddMonths(-1));

    public static CollectionMonth Of(DateOnly date) => new(date.Year, date.Month);

    public override string ToString() => $"{Year:D4}-{Month:D2}";
}
