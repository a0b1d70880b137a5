namespace Bpm.Domain.Calendar;

/// <summary>
/// A deadline counted in working days: the bureau-local due date, the UTC instant at which it passes
/// (offset always zero), and whether the count ran past the published holiday data, so that it must be
/// re-planned when the State Council's notice for that year appears.
/// Example: received 2026-09-30 in Shanghai, 5 WD → DueDate 2026-10-13, DueAt 2026-10-13T16:00Z, not provisional.
/// </summary>
public sealed record WorkingDayDeadline(DateOnly DueDate, DateTimeOffset DueAt, bool IsProvisional);
