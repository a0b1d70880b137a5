using System.Globalization;
using Bpm.Domain.Calendar;

namespace Bpm.Server.WebUi.Components;

/// <summary>How pages write instants and dates: always in the bureau's own time zone, ISO-like and unambiguous.</summary>
public static class UiFormat
{
    /// <summary>An instant in the bureau's local time: 2026-10-09T09:30:00Z in Asia/Shanghai → "2026-10-09 17:30".</summary>
    public static string Local(DateTimeOffset instant, BureauClock clock) =>
        TimeZoneInfo.ConvertTime(instant, clock.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>A date as 2026-10-09.</summary>
    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
