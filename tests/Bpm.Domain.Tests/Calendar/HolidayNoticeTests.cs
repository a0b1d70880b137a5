using Bpm.Domain.Calendar;
using static Bpm.Domain.Tests.Calendar.Dates;

namespace Bpm.Domain.Tests.Calendar;

/// <summary>Imported State Council notices: validation, and the national calendar they make with the embedded data.</summary>
public sealed class HolidayNoticeTests
{
    private static readonly string[] Paper = ["https://www.gov.cn/zhengce/test"];

    [Fact]
    public void The_embedded_notice_years_are_2020_to_2026_with_2022_12_31_in_the_2023_notice()
    {
        NationalHolidays.EmbeddedYears.Order().ShouldBe([2020, 2021, 2022, 2023, 2024, 2025, 2026]);
        HolidayNotice.NoticeYearOf(new CalendarDay(D("2022-12-31"), false, "元旦")).ShouldBe(2023);
    }

    [Fact]
    public void No_import_is_the_embedded_calendar()
    {
        NationalHolidays.Calendar([]).ShouldBeSameAs(WorkingDayCalendar.ChinaNational);
    }

    [Fact]
    public void A_2027_notice_ends_the_provisional_year_and_adds_its_days()
    {
        var notice = new HolidayNotice(2027, Paper, [new(D("2027-01-01"), false, "元旦"), new(D("2027-02-07"), true, "春节")]);

        var calendar = NationalHolidays.Calendar(notice.ToRows());

        (calendar.LastPublishedYear, calendar.IsProvisional(D("2027-06-01"))).ShouldBe((2027, false));
        calendar.IsWorkingDay(D("2027-01-01")).ShouldBeFalse();
        calendar.IsWorkingDay(D("2027-02-07")).ShouldBeTrue("a make-up Sunday");
        calendar.IsWorkingDay(D("2026-10-01")).ShouldBeFalse("the embedded years stay");
    }

    [Fact]
    public void Replacing_an_embedded_year_drops_its_old_days_and_keeps_the_neighbours()
    {
        // A corrected 2023 notice with only New Year: the embedded 2023 Spring Festival is gone, 2022's National Day stays.
        var notice = new HolidayNotice(2023, Paper, [new(D("2022-12-31"), false, "元旦"), new(D("2023-01-02"), false, "元旦")]);

        var calendar = NationalHolidays.Calendar(notice.ToRows());

        calendar.IsWorkingDay(D("2023-01-23")).ShouldBeTrue("Mon 2023-01-23 was 春节 in the embedded notice");
        calendar.IsWorkingDay(D("2023-01-02")).ShouldBeFalse();
        calendar.IsWorkingDay(D("2022-10-03")).ShouldBeFalse();
        calendar.LastPublishedYear.ShouldBe(2026);
    }

    [Fact]
    public void Problems_name_each_bad_member()
    {
        var notice = new HolidayNotice(2027, [], [
            new(D("2027-01-01"), false, "元旦"),
            new(D("2027-01-01"), false, "元旦"),
            new(D("2026-10-01"), false, ""),
        ]);

        notice.Problems(2025).Select(p => p.Field).ShouldBe(["year", "papers", "days[1].date", "days[2].date", "days[2].name"]);
        new HolidayNotice(2027, Paper, [new(D("2026-12-31"), false, "元旦")]).Problems(2026).ShouldBeEmpty();
    }
}
