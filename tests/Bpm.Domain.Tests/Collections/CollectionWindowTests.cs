using Bpm.Domain.Calendar;
using Bpm.Domain.Collections;
using Bpm.Domain.Reports;

namespace Bpm.Domain.Tests.Collections;

/// <summary>
/// The monthly collection opens on the month's first working day at 09:00 and is due at the end of its 3rd working day
/// (Shanghai, cut-off 24:00), counted on the national calendar with 调休 and a bureau's own closures.
/// </summary>
public sealed class CollectionWindowTests
{
    private static readonly BureauClock Shanghai = BureauClock.ChinaDefault;

    private static CollectionWindow Window(int year, int month, WorkingDayCalendar? calendar = null) =>
        CollectionWindow.For(new CollectionMonth(year, month), calendar ?? WorkingDayCalendar.ChinaNational, Shanghai, CollectionWindow.DefaultOpeningTime);

    [Theory]
    // February 2026 (Sun 02-01), before the Spring Festival (02-15…02-23 off, Sat 02-14 make-up): Mon 02-02 … Wed 02-04.
    [InlineData(2026, 2, "2026-02-02", "2026-02-04")]
    // March 2026 (Sun 03-01): Sat 02-28 is a make-up working day of the Spring Festival but belongs to February.
    [InlineData(2026, 3, "2026-03-02", "2026-03-04")]
    // February 2025: Spring Festival 01-28…02-04 off, Sat 02-01 inside it → first working day Wed 02-05, 3rd Fri 02-07.
    [InlineData(2025, 2, "2025-02-05", "2025-02-07")]
    // January 2026: 元旦 01-01…01-03 off, Sun 01-04 make-up → opens on a Sunday, due Tue 01-06.
    [InlineData(2026, 1, "2026-01-04", "2026-01-06")]
    // August 2026 starts on a Saturday: Mon 08-03 … Wed 08-05.
    [InlineData(2026, 8, "2026-08-03", "2026-08-05")]
    // October 2026: 国庆 10-01…10-07 off, Sat 10-10 make-up → Thu 10-08 … Sat 10-10.
    [InlineData(2026, 10, "2026-10-08", "2026-10-10")]
    public void Opens_on_the_first_working_day_and_is_due_on_the_third(int year, int month, string opensOn, string dueOn)
    {
        var window = Window(year, month);

        window.OpensOn.ShouldBe(DateOnly.Parse(opensOn));
        window.DueDate.ShouldBe(DateOnly.Parse(dueOn));
        window.OpensAt.ShouldBe(new DateTimeOffset(DateOnly.Parse(opensOn).ToDateTime(new TimeOnly(1, 0)), TimeSpan.Zero), "09:00 in Shanghai is 01:00Z");
        window.DueAt.ShouldBe(new DateTimeOffset(DateOnly.Parse(dueOn).ToDateTime(new TimeOnly(16, 0)), TimeSpan.Zero), "24:00 in Shanghai is 16:00Z");
        window.DueIsProvisional.ShouldBeFalse();
    }

    [Fact]
    public void A_bureau_closure_on_the_first_working_day_moves_the_opening_and_the_due_day()
    {
        // 仙桃 closed on Mon 2026-03-02 (system migration): Tue 03-03 opens, the 3rd working day is Thu 03-05.
        var closed = WorkingDayCalendar.ChinaNational.WithOverrides([new CalendarDay(new DateOnly(2026, 3, 2), false, "系统切换")]);

        var window = Window(2026, 3, closed);

        window.OpensOn.ShouldBe(new DateOnly(2026, 3, 3));
        window.DueDate.ShouldBe(new DateOnly(2026, 3, 5));
    }

    [Fact]
    public void A_bureau_cut_off_of_17_30_makes_the_collection_due_then()
    {
        var clock = Shanghai with { CutOff = new TimeOnly(17, 30) };

        var window = CollectionWindow.For(new CollectionMonth(2026, 3), WorkingDayCalendar.ChinaNational, clock, CollectionWindow.DefaultOpeningTime);

        window.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 4, 9, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_month_after_the_published_holidays_is_provisional()
    {
        Window(2027, 2).DueIsProvisional.ShouldBeTrue();
    }

    [Fact]
    public void The_collection_month_reports_on_the_month_before()
    {
        new CollectionMonth(2026, 1).Reported.ShouldBe(new CollectionMonth(2025, 12));
        new CollectionMonth(2026, 3).ToString().ShouldBe("2026-03");
        Should.Throw<DomainException>(() => new CollectionMonth(2026, 13)).Field.ShouldBe("month");
    }

    [Fact]
    public void Submitting_needs_a_count_and_risk_points_and_happens_once()
    {
        var task = new CollectionTask(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Window(2026, 3), new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        var at = new DateTimeOffset(2026, 3, 3, 2, 0, 0, TimeSpan.Zero);

        var refused = Should.Throw<DomainValidationException>(() => task.Submit(Guid.NewGuid(), -1, " ", at));
        refused.Errors.Select(e => e.Field).ShouldBe(["requestCount", "riskPoints"]);
        task.Status.ShouldBe(CollectionTaskStatus.Open);

        task.Submit(Guid.NewGuid(), 12, " 发票开具问题集中 ", at);
        task.RequestCount.ShouldBe(12);
        task.RiskPoints.ShouldBe("发票开具问题集中");
        task.IsLate(at).ShouldBeFalse();
        Should.Throw<DomainConflictException>(() => task.Submit(Guid.NewGuid(), 3, "无", at));
    }

    [Theory]
    [InlineData("2026-01-01", 2026, 1, "2025-10-01", "2025-12-31")]
    [InlineData("2026-05-17", 2026, 2, "2026-01-01", "2026-03-31")]
    [InlineData("2026-10-08", 2026, 4, "2026-07-01", "2026-09-30")]
    public void A_quarter_knows_its_dates_and_the_one_before(string date, int year, int quarter, string previousFirst, string previousLast)
    {
        var current = ReportQuarter.Of(DateOnly.Parse(date));

        current.ShouldBe(new ReportQuarter(year, quarter));
        current.Previous.FirstDay.ShouldBe(DateOnly.Parse(previousFirst));
        current.Previous.LastDay.ShouldBe(DateOnly.Parse(previousLast));
        Should.Throw<DomainValidationException>(() => new ReportQuarter(2026, 5)).Errors.Single().Field.ShouldBe("quarter");
    }
}
