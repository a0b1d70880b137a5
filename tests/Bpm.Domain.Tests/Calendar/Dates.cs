using System.Globalization;

namespace Bpm.Domain.Tests.Calendar;

internal static class Dates
{
    public static DateOnly D(string isoDate) => DateOnly.ParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static IEnumerable<DateOnly> Range(DateOnly first, DateOnly last)
    {
        for (DateOnly date = first; date <= last; date = date.AddDays(1))
        {
            yield return date;
        }
    }
}
