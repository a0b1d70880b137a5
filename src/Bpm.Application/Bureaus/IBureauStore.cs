using Bpm.Domain.Bureaus;
using Bpm.Domain.Sla;

namespace Bpm.Application.Bureaus;

/// <summary>Bureaus, their units and their own settings (calendar days, categories, SLA lines).</summary>
public interface IBureauStore
{
    /// <summary>Everything a <see cref="BureauTree"/> needs, read in one go.</summary>
    Task<BureauTree> LoadTreeAsync(CancellationToken cancellationToken);

    Task<bool> AnyAsync(CancellationToken cancellationToken);

    Task AddBureauAsync(Bureau bureau, CancellationToken cancellationToken);

    Task AddUnitAsync(Unit unit, CancellationToken cancellationToken);

    Task<Unit?> FindUnitAsync(Guid unitId, CancellationToken cancellationToken);

    Task<IReadOnlyList<Unit>> ListUnitsAsync(Guid bureauId, CancellationToken cancellationToken);

    /// <summary>Adds the day, or replaces the bureau's own entry for that date.</summary>
    Task SetCalendarDayAsync(BureauCalendarDay day, CancellationToken cancellationToken);

    /// <summary>True if the bureau had its own entry for the date.</summary>
    Task<bool> RemoveCalendarDayAsync(Guid bureauId, DateOnly date, CancellationToken cancellationToken);

    /// <summary>Replaces the bureau's taxonomy with these categories.</summary>
    Task ReplaceCategoriesAsync(Guid bureauId, IReadOnlyList<RequestCategory> categories, CancellationToken cancellationToken);

    /// <summary>Adds the line, or replaces the bureau's line for the same type and step.</summary>
    Task SetSlaRuleAsync(SlaRule rule, CancellationToken cancellationToken);

    /// <summary>Removes the bureau's own line for the type (null = its all-types line) and step; true if it had one.</summary>
    Task<bool> RemoveSlaRuleAsync(Guid bureauId, Domain.Requests.RequestType? type, SlaStep step, CancellationToken cancellationToken);
}
