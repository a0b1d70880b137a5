using Bpm.Domain.Calendar;

namespace Bpm.Domain.Sla;

/// <summary>
/// What happens around a task's deadline, as data in a bureau's SLA line (not code):
/// <list type="bullet">
/// <item>yellow warning <see cref="WarnBefore"/> ahead of the due instant (预警);</item>
/// <item>red at the due instant when <see cref="EscalateAtDue"/>: the task is marked overdue, its unit head and the
/// tax-service department are notified (督办);</item>
/// <item>a reminder every <see cref="RemindEveryWorkingDays"/> working days after due, at most <see cref="MaxReminders"/> (催办);</item>
/// <item>Ulanqab-style: still open <see cref="JointMeetingAfterWorkingDays"/> working days after due → the joint-meeting
/// office takes it over (提交联席会议).</item>
/// </list>
/// Example (Xiantao handling, 2 WD): opened Wed 2026-09-30, due Fri 2026-10-09 24:00; warned 1 WD before, at Thu 10-08
/// 24:00; red at Fri 10-09 24:00; reminders at Sat 10-10 24:00 (a make-up working day) and Mon 10-12 24:00.
/// </summary>
public sealed record EscalationLadder(
    SlaOffset? WarnBefore,
    bool EscalateAtDue,
    int? RemindEveryWorkingDays,
    int MaxReminders,
    int? JointMeetingAfterWorkingDays)
{
    public const int MaxReminderCount = 20;

    /// <summary>Warn 1 WD ahead, red at due, a reminder every working day after, three at most.</summary>
    public static EscalationLadder Standard { get; } = new(new SlaOffset(1, SlaOffsetUnit.WorkingDays), true, 1, 3, null);

    /// <summary>For one-day steps (transfer, feedback): warn 4 working hours ahead, red at due, daily reminders.</summary>
    public static EscalationLadder Short { get; } = new(new SlaOffset(4, SlaOffsetUnit.WorkingHours), true, 1, 3, null);

    /// <summary>Nothing at all: a step with no timers (e.g. the extension cap, which is not a task's deadline).</summary>
    public static EscalationLadder None { get; } = new(null, false, null, 0, null);

    /// <summary>The field errors of an administrator's ladder, e.g. reminders every 0 days; empty when valid.</summary>
    public IEnumerable<FieldError> Problems()
    {
        if (WarnBefore is { } warn && (warn.Amount < 1 || warn.Amount > (warn.Unit == SlaOffsetUnit.WorkingDays ? SlaRule.MaxWorkingDays : 24 * 10)))
        {
            yield return new FieldError("ladder.warnBefore.amount", "预警提前量应为正整数（工作日不超过250，小时不超过240）");
        }

        if (RemindEveryWorkingDays is < 1 or > SlaRule.MaxWorkingDays)
        {
            yield return new FieldError("ladder.remindEveryWorkingDays", "催办间隔应为1到250个工作日");
        }

        if (MaxReminders is < 0 or > MaxReminderCount)
        {
            yield return new FieldError("ladder.maxReminders", $"催办次数应在0到{MaxReminderCount}之间");
        }

        if (MaxReminders > 0 && RemindEveryWorkingDays is null)
        {
            yield return new FieldError("ladder.remindEveryWorkingDays", "设置了催办次数，须同时设置催办间隔");
        }

        if (JointMeetingAfterWorkingDays is < 0 or > SlaRule.MaxWorkingDays)
        {
            yield return new FieldError("ladder.jointMeetingAfterWorkingDays", "提交联席会议的时限应为0到250个工作日");
        }
    }

    /// <summary>
    /// Every rung of the ladder for a task due on <paramref name="dueDate"/>, in time order. A warning that would fall
    /// before the task opened falls at the opening instead (the task is short of time from the start).
    /// Reminder n (1-based) is <c>n × RemindEveryWorkingDays</c> working days after the due date, at the same cut-off.
    /// </summary>
    public IReadOnlyList<SlaAlarm> Plan(WorkingDayCalendar calendar, BureauClock clock, DateOnly dueDate, DateTimeOffset openedAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(clock);
        var dueAt = clock.DeadlineInstant(dueDate);
        var alarms = new List<SlaAlarm>();
        if (WarnBefore is { } warn)
        {
            var warnAt = warn.Before(calendar, clock, dueDate, dueAt);
            alarms.Add(new SlaAlarm(SlaAlarmKind.Warning, 0, warnAt < openedAt ? openedAt : warnAt));
        }

        if (EscalateAtDue)
        {
            alarms.Add(new SlaAlarm(SlaAlarmKind.Overdue, 0, dueAt));
        }

        if (RemindEveryWorkingDays is { } every)
        {
            for (var n = 1; n <= MaxReminders; n++)
            {
                alarms.Add(new SlaAlarm(SlaAlarmKind.Reminder, n, clock.DeadlineInstant(calendar.AddWorkingDays(dueDate, n * every))));
            }
        }

        if (JointMeetingAfterWorkingDays is { } after)
        {
            var date = after == 0 ? dueDate : calendar.AddWorkingDays(dueDate, after);
            alarms.Add(new SlaAlarm(SlaAlarmKind.JointMeeting, 0, clock.DeadlineInstant(date)));
        }

        return [.. alarms.OrderBy(a => a.At).ThenBy(a => a.Kind).ThenBy(a => a.Sequence)];
    }
}

