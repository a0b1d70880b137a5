using Bpm.Domain.Bureaus;
using Bpm.Domain.Calendar;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using static Bpm.Domain.Tests.Calendar.Dates;

namespace Bpm.Domain.Tests.Bureaus;

/// <summary>
/// A deadline computed the way the application does it: the step's inherited SLA line, the bureau's
/// inherited calendar and clock. Expected dates are reasoned out by hand from the State Council notice
/// for 2026 (春节: Sun 02-15 … Mon 02-23 off; Sat 02-14 and Sat 02-28 are make-up working days).
/// </summary>
public sealed class DeadlineIntegrationTests
{
    private static readonly DateTimeOffset ReceivedFri0213 = new(2026, 2, 13, 10, 0, 0, TimeSpan.FromHours(8));

    private readonly SeedTree seed = new();

    private static WorkingDayDeadline HandlingDeadline(BureauTree tree, Guid bureauId, DateTimeOffset receivedAt)
    {
        var rule = tree.SlaRule(bureauId, RequestType.Policy, SlaStep.Handling)!.Value;
        return tree.CalendarOf(bureauId).AddWorkingDays(tree.ClockOf(bureauId), receivedAt, rule.WorkingDays);
    }

    [Fact]
    public void Jining_ten_working_days_from_Friday_before_the_Spring_Festival()
    {
        // Received Fri 02-13 (not counted). Working days after it:
        //   1 Sat 02-14 (make-up) · 02-15 … 02-23 off · 2 Tue 02-24 · 3 Wed 02-25 · 4 Thu 02-26 · 5 Fri 02-27
        //   6 Sat 02-28 (make-up) · Sun 03-01 off · 7 Mon 03-02 · 8 Tue 03-03 · 9 Wed 03-04 · 10 Thu 03-05.
        // Default cut-off is 24:00 Shanghai, i.e. Fri 03-06 00:00 +08:00 = Thu 03-05 16:00 UTC.
        var deadline = HandlingDeadline(seed.Build(), seed.Jining.Id, ReceivedFri0213);

        deadline.DueDate.ShouldBe(D("2026-03-05"));
        deadline.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 5, 16, 0, 0, TimeSpan.Zero));
        deadline.DueAt.Offset.ShouldBe(TimeSpan.Zero);
        deadline.IsProvisional.ShouldBeFalse();
    }

    [Fact]
    public void Xiantao_two_working_days_from_the_same_receipt()
    {
        // 1 Sat 02-14 (make-up) · 02-15 … 02-23 off · 2 Tue 02-24. Due at 02-25 00:00 +08:00 = 02-24 16:00 UTC.
        var deadline = HandlingDeadline(seed.Build(), seed.Xiantao.Id, ReceivedFri0213);

        deadline.DueDate.ShouldBe(D("2026-02-24"));
        deadline.DueAt.ShouldBe(new DateTimeOffset(2026, 2, 24, 16, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public void An_Ulanqab_closure_inside_the_window_moves_Jinings_deadline_but_not_Xiantaos()
    {
        // Ulanqab closed on Tue 03-03: the count above loses its 8th day, so 8 Wed 03-04 · 9 Thu 03-05 · 10 Fri 03-06.
        seed.Days.Add(new BureauCalendarDay(seed.Ulanqab.Id, D("2026-03-03"), isWorkingDay: false, "本地停工"));
        // And Xiantao's 2-WD deadline (Tue 02-24) is not affected by a closure elsewhere on that day.
        seed.Days.Add(new BureauCalendarDay(seed.Ulanqab.Id, D("2026-02-24"), isWorkingDay: false, "本地停工"));
        var tree = seed.Build();

        // With 02-24 closed as well: 2 Wed 02-25 · 3 Thu 02-26 · 4 Fri 02-27 · 5 Sat 02-28 · 6 Mon 03-02
        // · (03-03 closed) · 7 Wed 03-04 · 8 Thu 03-05 · 9 Fri 03-06 · 10 Mon 03-09.
        HandlingDeadline(tree, seed.Jining.Id, ReceivedFri0213).DueDate.ShouldBe(D("2026-03-09"));
        HandlingDeadline(tree, seed.Xiantao.Id, ReceivedFri0213).DueDate.ShouldBe(D("2026-02-24"));
    }

    [Fact]
    public void Ulanqabs_half_past_five_cut_off_ends_Jinings_due_day_at_09_30_UTC()
    {
        // Same due date Thu 03-05; 17:30 +08:00 = 09:30 UTC.
        seed.Ulanqab.SetCutOff(new TimeOnly(17, 30));
        var deadline = HandlingDeadline(seed.Build(), seed.Jining.Id, ReceivedFri0213);

        deadline.DueDate.ShouldBe(D("2026-03-05"));
        deadline.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 5, 9, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public void A_receipt_late_in_the_UTC_day_counts_from_the_Shanghai_date()
    {
        // 2026-02-13T17:00Z is Sat 02-14 01:00 in Shanghai, so Sat 02-14 is the (uncounted) day of receipt
        // and the make-up day no longer counts for the request: 02-15 … 02-23 off, then
        // 1 Tue 02-24 · 2 Wed 02-25 · 3 Thu 02-26 · 4 Fri 02-27 · 5 Sat 02-28 · 6 Mon 03-02 · 7 Tue 03-03
        // · 8 Wed 03-04 · 9 Thu 03-05 · 10 Fri 03-06.
        var receivedAt = new DateTimeOffset(2026, 2, 13, 17, 0, 0, TimeSpan.Zero);
        HandlingDeadline(seed.Build(), seed.Jining.Id, receivedAt).DueDate.ShouldBe(D("2026-03-06"));
    }
}
