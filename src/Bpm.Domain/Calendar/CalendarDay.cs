namespace Bpm.Domain.Calendar;

/// <summary>
/// One dated day that the weekday rule alone does not describe: a rest day (法定节假日, a bureau
/// closure) or a make-up working day (调休上班). Example: <c>new CalendarDay(new(2026, 10, 10), true, "国庆节")</c>
/// — Saturday 2026-10-10 is a working day because the National Day holiday borrowed it.
/// </summary>
public sealed record CalendarDay(DateOnly Date, bool IsWorkingDay, string Name)
{
    /// <summary>
    /// True when this day turns the Monday–Friday rule around: a rest day on a weekday (Thu 2026-10-01)
    /// or a working Saturday/Sunday (Sat 2026-10-10). False for a listed rest day that is a weekend
    /// anyway (Sat 2026-10-03 inside 国庆节), which the notices name but which changes no count.
    /// </summary>
    public bool ChangesWeekdayRule => IsWorkingDay != WorkingDayIndex.IsMondayToFriday(Date.DayNumber);
}
