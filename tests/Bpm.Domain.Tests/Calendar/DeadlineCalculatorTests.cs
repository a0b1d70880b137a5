using Bpm.Domain.Calendar;
using static Bpm.Domain.Tests.Calendar.Dates;

namespace Bpm.Domain.Tests.Calendar;

public sealed class DeadlineCalculatorTests
{
    private static readonly WorkingDayCalendar national = WorkingDayCalendar.ChinaNational;
    private static readonly TimeSpan shanghaiOffset = TimeSpan.FromHours(8);

    private static DateTimeOffset Utc(string isoInstant) => DateTimeOffset.Parse(isoInstant, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>24:00 Shanghai on the due date, written as local midnight of the next day.</summary>
    private static DateTimeOffset ShanghaiMidnightAfter(string dueDate) =>
        new DateTimeOffset(D(dueDate).AddDays(1).ToDateTime(TimeOnly.MinValue), shanghaiOffset).ToUniversalTime();

    [Theory]
    [InlineData("2026-09-29T17:00:00Z", 1, "2026-10-08", "01:00 on Wed 09-30 in Shanghai")]
    [InlineData("2026-09-29T15:59:59Z", 1, "2026-09-30", "23:59:59 on Tue 09-29 in Shanghai")]
    [InlineData("2026-09-30T01:00:00+08:00", 5, "2026-10-13", "same day, local offset")]
    [InlineData("2026-09-29T12:00:00-05:00", 1, "2026-10-08", "17:00Z, already Wed 09-30 in Shanghai")]
    [InlineData("2026-10-09T15:59:00Z", 1, "2026-10-10", "23:59 Fri → make-up Saturday")]
    [InlineData("2026-10-09T16:00:00Z", 1, "2026-10-12", "00:00 Sat 10-10: counted from a working Saturday")]
    [InlineData("2022-12-30T16:30:00Z", 1, "2023-01-03", "00:30 Sat 12-31, a rest day from the 2023 notice")]
    public void Receipt_instant_counts_on_the_Shanghai_date(string receivedAt, int workingDays, string expectedDue, string why)
    {
        var deadline = national.AddWorkingDays(BureauClock.ChinaDefault, Utc(receivedAt), workingDays);
        deadline.DueDate.ShouldBe(D(expectedDue), why);
        deadline.DueAt.ShouldBe(ShanghaiMidnightAfter(expectedDue));
        deadline.DueAt.Offset.ShouldBe(TimeSpan.Zero);
        deadline.IsProvisional.ShouldBeFalse();
    }

    [Fact]
    public void Due_instant_is_24_00_Shanghai_in_UTC()
    {
        var deadline = national.AddWorkingDays(BureauClock.ChinaDefault, Utc("2026-09-30T02:00:00Z"), 1);
        deadline.ShouldBe(new WorkingDayDeadline(D("2026-10-08"), new DateTimeOffset(2026, 10, 8, 16, 0, 0, TimeSpan.Zero), false));
    }

    [Fact]
    public void A_close_of_business_cut_off_ends_the_due_date_earlier()
    {
        var clock = BureauClock.ChinaDefault with { CutOff = new TimeOnly(17, 30) };
        var deadline = national.AddWorkingDays(clock, Utc("2026-09-30T02:00:00Z"), 1);
        deadline.DueAt.ShouldBe(new DateTimeOffset(2026, 10, 8, 9, 30, 0, TimeSpan.Zero));
        deadline.DueAt.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void A_deadline_past_the_last_notice_is_provisional()
    {
        var deadline = national.AddWorkingDays(BureauClock.ChinaDefault, Utc("2026-12-30T02:00:00Z"), 5);
        deadline.DueDate.ShouldBe(D("2027-01-06"), "12-31, Fri 2027-01-01 (no notice yet), 01-04, 01-05, 01-06");
        deadline.IsProvisional.ShouldBeTrue();
        national.AddWorkingDays(BureauClock.ChinaDefault, Utc("2026-12-24T02:00:00Z"), 5).IsProvisional.ShouldBeFalse();
    }

    [Fact]
    public void An_extension_counts_from_the_current_due_date()
    {
        var first = national.AddWorkingDays(BureauClock.ChinaDefault, Utc("2026-09-30T02:00:00Z"), 1);
        var extended = national.ExtendBy(BureauClock.ChinaDefault, first, 5);
        extended.DueDate.ShouldBe(D("2026-10-14"), "10-09, Sat 10-10 make-up, 10-12, 10-13, 10-14");
        extended.DueAt.ShouldBe(ShanghaiMidnightAfter("2026-10-14"));
    }

    [Fact]
    public void Local_date_uses_the_bureau_zone()
    {
        BureauClock.ChinaDefault.LocalDate(Utc("2026-09-29T17:00:00Z")).ShouldBe(D("2026-09-30"));
        BureauClock.ChinaDefault.LocalDate(Utc("2026-09-29T15:59:59.999Z")).ShouldBe(D("2026-09-29"));
        BureauClock.ChinaDefault.CutOff.ShouldBe(BureauClock.EndOfDay);
        BureauClock.ChinaDefault.TimeZone.BaseUtcOffset.ShouldBe(shanghaiOffset);
        new BureauClock(TimeZoneInfo.Utc).CutOff.ShouldBe(BureauClock.EndOfDay);
    }

    [Fact]
    public void A_cut_off_skipped_by_daylight_saving_is_the_instant_of_the_jump()
    {
        // Cuba moved its clocks from 00:00 to 01:00 on 2024-03-10, so 24:00 of 03-09 never showed.
        var havana = new BureauClock(TimeZoneInfo.FindSystemTimeZoneById("America/Havana"), BureauClock.EndOfDay);
        havana.DeadlineInstant(D("2024-03-09")).ShouldBe(new DateTimeOffset(2024, 3, 10, 5, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_cut_off_shown_twice_is_its_first_occurrence()
    {
        // Berlin went from 03:00 CEST back to 02:00 CET on 2024-10-27; 02:30 first showed at 00:30Z.
        var berlin = new BureauClock(TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"), new TimeOnly(2, 30));
        berlin.DeadlineInstant(D("2024-10-27")).ShouldBe(new DateTimeOffset(2024, 10, 27, 0, 30, 0, TimeSpan.Zero));
    }
}