/// <summary>How far ahead of a deadline: in working days, or in hours of working days.</summary>
/// <param name="Amount">≥ 1.</param>
public sealed record SlaOffset(int Amount, SlaOffsetUnit Unit)
{
    /// <summary>
    /// The instant <see cref="Amount"/> ahead of the deadline. Working days: the cut-off of the working day that many
    /// working days before the due date (due Fri 10-09, 1 WD → Thu 10-08's cut-off). Hours: counted back from the due
    /// instant through working days only; rest days are skipped whole (due Thu 2026-10-08 24:00, 30 h → Fri 09-30 18:00,
    /// because 10-01…10-07 are rest days).
    /// </summary>
    public DateTimeOffset Before(WorkingDayCalendar calendar, BureauClock clock, DateOnly dueDate, DateTimeOffset dueAt)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(clock);
        if (Unit == SlaOffsetUnit.WorkingDays)
        {
            var date = dueDate;
            for (var i = 0; i < Amount; i++)
            {
                date = PreviousWorkingDay(calendar, date);
            }

            return clock.DeadlineInstant(date);
        }

        // Walk back hour by hour from the due instant; an hour counts when its local date is a working day.
        var remaining = Amount;
        var at = dueAt;
        var guard = 0;
        while (remaining > 0 && guard++ < 24 * 400)
        {
            at = at.AddHours(-1);
            if (calendar.IsWorkingDay(clock.LocalDate(at)))
            {
                remaining--;
            }
        }

        return at;
    }

    private static DateOnly PreviousWorkingDay(WorkingDayCalendar calendar, DateOnly date)
    {
        var previous = date.AddDays(-1);
        for (var guard = 0; !calendar.IsWorkingDay(previous) && guard < 400; guard++)
        {
            previous = previous.AddDays(-1);
        }

        return previous;
    }
}

/// <summary>Stored by name; never rename a member.</summary>
public enum SlaOffsetUnit
{
    WorkingDays,
    WorkingHours,
}

/// <summary>One rung of a ladder at its instant; <see cref="Sequence"/> numbers reminders (1, 2, …), 0 otherwise.</summary>
public sealed record SlaAlarm(SlaAlarmKind Kind, int Sequence, DateTimeOffset At);

/// <summary>The rungs of an escalation ladder. Stored by name; never rename a member.</summary>
public enum SlaAlarmKind
{
    /// <summary>黄色预警: little time left.</summary>
    Warning,

    /// <summary>红色督办: the deadline passed; the unit head and the tax-service department are told.</summary>
    Overdue,

    /// <summary>催办: again, n working days after due.</summary>
    Reminder,

    /// <summary>提交联席会议: still unsolved some working days after due.</summary>
    JointMeeting,
}
