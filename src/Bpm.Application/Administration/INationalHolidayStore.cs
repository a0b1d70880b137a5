using Bpm.Domain.Calendar;

namespace Bpm.Application.Administration;

/// <summary>State Council notices imported after the embedded data (table PublishedHolidays). Implementation: Bpm.Persistence.</summary>
public interface INationalHolidayStore
{
    /// <summary>The notice years imported so far, ascending.</summary>
    Task<IReadOnlyList<int>> ListYearsAsync(CancellationToken cancellationToken);

    /// <summary>Replaces every stored day of the notice's year with the notice's days, in one transaction.</summary>
    Task ReplaceYearAsync(HolidayNotice notice, CancellationToken cancellationToken);
}
