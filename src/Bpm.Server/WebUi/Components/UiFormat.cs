using System.Globalization;
using Bpm.Domain.Calendar;

namespace Bpm.Server.WebUi.Components;

/// <summary>How pages write instants and dates: always in the bureau's own time zone, ISO-like and unambiguous.</summary>
public static class UiFormat
{
    /// <summary>An instant in the bureau's local time: 2026-10-09T09:30:00Z in Asia/Shanghai → "2026-10-09 17:30".</summary>
    public static string Local(DateTimeOffset instant, BureauClock clock) =>
        TimeZoneInfo.ConvertTime(instant, clock.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>
    /// A due instant (the first late instant) as the bureau reads a deadline: an end-of-day cut-off is the due day's
    /// "24:00", not the next day's "00:00". Due Mon 2026-11-23 at end of day → "2026-11-23 24:00"; a 17:00 cut-off →
    /// "2026-11-23 17:00".
    /// </summary>
    public static string Due(DateTimeOffset dueAt, BureauClock clock)
    {
        var local = TimeZoneInfo.ConvertTime(dueAt, clock.TimeZone);
        return local.TimeOfDay == TimeSpan.Zero
            ? local.AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + " 24:00"
            : local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
    }

    /// <summary>A date as 2026-10-09.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
