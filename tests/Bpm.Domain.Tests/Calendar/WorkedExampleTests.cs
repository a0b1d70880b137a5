using Bpm.Domain.Calendar;
using static Bpm.Domain.Tests.Calendar.Dates;

namespace Bpm.Domain.Tests.Calendar;

/// <summary>
/// Real cases with the national data. Expected dates come from the holiday README's worked examples
/// and from counting the State Council notices by hand (the reason column says how).
/// </summary>
public sealed class WorkedExampleTests
{
    private static readonly WorkingDayCalendar national = WorkingDayCalendar.ChinaNational;

    [Theory]
    // The holiday README's worked examples.
    [InlineData("2026-09-30", 1, "2026-10-08", "10-01…10-07 are rest days (国庆 + 中秋)")]
    [InlineData("2026-09-30", 5, "2026-10-13", "10-08, 10-09, Sat 10-10 make-up, 10-12, 10-13")]
    [InlineData("2026-10-09", 1, "2026-10-10", "make-up working Saturday counts")]
    [InlineData("2026-02-13", 5, "2026-02-27", "Sat 02-14 working; 02-15…02-23 off; 02-24…02-27")]
    [InlineData("2026-02-13", 20, "2026-03-19", "README")]
    [InlineData("2025-01-27", 5, "2025-02-10", "01-28…02-04 off; 02-05, 06, 07, Sat 02-08 working, 02-10")]
    [InlineData("2024-09-27", 5, "2024-10-10", "Sun 09-29 working, 09-30; 10-01…10-07 off; 10-08, 09, 10")]
    // Spring Festival of other years.
    [InlineData("2024-02-09", 1, "2024-02-18", "02-10…02-17 off, Sun 02-18 make-up")]
    [InlineData("2024-02-03", 1, "2024-02-04", "received on Saturday, Sun 02-04 make-up")]
    [InlineData("2023-01-20", 1, "2023-01-28", "01-21…01-27 off, Sat 01-28 make-up")]
    [InlineData("2022-01-28", 1, "2022-01-29", "Sat 01-29 make-up before 01-31…02-06 off")]
    [InlineData("2021-02-10", 1, "2021-02-18", "02-11…02-17 off")]
    [InlineData("2020-01-23", 1, "2020-02-03", "01-24…02-02 off (extended by the 2020-01-27 notice)")]
    [InlineData("2020-01-23", 3, "2020-02-05", "02-03, 02-04, 02-05")]
    // National Day of other years.
    [InlineData("2020-09-30", 1, "2020-10-09", "10-01…10-08 off (国庆 + 中秋)")]
    [InlineData("2023-09-28", 1, "2023-10-07", "09-29…10-06 off, Sat 10-07 make-up")]
    [InlineData("2025-09-26", 1, "2025-09-28", "Sun 09-28 make-up")]
    [InlineData("2025-09-30", 1, "2025-10-09", "10-01…10-08 off")]
    [InlineData("2025-10-10", 1, "2025-10-11", "Sat 10-11 make-up")]
    // Year ends; 2022-12-31 comes from the 2023 notice.
    [InlineData("2022-12-30", 1, "2023-01-03", "Sat 12-31, Sun 01-01 and Mon 01-02 off")]
    [InlineData("2023-12-29", 1, "2024-01-02", "Mon 01-01 off")]
    [InlineData("2024-12-31", 1, "2025-01-02", "Wed 01-01 off")]
    [InlineData("2025-12-31", 1, "2026-01-04", "01-01…01-03 off, Sun 01-04 make-up")]
    [InlineData("2019-12-27", 3, "2020-01-02", "before the data: weekday rule, then 2020-01-01 off")]
    // Receipt on a rest day.
    [InlineData("2026-10-03", 1, "2026-10-08", "Sat inside National Day")]
    [InlineData("2024-09-28", 1, "2024-09-29", "received Saturday, Sunday is a make-up day")]
    [InlineData("2025-02-07", 1, "2025-02-08", "Sat 02-08 make-up")]
    // N = 0: the day itself when working, else the next working day.
    [InlineData("2022-12-30", 0, "2022-12-30", "a working Friday")]
    [InlineData("2022-12-31", 0, "2023-01-03", "rest until Tue 01-03")]
    [InlineData("2026-10-03", 0, "2026-10-08", "rest until Thu 10-08")]
    [InlineData("2026-10-10", 0, "2026-10-10", "make-up Saturday is a working day")]
    public void Adds_working_days_as_the_notices_say(string receivedOn, int workingDays, string expectedDue, string why)
    {
        national.AddWorkingDays(D(receivedOn), workingDays).ShouldBe(D(expectedDue), why);
    }

    [Theory]
    [InlineData("2026-10-10", true)]   // make-up Saturday
    [InlineData("2024-09-29", true)]   // make-up Sunday
    [InlineData("2020-02-03", true)]   // the 2020 extension notice lists it as the first day back at work
    [InlineData("2026-10-01", false)]
    [InlineData("2022-12-31", false)]
    [InlineData("2024-02-09", true)]   // 除夕 2024 was not a rest day
    [InlineData("2027-01-01", true)]   // provisional: weekday rule until the 2027 notice
    [InlineData("2019-10-01", true)]   // before the data: weekday rule
    public void Knows_single_days(string date, bool expectedWorking)
    {
        national.IsWorkingDay(D(date)).ShouldBe(expectedWorking);
    }

    [Fact]
    public void Negative_working_days_are_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => national.AddWorkingDays(D("2026-09-30"), -1));
    }

    [Fact]
    public void A_result_after_9999_12_31_is_rejected()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => national.AddWorkingDays(D("9999-12-20"), 30));
        Should.Throw<ArgumentOutOfRangeException>(() => national.AddWorkingDays(D("2026-01-01"), int.MaxValue));
    }

    [Fact]
    public void Counts_from_the_first_representable_day()
    {
        DateOnly.MinValue.DayOfWeek.ShouldBe(DayOfWeek.Monday);
        national.AddWorkingDays(DateOnly.MinValue, 5).ShouldBe(new DateOnly(1, 1, 8));
        national.AddWorkingDays(DateOnly.MinValue, 0).ShouldBe(DateOnly.MinValue);
    }

    [Theory]
    [InlineData("2026-12-31", false)]
    [InlineData("2027-01-01", true)]
    [InlineData("2019-01-01", false)]
    public void Dates_after_the_last_notice_are_provisional(string date, bool expected)
    {
        national.LastPublishedYear.ShouldBe(2026);
        national.IsProvisional(D(date)).ShouldBe(expected);
    }

    [Theory]
    [InlineData("2026-09-30", "2026-10-13", 5)]
    [InlineData("2026-10-13", "2026-09-30", -5)]
    [InlineData("2026-10-01", "2026-10-07", 0)]
    [InlineData("2026-10-09", "2026-10-10", 1)]
    [InlineData("2026-10-09", "2026-10-09", 0)]
    public void Counts_working_days_between(string afterExclusive, string toInclusive, int expected)
    {
        national.WorkingDaysBetween(D(afterExclusive), D(toInclusive)).ShouldBe(expected);
    }
}
