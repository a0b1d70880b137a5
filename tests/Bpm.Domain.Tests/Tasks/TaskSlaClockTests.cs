using Bpm.Domain.Requests;
using Bpm.Domain.Calendar;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Domain.Users;

namespace Bpm.Domain.Tests.Tasks;

/// <summary>A Xiantao handling task counted from Wed 2026-09-30, 2 WD → Fri 10-09; National Day 10-01…10-07, Sat 10-10 a make-up working day.</summary>
public sealed class TaskSlaClockTests
{
    private static readonly WorkingDayCalendar Calendar = WorkingDayCalendar.ChinaNational;
    private static readonly BureauClock Shanghai = BureauClock.ChinaDefault;
    private static readonly DateTimeOffset Opened = At("2026-09-30T02:00:00Z");

    private static RequestTask Handling() => new(new RequestTaskOpening(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), RequestType.Policy, "仙桃市恒达纺织有限公司", "wf-1", "bm-1", "handle", "Bpm.HumanTask", "办理",
        Guid.NewGuid(), Roles.Handler, ["Resolved", "Extend"], "[]", SlaStep.Handling,
        Opened, new DateOnly(2026, 10, 9), At("2026-10-09T16:00:00Z"), false, new DateOnly(2026, 9, 30), 2, 0));

    [Fact]
    public void The_planned_deadline_counts_from_its_day_under_the_calendar_given()
    {
        var task = Handling();

        task.PlannedDeadline(Calendar, Shanghai).ShouldBe(new WorkingDayDeadline(new DateOnly(2026, 10, 9), At("2026-10-09T16:00:00Z"), false));

        // Xiantao closes on Thu 10-08 → Fri 10-09 is the 1st working day, Sat 10-10 (make-up) the 2nd.
        var closed = Calendar.WithOverrides([new CalendarDay(new DateOnly(2026, 10, 8), false, "防汛")]);
        task.PlannedDeadline(closed, Shanghai)!.DueDate.ShouldBe(new DateOnly(2026, 10, 10));
        task.PlannedDeadline(Calendar, Shanghai with { CutOff = new TimeOnly(17, 30) })!.DueAt.ShouldBe(At("2026-10-09T09:30:00Z"));
    }

    [Fact]
    public void Resuming_adds_the_working_days_from_the_pause_day_up_to_but_not_including_the_resume_day()
    {
        var task = Handling();
        task.Pause("等待纳税人补充资料", At("2026-10-08T02:00:00Z"));

        var added = task.Resume(Calendar, Shanghai, At("2026-10-12T02:00:00Z"));

        added.ShouldBe(3, "Thu 10-08, Fri 10-09 and the make-up Sat 10-10");
        (task.IsPaused, task.SlaAddedWorkingDays).ShouldBe((false, 3));
        task.PlannedDeadline(Calendar, Shanghai)!.DueDate.ShouldBe(new DateOnly(2026, 10, 13));
    }

    [Fact]
    public void A_pause_within_one_day_or_over_a_holiday_adds_nothing()
    {
        var sameDay = Handling();
        sameDay.Pause("等待资料", At("2026-10-08T01:00:00Z"));
        sameDay.Resume(Calendar, Shanghai, At("2026-10-08T08:00:00Z")).ShouldBe(0);

        var overHoliday = Handling();
        overHoliday.Pause("等待资料", At("2026-10-01T01:00:00Z"));
        overHoliday.Resume(Calendar, Shanghai, At("2026-10-08T01:00:00Z")).ShouldBe(0, "10-01…10-07 are rest days");
    }

    [Fact]
    public void Pausing_twice_resuming_a_running_clock_and_pausing_without_a_reason_are_refused()
    {
        var task = Handling();
        Should.Throw<DomainConflictException>(() => task.Resume(Calendar, Shanghai, Opened)).Code.ShouldBe("task.not-paused");
        Should.Throw<DomainException>(() => task.Pause(" ", Opened)).Field.ShouldBe("reason");
        task.Pause("等待资料", Opened);
        Should.Throw<DomainConflictException>(() => task.Pause("again", Opened)).Code.ShouldBe("task.paused");
    }

    [Fact]
    public void Alert_levels_only_rise_until_a_moved_deadline_takes_back_marks_that_lie_ahead_again()
    {
        var task = Handling();
        task.RaiseAlert(SlaAlertLevel.Overdue).ShouldBeTrue();
        task.RaiseAlert(SlaAlertLevel.Warning).ShouldBeFalse();
        task.RecordReminder(1).ShouldBeTrue();
        task.RecordReminder(1).ShouldBeFalse();
        var now = At("2026-10-10T17:00:00Z");

        // Moved to Tue 10-13: the warning (Mon 10-12 24:00) and the due instant lie ahead again; no reminder is due yet.
        task.ReviewAlerts(At("2026-10-12T16:00:00Z"), At("2026-10-13T16:00:00Z"), 0, now);

        (task.AlertLevel, task.RemindersSent).ShouldBe((SlaAlertLevel.None, 0));
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);
}
