namespace Bpm.Domain.Calendar;

/// <summary>Turns "N working days from receipt" into a due date and instant for a bureau.</summary>
public static class DeadlineCalculator
{
    /// <summary>
    /// The deadline N working days after a receipt instant. The receipt's date in the bureau's time zone
    /// is the day of receipt, not counted whatever the hour (民法典 Art. 201, "次日起"); the N-th working day
    /// after it ends at the bureau's cut-off. Example: received 2026-09-29T17:00Z (= Wed 09-30 01:00 in
    /// Shanghai), 1 WD → due Thu 2026-10-08, DueAt 2026-10-08T16:00Z.
    /// </summary>
    public static WorkingDayDeadline AddWorkingDays(
        this WorkingDayCalendar calendar, BureauClock clock, DateTimeOffset receivedAt, int workingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(clock);
        return DeadlineOn(calendar, clock, calendar.AddWorkingDays(clock.LocalDate(receivedAt), workingDays));
    }

    /// <summary>
    /// An extension of N more working days, counted from the current due date, not from the approval.
    /// Example: due Thu 2026-10-08, extended by 5 WD → due Wed 2026-10-14 (09, Sat 10 make-up, 12, 13, 14).
    /// </summary>
    public static WorkingDayDeadline ExtendBy(
        this WorkingDayCalendar calendar, BureauClock clock, WorkingDayDeadline current, int additionalWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(current);
        return DeadlineOn(calendar, clock, calendar.AddWorkingDays(current.DueDate, additionalWorkingDays));
    }

    private static WorkingDayDeadline DeadlineOn(WorkingDayCalendar calendar, BureauClock clock, DateOnly dueDate) =>
        new(dueDate, clock.DeadlineInstant(dueDate), calendar.IsProvisional(dueDate));
}
