namespace Bpm.Domain.Calendar;

/// <summary>
/// Where a bureau's days begin and end: its time zone and the time of day at which a working-day
/// deadline passes (24:00 by default, or the close of business such as 17:30, 民法典 Art. 203 ¶2).
/// </summary>
/// <remarks>
/// TimeOnly cannot say 24:00, so <see cref="EndOfDay"/> (= TimeOnly.MaxValue, 23:59:59.9999999) stands
/// for it and is read as the exclusive end of the day: the deadline instant is the next local midnight.
/// Example: due Thu 2026-10-08 in Shanghai with EndOfDay → DueAt 2026-10-08T16:00:00Z (= 10-09 00:00 +08:00);
/// with a 17:30 cut-off → 2026-10-08T09:30:00Z. DueAt is the first instant that is late.
/// </remarks>
public sealed record BureauClock(TimeZoneInfo TimeZone, TimeOnly CutOff)
{
    private static readonly Lazy<BureauClock> chinaDefault =
        new(() => new BureauClock(TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), EndOfDay));

    /// <summary>24:00: the deadline is the start of the next local day.</summary>
    public static readonly TimeOnly EndOfDay = TimeOnly.MaxValue;

    /// <summary>Asia/Shanghai (UTC+8, no daylight saving time), deadline at 24:00.</summary>
    public static BureauClock ChinaDefault => chinaDefault.Value;

    /// <summary>A clock whose deadlines pass at 24:00 local time.</summary>
    public BureauClock(TimeZoneInfo timeZone) : this(timeZone, EndOfDay)
    {
    }

    public TimeZoneInfo TimeZone { get; init; } = TimeZone ?? throw new ArgumentNullException(nameof(TimeZone));

    /// <summary>
    /// The bureau's calendar date at an instant. Example: 2026-09-29T17:00Z is 2026-09-30 01:00 in Shanghai,
    /// so a request received then counts from Wednesday 2026-09-30.
    /// </summary>
    public DateOnly LocalDate(DateTimeOffset instant) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, TimeZone).DateTime);

    /// <summary>
    /// The UTC instant at which a deadline falling on the local date passes. Where the cut-off does not
    /// exist that day (clocks jump over it, e.g. Havana 2024-03-10 00:00 → 01:00) it is the instant of the
    /// jump; where it occurs twice (clocks go back) it is the first occurrence.
    /// </summary>
    public DateTimeOffset DeadlineInstant(DateOnly dueDate)
    {
        DateTime localCutOff = CutOff == EndOfDay
            ? dueDate.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified)
            : dueDate.ToDateTime(CutOff, DateTimeKind.Unspecified);
        return new DateTimeOffset(LocalToUtc(localCutOff), TimeSpan.Zero);
    }

    private DateTime LocalToUtc(DateTime local)
    {
        if (TimeZone.IsInvalidTime(local))
        {
            return FirstUtcInstantShowingAtLeast(local);
        }
        if (TimeZone.IsAmbiguousTime(local))
        {
            TimeSpan largestOffset = TimeZone.GetAmbiguousTimeOffsets(local).Max();
            return DateTime.SpecifyKind(local - largestOffset, DateTimeKind.Utc);
        }
        return TimeZoneInfo.ConvertTimeToUtc(local, TimeZone);
    }

    /// <summary>Binary search for the first UTC tick whose local wall time is at or after <paramref name="local"/>.</summary>
    private DateTime FirstUtcInstantShowingAtLeast(DateTime local)
    {
        // UTC offsets lie within ±14 h, so the answer lies within local ± 14 h.
        long low = (local - TimeSpan.FromHours(14)).Ticks;
        long high = (local + TimeSpan.FromHours(14)).Ticks;
        while (low < high)
        {
            long middle = low + (high - low) / 2;
            DateTime wallTime = TimeZoneInfo.ConvertTimeFromUtc(new DateTime(middle, DateTimeKind.Utc), TimeZone);
            if (wallTime >= local)
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }
        return new DateTime(low, DateTimeKind.Utc);
    }
}
