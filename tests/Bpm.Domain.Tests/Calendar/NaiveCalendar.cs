using System.Globalization;
using System.Text.Json;
using Bpm.Domain.Calendar;

namespace Bpm.Domain.Tests.Calendar;

/// <summary>
/// The README's reference algorithm, written without the production code: a dictionary of dated days
/// read straight from the embedded data file (own JSON parsing) and a day-by-day walk. The fast
/// calendar must agree with it everywhere.
/// </summary>
internal sealed class NaiveCalendar
{
    private readonly Dictionary<DateOnly, bool> workingByDate;

    public NaiveCalendar(Dictionary<DateOnly, bool> workingByDate) => this.workingByDate = workingByDate;

    public IReadOnlyDictionary<DateOnly, bool> WorkingByDate => workingByDate;

    public static NaiveCalendar FromEmbeddedNationalData() => new(ReadEmbeddedNationalData().ToDictionary(day => day.Date, day => day.Working));

    public static IReadOnlyList<(DateOnly Date, bool Working, string Name)> ReadEmbeddedNationalData()
    {
        var assembly = typeof(WorkingDayCalendar).Assembly;
        string resourceName = assembly.GetManifestResourceNames().Single(name => name.EndsWith("china-national-holidays.json", StringComparison.Ordinal));
        using Stream stream = assembly.GetManifestResourceStream(resourceName)!;
        using JsonDocument document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("days").EnumerateArray()
            .Select(day => (
                DateOnly.ParseExact(day.GetProperty("date").GetString()!, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                day.GetProperty("working").GetBoolean(),
                day.GetProperty("name").GetString()!))
            .ToList();
    }

    public static int ReadEmbeddedLastPublishedYear()
    {
        var assembly = typeof(WorkingDayCalendar).Assembly;
        string resourceName = assembly.GetManifestResourceNames().Single(name => name.EndsWith("china-national-holidays.json", StringComparison.Ordinal));
        using Stream stream = assembly.GetManifestResourceStream(resourceName)!;
        using JsonDocument document = JsonDocument.Parse(stream);
        return document.RootElement.GetProperty("lastPublishedYear").GetInt32();
    }

    public NaiveCalendar With(IEnumerable<CalendarDay> overrides)
    {
        var merged = new Dictionary<DateOnly, bool>(workingByDate);
        foreach (CalendarDay day in overrides)
        {
            merged[day.Date] = day.IsWorkingDay;
        }
        return new NaiveCalendar(merged);
    }

    public bool IsWorkingDay(DateOnly date) =>
        workingByDate.TryGetValue(date, out bool working) ? working : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);

    public DateOnly AddWorkingDays(DateOnly receivedOn, int workingDays)
    {
        DateOnly date = receivedOn;
        if (workingDays == 0)
        {
            while (!IsWorkingDay(date))
            {
                date = date.AddDays(1);
            }
            return date;
        }
        int counted = 0;
        while (counted < workingDays)
        {
            date = date.AddDays(1);
            if (IsWorkingDay(date))
            {
                counted++;
            }
        }
        return date;
    }

    public int WorkingDaysBetween(DateOnly afterExclusive, DateOnly toInclusive)
    {
        if (toInclusive < afterExclusive)
        {
            return -WorkingDaysBetween(toInclusive, afterExclusive);
        }
        int count = 0;
        for (DateOnly date = afterExclusive.AddDays(1); date <= toInclusive; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }
        return count;
    }
}
