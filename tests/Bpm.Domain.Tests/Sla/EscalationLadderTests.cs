using Bpm.Domain.Calendar;
using Bpm.Domain.Sla;

namespace Bpm.Domain.Tests.Sla;

/// <summary>Ladders around National Day 2026: 10-01…10-07 are rest days, Sat 10-10 is a make-up working day.</summary>
public sealed class EscalationLadderTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.ChinaNational;
    private static readonly BureauClock Shanghai = BureauClock.ChinaDefault;

    [Fact]
    public void The_standard_ladder_warns_one_working_day_ahead_escalates_at_due_and_reminds_on_working_days_only()
    {
        var alarms = EscalationLadder.Standard.Plan(Calendar, Shanghai, new DateOnly(2026, 10, 9), At("2026-09-30T02:00:00Z"));

        alarms.ShouldBe(
        [
            new SlaAlarm(SlaAlarmKind.Warning, 0, At("2026-10-08T16:00:00Z")),
            new SlaAlarm(SlaAlarmKind.Overdue, 0, At("2026-10-09T16:00:00Z")),
            new SlaAlarm(SlaAlarmKind.Reminder, 1, At("2026-10-10T16:00:00Z")),
            new SlaAlarm(SlaAlarmKind.Reminder, 2, At("2026-10-12T16:00:00Z")),
            new SlaAlarm(SlaAlarmKind.Reminder, 3, At("2026-10-13T16:00:00Z")),
        ]);
    }

    [Fact]
    public void A_warning_in_working_days_before_a_day_after_a_holiday_falls_before_the_holiday()
    {
        // Due Thu 10-08, 1 WD ahead → the working day before is Wed 09-30 (10-01…10-07 are rest days).
        var alarms = EscalationLadder.Standard.Plan(Calendar, Shanghai, new DateOnly(2026, 10, 8), At("2026-09-29T02:00:00Z"));

        alarms[0].ShouldBe(new SlaAlarm(SlaAlarmKind.Warning, 0, At("2026-09-30T16:00:00Z")));
    }

    [Fact]
    public void Working_hours_before_due_skip_rest_days_whole()
    {
        var hours = new SlaOffset(30, SlaOffsetUnit.WorkingHours);

        // Due Thu 10-08 24:00: 24 h of 10-08, then back over 10-07…10-01 to Wed 09-30 24:00, 6 h more → 09-30 18:00 (10:00Z).
        hours.Before(Calendar, Shanghai, new DateOnly(2026, 10, 8), At("2026-10-08T16:00:00Z")).ShouldBe(At("2026-09-30T10:00:00Z"));
        new SlaOffset(4, SlaOffsetUnit.WorkingHours).Before(Calendar, Shanghai, new DateOnly(2026, 10, 9), At("2026-10-09T16:00:00Z"))
            .ShouldBe(At("2026-10-09T12:00:00Z"));
    }

    [Fact]
    public void A_warning_that_would_fall_before_the_task_opened_falls_at_the_opening()
    {
        var opened = At("2026-10-09T01:00:00Z");

        var alarms = EscalationLadder.Standard.Plan(Calendar, Shanghai, new DateOnly(2026, 10, 9), opened);

        alarms[0].ShouldBe(new SlaAlarm(SlaAlarmKind.Warning, 0, opened));
    }

    [Fact]
    public void Ulanqab_hands_an_item_unsolved_three_working_days_after_due_to_the_joint_meeting_at_the_step_cut_off()
    {
        var clock = Shanghai with { CutOff = new TimeOnly(17, 30) };

        // Due Fri 10-09 17:30; 3 WD after: Sat 10-10, Mon 10-12, Tue 10-13 → 17:30 local = 09:30Z.
        var alarms = SlaProfiles.UlanqabHandlingLadder.Plan(Calendar, clock, new DateOnly(2026, 10, 9), At("2026-09-20T00:00:00Z"));

        alarms.Single(a => a.Kind == SlaAlarmKind.JointMeeting).At.ShouldBe(At("2026-10-13T09:30:00Z"));
        alarms.Single(a => a.Kind == SlaAlarmKind.Warning).At.ShouldBe(At("2026-09-30T09:30:00Z"), "2 WD before Fri 10-09: Thu 10-08, then Wed 09-30");
        alarms.Count(a => a.Kind == SlaAlarmKind.Reminder).ShouldBe(5);
    }

    [Fact]
    public void No_ladder_rungs_means_no_alarms_and_bad_ladders_are_refused_with_the_field()
    {
        EscalationLadder.None.Plan(Calendar, Shanghai, new DateOnly(2026, 10, 9), At("2026-09-30T02:00:00Z")).ShouldBeEmpty();

        new EscalationLadder(new SlaOffset(0, SlaOffsetUnit.WorkingDays), true, 1, 3, null).Problems().Select(p => p.Field).ShouldBe(["ladder.warnBefore.amount"]);
        new EscalationLadder(null, true, 0, 3, null).Problems().Select(p => p.Field).ShouldBe(["ladder.remindEveryWorkingDays"]);
        new EscalationLadder(null, true, null, 2, null).Problems().Select(p => p.Field).ShouldBe(["ladder.remindEveryWorkingDays"]);
        new EscalationLadder(null, true, 1, 99, null).Problems().Select(p => p.Field).ShouldBe(["ladder.maxReminders"]);
        Should.Throw<DomainException>(() => new SlaRule(Guid.NewGuid(), null, SlaStep.Handling, 2, ladder: new EscalationLadder(null, true, 1, 99, null)))
            .Field.ShouldBe("ladder.maxReminders");
        Should.Throw<DomainException>(() => new SlaRule(Guid.NewGuid(), null, SlaStep.Handling, 2, cutOff: TimeOnly.MinValue)).Field.ShouldBe("cutOff");
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
}
