using Bpm.Domain.Calendar;
using static Bpm.Domain.Tests.Calendar.Dates;

namespace Bpm.Domain.Tests.Calendar;

/// <summary>The embedded data against the holiday README's table of entries per notice year.</summary>
public sealed class NationalDataTests
{
    /// <summary>From the README: year of notice → (rest days, make-up working days).</summary>
    public static TheoryData<int, int, int> ReadmeCounts => new()
    {
        { 2020, 30, 7 }, { 2021, 31, 7 }, { 2022, 31, 7 }, { 2023, 27, 7 }, { 2024, 28, 8 }, { 2025, 28, 5 }, { 2026, 33, 6 },
    };

    /// <summary>
    /// Notices are keyed by the year they plan, and a late-December 元旦 rest day belongs to the next
    /// year's notice: 2022-12-31 is in the 2023 notice.
    /// </summary>
    private static int NoticeYearOf(DateOnly date, string name) =>
        date.Month == 12 && name == "元旦" ? date.Year + 1 : date.Year;

    [Theory]
    [MemberData(nameof(ReadmeCounts))]
    public void Embedded_data_has_the_readme_counts_per_notice(int noticeYear, int restDays, int makeUpDays)
    {
        var entries = NaiveCalendar.ReadEmbeddedNationalData().Where(day => NoticeYearOf(day.Date, day.Name) == noticeYear).ToList();
        entries.Count(day => !day.Working).ShouldBe(restDays);
        entries.Count(day => day.Working).ShouldBe(makeUpDays);
    }

    [Theory]
    [MemberData(nameof(ReadmeCounts))]
    public void Calendar_shows_the_readme_counts_per_notice(int noticeYear, int restDays, int makeUpDays)
    {
        var national = WorkingDayCalendar.ChinaNational;
        var days = national.DatedDaysIn(noticeYear - 1).Concat(national.DatedDaysIn(noticeYear))
            .Where(day => NoticeYearOf(day.Date, day.Name) == noticeYear)
            .ToList();
        days.Count(day => !day.IsWorkingDay).ShouldBe(restDays);
        days.Count(day => day.IsWorkingDay).ShouldBe(makeUpDays);
        days.ShouldAllBe(day => national.IsWorkingDay(day.Date) == day.IsWorkingDay);
    }

    [Fact]
    public void Every_dated_day_of_the_data_is_honoured_and_every_other_day_follows_the_week()
    {
        var national = WorkingDayCalendar.ChinaNational;
        var dated = NaiveCalendar.ReadEmbeddedNationalData().ToDictionary(day => day.Date, day => day.Working);
        dated.Count.ShouldBe(30 + 7 + 31 + 7 + 31 + 7 + 27 + 7 + 28 + 8 + 28 + 5 + 33 + 6);
        foreach (DateOnly date in Range(D("2019-01-01"), D("2028-12-31")))
        {
            bool expected = dated.TryGetValue(date, out bool working)
                ? working
                : date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
            national.IsWorkingDay(date).ShouldBe(expected, date.ToString("yyyy-MM-dd"));
        }
        NaiveCalendar.ReadEmbeddedLastPublishedYear().ShouldBe(national.LastPublishedYear);
    }

    [Fact]
    public void Dated_days_are_grouped_by_their_own_year_in_date_order()
    {
        var national = WorkingDayCalendar.ChinaNational;
        national.DatedDaysIn(2022)[^1].ShouldBe(new CalendarDay(D("2022-12-31"), false, "元旦"));
        national.DatedDaysIn(2023)[0].Date.ShouldBe(D("2023-01-01"));
        for (int year = 2020; year <= 2026; year++)
        {
            var days = national.DatedDaysIn(year);
            days.ShouldNotBeEmpty();
            days.Select(day => day.Date).ShouldBe(days.Select(day => day.Date).Order());
            days.ShouldAllBe(day => day.Date.Year == year);
        }
        national.DatedDaysIn(2027).ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2026-10-01", true)]   // Thursday rest day
    [InlineData("2026-10-10", true)]   // Saturday make-up day
    [InlineData("2026-10-03", false)]  // Saturday inside the holiday: rest anyway
    public void Tells_which_dated_days_change_the_weekday_rule(string date, bool expected)
    {
        WorkingDayCalendar.ChinaNational.DatedDaysIn(2026).Single(day => day.Date == D(date)).ChangesWeekdayRule.ShouldBe(expected);
    }
}
