using Bpm.Domain.Requests;

namespace Bpm.Application.Statistics;

/// <summary>
/// Adds up the dashboard's figures (definitions on <see cref="DashboardFigures"/>) from either source: the requests
/// themselves (<see cref="Add(in DashboardRow)"/>, rows outside the period are skipped) or daily counts already summed
/// per key (<see cref="Add(CountKey, int)"/> and <see cref="AddToTrend"/>). Both count with <see cref="DashboardCounts.Of"/>.
/// Example: two Policy requests and one Service request in March, one of them closed late → requests 3, type Policy 2 /
/// Service 1, on time 0 of 1 closed.
/// </summary>
public sealed class DashboardTally(DashboardQuery query)
{
    private readonly Dictionary<CountKey, int> _counts = [];
    private readonly int[] _trend = new int[query.TrendBucketStarts.Count];

    public void Add(in DashboardRow row)
    {
        if (row.ReceivedAt < query.ReceivedFrom || row.ReceivedAt >= query.ReceivedBefore)
        {
            return;
        }

        foreach (var key in DashboardCounts.Of(row))
        {
            Add(key, 1);
        }

        AddToTrend(row.ReceivedAt, 1);
    }

    public void Add(CountKey key, int count) => _counts[key] = _counts.GetValueOrDefault(key) + count;

    /// <summary>Counts requests received at (or, for a day's count, on the day starting at) the instant into its trend bucket.</summary>
    public void AddToTrend(DateTimeOffset receivedAt, int count)
    {
        if (_trend.Length > 0)
        {
            _trend[BucketOf(receivedAt)] += count;
        }
    }

    public DashboardFigures Figures(int overdueTasks, IReadOnlyList<OverdueTask> overdue)
    {
        int total = Count(DashboardCounts.Total);
        return new(
            total,
            Groups(DashboardCounts.Type, withNotRecorded: false),
            Groups(DashboardCounts.Channel, withNotRecorded: false),
            Groups(DashboardCounts.Industry, withNotRecorded: true),
            Groups(DashboardCounts.Size, withNotRecorded: true),
            Groups(DashboardCounts.Status, withNotRecorded: false),
            OnTime(),
            new Ratio(Count(DashboardCounts.Responded), total),
            new Ratio(Count(DashboardCounts.Satisfied), Count(DashboardCounts.Revisited)),
            new Ratio(Count(DashboardCounts.Repeat), total),
            _trend,
            overdueTasks,
            overdue);
    }

    private Ratio OnTime()
    {
        int closed = _counts.GetValueOrDefault(new CountKey(DashboardCounts.Status, nameof(RequestStatus.Closed)));
        return new Ratio(closed - Count(DashboardCounts.ClosedLate), closed);
    }

    private int Count(string figure) => _counts.GetValueOrDefault(new CountKey(figure, ""));

    /// <summary>
    /// A figure's groups, largest first, ties by key, groups of 0 left out: [(Policy, 3), (Service, 3), (IT, 1)]; the key ""
    /// (not recorded) becomes null where the figure has such a group (industry, size).
    /// </summary>
    private IReadOnlyList<KeyCount> Groups(string figure, bool withNotRecorded) =>
    [
        .. _counts
            .Where(c => c.Key.Figure == figure && c.Value > 0 && (withNotRecorded || c.Key.Key.Length > 0))
            .Select(c => new KeyCount(c.Key.Key.Length == 0 ? null : c.Key.Key, c.Value))
            .OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal),
    ];

    /// <summary>The bucket whose start is the last at or before the receipt: starts 03-01, 03-08, 03-15, receipt 03-09 → 1.</summary>
    private int BucketOf(DateTimeOffset receivedAt)
    {
        var starts = query.TrendBucketStarts;
        int low = 0, high = starts.Count - 1;
        while (low < high)
        {
            int middle = (low + high + 1) / 2;
            if (starts[middle] <= receivedAt)
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return low;
    }
}
