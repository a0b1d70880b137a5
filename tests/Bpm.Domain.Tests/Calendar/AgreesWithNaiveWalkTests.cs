using Bpm.Domain.Calendar;
using static Bpm.Domain.Tests.Calendar.Dates;

namespace Bpm.Domain.Tests.Calendar;

/// <summary>The fast calendar against the README's day-by-day walk, over every date and many spans.</summary>
public sealed class AgreesWithNaiveWalkTests
{
    private static readonly int[] spans = [0, 1, 2, 3, 5, 10, 20, 60, 250];

    [Fact]
    public void Every_receipt_date_2019_to_2027_and_every_span_gives_the_walked_deadline()
    {
        var fast = WorkingDayCalendar.ChinaNational;
        var naive = NaiveCalendar.FromEmbeddedNationalData();
        int compared = 0;
        foreach (DateOnly receivedOn in Range(D("2019-07-01"), D("2027-06-30")))
        {
            foreach (int span in spans)
            {
                DateOnly expected = naive.AddWorkingDays(receivedOn, span);
                DateOnly actual = fast.AddWorkingDays(receivedOn, span);
                if (actual != expected)
                {
                    actual.ShouldBe(expected, $"received {receivedOn:yyyy-MM-dd} + {span} WD");
                }
                if (span > 0)
                {
                    fast.WorkingDaysBetween(receivedOn, actual).ShouldBe(span);
                    fast.WorkingDaysBetween(receivedOn, actual.AddDays(-1)).ShouldBe(span - 1);
                }
                compared++;
            }
        }
        compared.ShouldBe(2922 * spans.Length);
    }

    [Fact]
    public void Working_days_between_agrees_with_counting_for_random_pairs()
    {
        var fast = WorkingDayCalendar.ChinaNational;
        var naive = NaiveCalendar.FromEmbeddedNationalData();
        var random = new Random(20261008);
        int first = D("2018-01-01").DayNumber;
        for (int i = 0; i < 3000; i++)
        {
            DateOnly a = DateOnly.FromDayNumber(first + random.Next(0, 12 * 366));
            DateOnly b = DateOnly.FromDayNumber(first + random.Next(0, 12 * 366));
            fast.WorkingDaysBetween(a, b).ShouldBe(naive.WorkingDaysBetween(a, b), $"({a:yyyy-MM-dd}, {b:yyyy-MM-dd}]");
        }
    }

    [Fact]
    public void Far_from_the_data_the_weekday_rule_holds()
    {
        var fast = WorkingDayCalendar.ChinaNational;
        var naive = new NaiveCalendar([]);
        foreach (DateOnly receivedOn in Range(D("2099-12-01"), D("2100-02-28")).Concat(Range(D("1999-12-01"), D("2000-01-31"))))
        {
            foreach (int span in spans)
            {
                fast.AddWorkingDays(receivedOn, span).ShouldBe(naive.AddWorkingDays(receivedOn, span));
            }
        }
        // A span that starts before the data and ends after it crosses all of 2020–2026.
        var national = NaiveCalendar.FromEmbeddedNationalData();
        fast.AddWorkingDays(D("2019-06-03"), 2500).ShouldBe(national.AddWorkingDays(D("2019-06-03"), 2500));
        fast.WorkingDaysBetween(D("2015-01-01"), D("2030-12-31")).ShouldBe(national.WorkingDaysBetween(D("2015-01-01"), D("2030-12-31")));
    }

    [Fact]
    public void Random_layered_calendars_agree_with_the_walk_inside_and_outside_their_tables()
    {
        var random = new Random(17);
        for (int trial = 0; trial < 20; trial++)
        {
            int lastPublishedYear = random.Next(2018, 2030);
            var baseDays = RandomDays(random, 2012, lastPublishedYear, 60);
            var bureauDays = RandomDays(random, 2010, 2035, 40);
            var branchDays = RandomDays(random, 2015, 2032, 25);
            var fast = WorkingDayCalendar.FromDays(baseDays, lastPublishedYear).WithOverrides(bureauDays).WithOverrides(branchDays);
            var naive = new NaiveCalendar([]).With(baseDays).With(bureauDays).With(branchDays);

            int first = D("2008-01-01").DayNumber;
            for (int i = 0; i < 2000; i++)
            {
                DateOnly receivedOn = DateOnly.FromDayNumber(first + random.Next(0, 30 * 366));
                int span = random.Next(0, 4) == 0 ? random.Next(0, 3000) : random.Next(0, 260);
                fast.AddWorkingDays(receivedOn, span).ShouldBe(naive.AddWorkingDays(receivedOn, span), $"trial {trial}: {receivedOn:yyyy-MM-dd} + {span}");
                fast.IsWorkingDay(receivedOn).ShouldBe(naive.IsWorkingDay(receivedOn));
            }
        }
    }

    private static List<CalendarDay> RandomDays(Random random, int firstYear, int lastYear, int count)
    {
        int first = new DateOnly(firstYear, 1, 1).DayNumber;
        int last = new DateOnly(lastYear, 12, 31).DayNumber;
        return Enumerable.Range(0, count)
            .Select(_ => DateOnly.FromDayNumber(random.Next(first, last + 1)))
            .Distinct()
            .Select(date => new CalendarDay(date, random.Next(2) == 0, "random"))
            .ToList();
    }
}
