using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;

namespace Bpm.Application.Statistics;

/// <summary>One request as the dashboard counts it: the columns of the dashboard index, nothing else.</summary>
public readonly record struct DashboardRow(
    DateTimeOffset ReceivedAt,
    RequestStatus Status,
    bool HandledLate,
    bool Responded,
    string? RevisitOutcome,
    RequestType Type,
    Channel Channel,
    TaxpayerSize? Size,
    string? Industry,
    string? CreditCode,
    string Contact);

/// <summary>
/// Counts the dashboard's figures (definitions on <see cref="DashboardFigures"/>) in one pass over the rows of the
/// query's bureaus received from <see cref="ScanFrom"/> (the period start less the repeat window) to the period end.
/// Rows before the period only make later ones repeats: code K on 02-20, 03-05 and 03-28 with a 30-day window and
/// period March → 2 requests, both repeats. Rows may come in any order.
/// </summary>
public sealed class DashboardTally(DashboardQuery query)
{
    private const string SatisfiedOutcome = "Satisfied";

    private readonly Dictionary<RequestType, int> _byType = [];
    private readonly Dictionary<Channel, int> _byChannel = [];
    private readonly Dictionary<string, int> _byIndustry = new(StringComparer.Ordinal);
    private readonly Dictionary<TaxpayerSize, int> _bySize = [];
    private readonly Dictionary<RequestStatus, int> _byStatus = [];
    private readonly Dictionary<(bool HasCode, string Key), List<DateTimeOffset>> _receiptsByTaxpayer = [];
    private readonly int[] _trend = new int[query.TrendBucketStarts.Count];
    private int _total, _noIndustry, _noSize, _closed, _closedLate, _responded, _revisited, _satisfied;

    /// <summary>Where the rows must start: a request received up to the repeat window before the period can make one in it a repeat.</summary>
    public DateTimeOffset ScanFrom => query.ReceivedFrom - query.RepeatWindow;

    public void Add(in DashboardRow row)
    {
        var taxpayer = row.CreditCode is { } code ? (true, code) : (false, row.Contact);
        if (!_receiptsByTaxpayer.TryGetValue(taxpayer, out var receipts))
        {
            _receiptsByTaxpayer[taxpayer] = receipts = [];
        }

        receipts.Add(row.ReceivedAt);
        if (row.ReceivedAt < query.ReceivedFrom || row.ReceivedAt >= query.ReceivedBefore)
        {
            return;
        }

        _total++;
        Increment(_byType, row.Type);
        Increment(_byChannel, row.Channel);
        Increment(_byStatus, row.Status);
        if (row.Industry is { } industry)
        {
            Increment(_byIndustry, industry);
        }
        else
        {
            _noIndustry++;
        }

        if (row.Size is { } size)
        {
            Increment(_bySize, size);
        }
        else
        {
            _noSize++;
        }

        if (row.Status == RequestStatus.Closed)
        {
            _closed++;
            _closedLate += row.HandledLate ? 1 : 0;
        }

        _responded += row.Responded ? 1 : 0;
        if (row.RevisitOutcome is { } outcome)
        {
            _revisited++;
            _satisfied += outcome == SatisfiedOutcome ? 1 : 0;
        }

        if (_trend.Length > 0)
        {
            _trend[BucketOf(row.ReceivedAt)]++;
        }
    }

    public DashboardFigures Figures(int overdueTasks, IReadOnlyList<OverdueTask> overdue) => new(
        _total,
        Sorted(_byType.Select(p => new KeyCount(p.Key.ToString(), p.Value))),
        Sorted(_byChannel.Select(p => new KeyCount(p.Key.ToString(), p.Value))),
        Sorted(_byIndustry.Select(p => new KeyCount(p.Key, p.Value)).Append(new KeyCount(null, _noIndustry))),
        Sorted(_bySize.Select(p => new KeyCount(p.Key.ToString(), p.Value)).Append(new KeyCount(null, _noSize))),
        Sorted(_byStatus.Select(p => new KeyCount(p.Key.ToString(), p.Value))),
        new Ratio(_closed - _closedLate, _closed),
        new Ratio(_responded, _total),
        new Ratio(_satisfied, _revisited),
        new Ratio(Repeats(), _total),
        _trend,
        overdueTasks,
        overdue);

    /// <summary>
    /// Requests in the period with an earlier receipt (strictly before, not at the same instant) of the same taxpayer
    /// at most the window before them: receipts 03-01 10:00, 03-01 10:00, 03-20 → only 03-20 is a repeat.
    /// </summary>
    private int Repeats()
    {
        int repeats = 0;
        foreach (var receipts in _receiptsByTaxpayer.Values.Where(r => r.Count > 1))
        {
            receipts.Sort();
            int earlier = -1;
            for (int i = 0; i < receipts.Count; i++)
            {
                while (earlier + 1 < i && receipts[earlier + 1] < receipts[i])
                {
                    earlier++;
                }

                bool inPeriod = receipts[i] >= query.ReceivedFrom && receipts[i] < query.ReceivedBefore;
                if (inPeriod && earlier >= 0 && receipts[earlier] < receipts[i] && receipts[earlier] >= receipts[i] - query.RepeatWindow)
                {
                    repeats++;
                }
            }
        }

        return repeats;
    }

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

    private static void Increment<TKey>(Dictionary<TKey, int> counts, TKey key)
        where TKey : notnull =>
        counts[key] = counts.GetValueOrDefault(key) + 1;

    /// <summary>Largest first, ties by key, groups of 0 left out: [(Policy, 3), (Service, 3), (IT, 1)].</summary>
    private static IReadOnlyList<KeyCount> Sorted(IEnumerable<KeyCount> counts) =>
        [.. counts.Where(c => c.Count > 0).OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal)];
}
