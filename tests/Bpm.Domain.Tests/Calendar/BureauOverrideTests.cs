using Bpm.Domain.Calendar;
using static Bpm.Domain.Tests.Calendar.Dates;

namespace Bpm.Domain.Tests.Calendar;

/// <summary>A bureau's own dated days layered over the national calendar.</summary>
public sealed class BureauOverrideTests
{
    private static readonly WorkingDayCalendar national = WorkingDayCalendar.ChinaNational;

    [Fact]
    public void A_closure_pushes_the_deadline()
    {
        var bureau = national.WithOverrides([new CalendarDay(D("2026-10-08"), false, "系统切换停办")]);
        bureau.AddWorkingDays(D("2026-09-30"), 1).ShouldBe(D("2026-10-09"));
        bureau.AddWorkingDays(D("2026-09-30"), 5).ShouldBe(D("2026-10-14"));
        national.AddWorkingDays(D("2026-09-30"), 1).ShouldBe(D("2026-10-08"), "the national calendar is unchanged");
    }

    [Fact]
    public void An_extra_working_day_pulls_the_deadline()
    {
        var bureau = national.WithOverrides([new CalendarDay(D("2026-10-11"), true, "集中清理积压")]);
        bureau.AddWorkingDays(D("2026-09-30"), 5).ShouldBe(D("2026-10-12"));
        bureau.WorkingDaysBetween(D("2026-09-30"), D("2026-10-13")).ShouldBe(6);
    }

    [Fact]
    public void A_bureau_can_rest_on_a_national_make_up_day()
    {
        var bureau = national.WithOverrides([new CalendarDay(D("2026-10-10"), false, "本地民族节日")]);
        bureau.AddWorkingDays(D("2026-10-09"), 1).ShouldBe(D("2026-10-12"));
        bureau.DatedDaysIn(2026).Single(day => day.Date == D("2026-10-10")).Name.ShouldBe("本地民族节日");
    }

    [Fact]
    public void Later_layers_win()
    {
        var city = national.WithOverrides([new CalendarDay(D("2026-10-08"), false, "市局停办"), new CalendarDay(D("2026-10-09"), false, "市局停办")]);
        var district = city.WithOverrides([new CalendarDay(D("2026-10-08"), true, "区局照常办公")]);
        city.AddWorkingDays(D("2026-09-30"), 1).ShouldBe(D("2026-10-10"));
        district.AddWorkingDays(D("2026-09-30"), 1).ShouldBe(D("2026-10-08"));
        district.AddWorkingDays(D("2026-09-30"), 2).ShouldBe(D("2026-10-10"), "10-09 is still closed from the city layer");
        district.DatedDaysIn(2026).Where(day => day.Date.Month == 10 && day.Date.Day is 8 or 9).Select(day => day.Name)
            .ShouldBe(["区局照常办公", "市局停办"]);
    }

    [Fact]
    public void Overrides_outside_the_published_years_count_too()
    {
        var bureau = national.WithOverrides([
            new CalendarDay(D("2019-12-31"), false, "2019 closure"),
            new CalendarDay(D("2027-01-04"), false, "2027 closure"),
        ]);
        bureau.AddWorkingDays(D("2019-12-30"), 1).ShouldBe(D("2020-01-02"));
        bureau.AddWorkingDays(D("2026-12-31"), 1).ShouldBe(D("2027-01-01"));
        bureau.AddWorkingDays(D("2026-12-31"), 2).ShouldBe(D("2027-01-05"));
        bureau.AddWorkingDays(D("2030-01-01"), 1).ShouldBe(national.AddWorkingDays(D("2030-01-01"), 1));
        bureau.LastPublishedYear.ShouldBe(2026);
        bureau.IsProvisional(D("2027-01-05")).ShouldBeTrue();
    }

    [Fact]
    public void A_closure_on_the_last_day_of_the_published_data_counts()
    {
        var bureau = national.WithOverrides([new CalendarDay(D("2026-12-31"), false, "年终结账停办")]);
        bureau.IsWorkingDay(D("2026-12-31")).ShouldBeFalse();
        bureau.AddWorkingDays(D("2026-12-30"), 1).ShouldBe(D("2027-01-01"));
        bureau.WorkingDaysBetween(D("2026-12-30"), D("2027-01-01")).ShouldBe(1);
    }

    [Fact]
    public void The_same_date_twice_in_one_layer_is_an_error()
    {
        Should.Throw<ArgumentException>(() => national.WithOverrides([
            new CalendarDay(D("2026-10-08"), false, "a"),
            new CalendarDay(D("2026-10-08"), true, "b"),
        ]));
    }

    [Fact]
    public void A_calendar_built_from_days_uses_only_those_days()
    {
        var calendar = WorkingDayCalendar.FromDays([new CalendarDay(D("2030-05-01"), false, "劳动节")], 2030);
        calendar.LastPublishedYear.ShouldBe(2030);
        calendar.AddWorkingDays(D("2030-04-30"), 1).ShouldBe(D("2030-05-02"));
        calendar.AddWorkingDays(D("2026-09-30"), 1).ShouldBe(D("2026-10-01"), "no national data in this calendar");
        calendar.IsProvisional(D("2030-12-31")).ShouldBeFalse();
        calendar.IsProvisional(D("2031-01-01")).ShouldBeTrue();
    }
}
