using Bpm.Application.Statistics;
using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;

namespace Bpm.Application.Tests.Statistics;

/// <summary>March 2026 in UTC days, weekly buckets from 03-01.</summary>
public sealed class DashboardTallyTests
{
    private static readonly DateTimeOffset March = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static DashboardQuery Query(params DateTimeOffset[] bucketStarts) =>
        new([Guid.NewGuid()], March, March.AddDays(31), March.AddDays(40), bucketStarts.Length == 0 ? [March] : bucketStarts);

    private static DashboardRow Row(string day, RequestStatus status = RequestStatus.Registered, bool repeat = false) =>
        new(DateTimeOffset.Parse(day, System.Globalization.CultureInfo.InvariantCulture), status, false, false, null,
            RequestType.Policy, Channel.ServiceHall, null, null, repeat);

    [Fact]
    public void Rows_outside_the_period_count_nowhere_and_repeat_requesters_make_the_repeat_rate()
    {
        var tally = new DashboardTally(Query());
        tally.Add(Row("2026-02-28T23:59:59Z", repeat: true));
        tally.Add(Row("2026-03-05T02:00:00Z", repeat: true));
        tally.Add(Row("2026-03-28T02:00:00Z"));
        tally.Add(Row("2026-04-01T00:00:00Z"));

        var figures = tally.Figures(0, []);

        figures.Requests.ShouldBe(2);
        figures.Repeat.ShouldBe(new Ratio(1, 2));
        figures.Trend.ShouldBe([2]);
    }

    [Fact]
    public void Each_receipt_falls_in_the_bucket_of_the_last_start_at_or_before_it()
    {
        var tally = new DashboardTally(Query(March, March.AddDays(7), March.AddDays(14)));
        tally.Add(Row("2026-03-01T00:00:00Z"));
        tally.Add(Row("2026-03-07T23:59:59Z"));
        tally.Add(Row("2026-03-08T00:00:00Z"));
        tally.Add(Row("2026-03-31T23:59:00Z"));

        tally.Figures(0, []).Trend.ShouldBe([2, 1, 1]);
    }

    [Fact]
    public void Groups_are_largest_first_with_the_unrecorded_as_null_and_rates_from_the_facts()
    {
        var tally = new DashboardTally(Query());
        tally.Add(Row("2026-03-02T02:00:00Z", status: RequestStatus.Closed) with { Industry = "制造业", Size = TaxpayerSize.Large, Responded = true, RevisitOutcome = "Satisfied" });
        tally.Add(Row("2026-03-03T02:00:00Z", status: RequestStatus.Closed) with { Industry = "制造业", HandledLate = true, Responded = true, RevisitOutcome = "Unsatisfied" });
        tally.Add(Row("2026-03-04T02:00:00Z") with { Type = RequestType.Service, HandledLate = true });

        var figures = tally.Figures(0, []);

        figures.ByType.ShouldBe([new KeyCount("Policy", 2), new KeyCount("Service", 1)]);
        figures.ByIndustry.ShouldBe([new KeyCount("制造业", 2), new KeyCount(null, 1)]);
        figures.BySize.ShouldBe([new KeyCount(null, 2), new KeyCount("Large", 1)]);
        figures.ByStatus.ShouldBe([new KeyCount("Closed", 2), new KeyCount("Registered", 1)]);
        figures.OnTime.ShouldBe(new Ratio(1, 2));
        figures.Responded.ShouldBe(new Ratio(2, 3));
        figures.Satisfied.ShouldBe(new Ratio(1, 2));
    }

    [Fact]
    public void Daily_counts_summed_per_key_give_the_same_figures_as_the_rows_they_count()
    {
        var rows = new[]
        {
            Row("2026-03-02T02:00:00Z", status: RequestStatus.Closed) with { Industry = "建筑业", HandledLate = true, Responded = true, RevisitOutcome = "Satisfied" },
            Row("2026-03-09T02:00:00Z", repeat: true) with { Channel = Channel.Hotline12366, Size = TaxpayerSize.SmallMicro },
            Row("2026-03-09T05:00:00Z", status: RequestStatus.Closed) with { Responded = true },
        };
        var query = Query(March, March.AddDays(7), March.AddDays(14));
        var fromRows = new DashboardTally(query);
        var fromCounts = new DashboardTally(query);
        foreach (var row in rows)
        {
            fromRows.Add(row);
            foreach (var key in DashboardCounts.Of(row))
            {
                fromCounts.Add(key, 1);
            }

            fromCounts.AddToTrend(new DateTimeOffset(row.ReceivedAt.Date, TimeSpan.Zero), 1);
        }

        var expected = fromRows.Figures(0, []);
        var actual = fromCounts.Figures(0, []);

        actual.ShouldBeEquivalentTo(expected);
        actual.OnTime.ShouldBe(new Ratio(1, 2));
        actual.Repeat.ShouldBe(new Ratio(1, 3));
        actual.Trend.ShouldBe([1, 2, 0]);
    }
}
