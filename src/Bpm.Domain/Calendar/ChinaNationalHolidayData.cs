using System.Text.Json;

namespace Bpm.Domain.Calendar;

/// <summary>
/// Reads the embedded china-national-holidays.json (made by tools/holidays/convert.py from holiday-cn,
/// MIT, LICENSE.holiday-cn beside it). Shape: { "lastPublishedYear": 2026, "days": [ { "date":
/// "2026-10-10", "working": true, "name": "国庆节" }, … ] }; other fields (provenance, papers) are for people.
/// </summary>
internal static class ChinaNationalHolidayData
{
    internal const string ResourceName = "Bpm.Domain.Calendar.china-national-holidays.json";

    private static readonly JsonSerializerOptions options = new(JsonSerializerDefaults.Web);

    public static WorkingDayCalendar Load()
    {
        using Stream stream = typeof(ChinaNationalHolidayData).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from Bpm.Domain.");
        DataFile file = JsonSerializer.Deserialize<DataFile>(stream, options)
            ?? throw new InvalidOperationException($"{ResourceName} is empty.");
        return WorkingDayCalendar.FromDays(
            file.Days.Select(day => new CalendarDay(day.Date, day.Working, day.Name)),
            file.LastPublishedYear);
    }

    private sealed record DataFile(int LastPublishedYear, IReadOnlyList<DataDay> Days);

    private sealed record DataDay(DateOnly Date, bool Working, string Name);
}
