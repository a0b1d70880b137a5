using Bpm.Domain.Collections;

namespace Bpm.Application.Collections;

/// <summary>
/// The <c>PeriodicDuties</c> section of appsettings.json: the monthly collection (报送上月诉求及风险点) and the quarterly
/// reports, both run by one periodic job (Bpm.Scheduling) every <see cref="CheckInterval"/> and once at start-up.
/// </summary>
public sealed class PeriodicDutiesOptions
{
    public const string Section = "PeriodicDuties";

    /// <summary>Run the job on this node (it only runs where <c>Scheduling:Enabled</c> is on too).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often the job looks whether a collection month has opened or a quarter's report is due. Each run is
    /// idempotent, so this only bounds how late after 09:00 the tasks appear (15 minutes by default).
    /// </summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Bureau-local time on the month's first working day at which the collection tasks open (09:00).</summary>
    public TimeOnly CollectionOpensAt { get; set; } = CollectionWindow.DefaultOpeningTime;

    /// <summary>The collection is due at the cut-off of the month's N-th working day (3, seed 004).</summary>
    public int CollectionWorkingDays { get; set; } = CollectionWindow.DefaultWorkingDays;

    /// <summary>Generate every bureau's report for the quarter just ended on the next quarter's first working day.</summary>
    public bool QuarterlyReports { get; set; } = true;
}
