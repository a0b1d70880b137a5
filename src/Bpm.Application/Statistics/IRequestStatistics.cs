namespace Bpm.Application.Statistics;

/// <summary>
/// The analysts' figures over a bureau subtree and a receipt period, every number counted by the database
/// (Bpm.Persistence, one contract test class per provider). The definitions are in <see cref="DashboardFigures"/>.
/// </summary>
public interface IRequestStatistics
{
    Task<DashboardFigures> DashboardAsync(DashboardQuery query, CancellationToken cancellationToken);
}

/// <summary>
/// The requests of <paramref name="BureauIds"/> received in [<paramref name="ReceivedFrom"/>, <paramref name="ReceivedBefore"/>)
/// (UTC instants; <see cref="DashboardPeriod"/> makes them from bureau-local dates).
/// </summary>
/// <param name="Now">tasks due before this instant and still open are overdue.</param>
/// <param name="TrendBucketStarts">the trend's bucket starts, ascending, the first equal to ReceivedFrom; each bucket ends where the next starts (the last at ReceivedBefore).</param>
/// <param name="OverdueLimit">at most this many overdue tasks are listed (all are counted).</param>
public sealed record DashboardQuery(
    IReadOnlyCollection<Guid> BureauIds,
    DateTimeOffset ReceivedFrom,
    DateTimeOffset ReceivedBefore,
    DateTimeOffset Now,
    IReadOnlyList<DateTimeOffset> TrendBucketStarts,
    int OverdueLimit = 50);

/// <summary>
/// The dashboard's numbers. "Requests" are always those of the query's bureaus received in its period.
/// <list type="bullet">
/// <item>On time: closed (Closed) requests none of whose completed handling tasks (SLA step Handling or Rehandle) was
/// completed at or after its due instant, out of the closed requests. Handling due 2026-03-04T16:00Z, completed 15:59Z → on time.</item>
/// <item>Responded: requests answered on the spot or with a completed feedback task (SLA step Feedback), out of all requests.</item>
/// <item>Satisfied: requests whose latest completed revisit (SLA step Revisit) has outcome Satisfied, out of the requests
/// revisited: Unsatisfied, re-handled, then Satisfied → one satisfied request.</item>
/// <item>Repeat: requests of a repeat requester (重复诉求人, flagged at registration: the same credit code or contact asked in
/// the same province within the repeat window before, see <c>DuplicateDetectionService</c>); out of all requests. Same code
/// on 03-01 and 03-20 with a 30-day window → the 03-20 one is a repeat.</item>
/// <item>Overdue: open tasks of the requests whose due instant is before now.</item>
/// </list>
/// </summary>
public sealed record DashboardFigures(
    int Requests,
    IReadOnlyList<KeyCount> ByType,
    IReadOnlyList<KeyCount> ByChannel,
    IReadOnlyList<KeyCount> ByIndustry,
    IReadOnlyList<KeyCount> BySize,
    IReadOnlyList<KeyCount> ByStatus,
    Ratio OnTime,
    Ratio Responded,
    Ratio Satisfied,
    Ratio Repeat,
    IReadOnlyList<int> Trend,
    int OverdueTasks,
    IReadOnlyList<OverdueTask> Overdue);

/// <summary>A group and its count; Key is the enum name ("InformationTechnology") or the text, null for "not recorded".</summary>
public sealed record KeyCount(string? Key, int Count);

/// <summary>Part of a whole, e.g. 3 of 4 closed requests on time; <see cref="Percent"/> is null when the whole is 0.</summary>
public sealed record Ratio(int Part, int Whole)
{
    public double? Percent => Whole == 0 ? null : Math.Round(100.0 * Part / Whole, 1);
}

/// <summary>An open task past its due instant, with what a list line needs.</summary>
public sealed record OverdueTask(Guid TaskId, Guid RequestId, string RequestNumber, string TaxpayerName, Guid BureauId, string Title, DateTimeOffset DueAt);
