using Bpm.Domain.Calendar;

namespace Bpm.Application.Statistics;

/// <summary>How long one trend point is: a day for periods up to 31 days, a week up to 26 weeks, else a month.</summary>
public enum TrendStep
{
    Day,
    Week,
    Month,
}

/// <summary>
/// A receipt period in bureau-local dates, both inclusive, as the dashboard and the request list take it
/// (<c>receivedFrom=2026-03-01&amp;receivedTo=2026-03-31</c>), with its UTC bounds and trend buckets.
/// Example: 2026-03-01..2026-03-31 in Shanghai → [2026-02-28T16:00Z, 2026-03-31T16:00Z), 31 daily buckets.
/// </summary>
public sealed record DashboardPeriod(DateOnly From, DateOnly To)
{
    /// <summary>At most this long (about 5 years), so that a typo cannot ask for a century of monthly buckets.</summary>
    public const int MaxDays = 1830;

    /// <summary>The month so far: 2026-03-17 → 2026-03-01..2026-03-17.</summary>
    public static DashboardPeriod MonthToDate(DateOnly today) => new(new DateOnly(today.Year, today.Month, 1), today);

    /// <summary>The calendar quarter so far: 2026-05-17 → 2026-04-01..2026-05-17.</summary>
    public static DashboardPeriod QuarterToDate(DateOnly today) => new(new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1), today);

    /// <summary>The year so far: 2026-05-17 → 2026-01-01..2026-05-17.</summary>
    public static DashboardPeriod YearToDate(DateOnly today) => new(new DateOnly(today.Year, 1, 1), today);

    public bool IsValid => To >= From && To.DayNumber - From.DayNumber < MaxDays;

    public int Days => To.DayNumber - From.DayNumber + 1;

    public TrendStep Step => Days <= 31 ? TrendStep.Day : Days <= 26 * 7 ? TrendStep.Week : TrendStep.Month;

    /// <summary>The local start of each trend bucket: every day; every 7 days from From; or From, then each 1st of a month.</summary>
    public IReadOnlyList<DateOnly> BucketDates()
    {
        var dates = new List<DateOnly>();
        for (var date = From; date <= To; date = Next(date))
        {
            dates.Add(date);
        }

        return dates;
    }

    public DateTimeOffset StartInstant(BureauClock clock) => LocalMidnight(From, clock);

    /// <summary>The exclusive end: the local midnight after To.</summary>
    public DateTimeOffset EndInstant(BureauClock clock) => LocalMidnight(To.AddDays(1), clock);

    public IReadOnlyList<DateTimeOffset> BucketInstants(BureauClock clock) => [.. BucketDates().Select(d => LocalMidnight(d, clock))];

    private DateOnly Next(DateOnly date) => Step switch
    {
        TrendStep.Day => date.AddDays(1),
        TrendStep.Week => date.AddDays(7),
        _ => new DateOnly(date.Year, date.Month, 1).AddMonths(1),
    };

    /// <summary>The instant a local day begins: 2026-03-01 in Shanghai → 2026-02-28T16:00Z.</summary>
    private static DateTimeOffset LocalMidnight(DateOnly date, BureauClock clock)
    {
        var local = date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        while (clock.TimeZone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, clock.TimeZone), TimeSpan.Zero);
    }
}
