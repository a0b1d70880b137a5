using Bpm.Application.Statistics;
using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;

namespace Bpm.Application.Tests.Statistics;

/// <summary>March 2026 in UTC days, weekly buckets from 03-01; a 30-day repeat window.</summary>
public sealed class DashboardTallyTests
{
    private static readonly DateTimeOffset March = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private static DashboardQuery Query(params DateTimeOffset[] bucketStarts) =>
        new([Guid.NewGuid()], March, March.AddDays(31), March.AddDays(40), bucketStarts.Length == 0 ? [March] : bucketStarts, TimeSpan.FromDays(30));

    private static DashboardRow Row(string day, string? code = null, string contact = "13800000000", RequestStatus status = RequestStatus.Registered) =>
        new(DateTimeOffset.Parse(day, System.Globalization.CultureInfo.InvariantCulture), status, false, false, null,
            RequestType.Policy, Channel.ServiceHall, null, null, code, contact);

    [Fact]
    public void A_receipt_before_the_period_makes_the_next_one_a_repeat_but_is_not_counted_itself()
    {
        var tally = new DashboardTally(Query());
        tally.ScanFrom.ShouldBe(March.AddDays(-30));

        tally.Add(Row("2026-02-20T02:00:00Z", code: "K"));
        tally.Add(Row("2026-03-28T02:00:00Z", code: "K"));
        tally.Add(Row("2026-03-05T02:00:00Z", code: "K"));
        var figures = tally.Figures(0, []);

        figures.Requests.ShouldBe(2);
        figures.Repeat.ShouldBe(new Ratio(2, 2));
    }

    [Fact]
    public void Receipts_at_the_same_instant_are_no_repeat_of_each_other_and_one_outside_the_window_is_none()
    {
        var tally = new DashboardTally(Query());
        tally.Add(Row("2026-03-02T02:00:00Z", contact: "13811111111"));
        tally.Add(Row("2026-03-02T02:00:00Z", contact: "13811111111"));
        tally.Add(Row("2026-03-20T02:00:00Z", contact: "13811111111"));
        tally.Add(Row("2026-01-20T02:00:00Z", code: "Q"));
        tally.Add(Row("2026-03-03T02:00:00Z", code: "Q"));

        tally.Figures(0, []).Repeat.ShouldBe(new Ratio(1, 4));
    }

    [Fact]
    public void A_code_and_a_contact_are_different_taxpayers_even_when_the_contact_matches()
    {
        var tally = new DashboardTally(Query());
        tally.Add(Row("2026-03-02T02:00:00Z", code: "K", contact: "13822222222"));
        tally.Add(Row("2026-03-03T02:00:00Z", contact: "13822222222"));

        tally.Figures(0, []).Repeat.ShouldBe(new Ratio(0, 2));
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
        tally.Add(Row("2026-03-04T02:00:00Z") with { Type = RequestType.Service });

        var figures = tally.Figures(0, []);

        figures.ByType.ShouldBe([new KeyCount("Policy", 2), new KeyCount("Service", 1)]);
        figures.ByIndustry.ShouldBe([new KeyCount("制造业", 2), new KeyCount(null, 1)]);
        figures.BySize.ShouldBe([new KeyCount(null, 2), new KeyCount("Large", 1)]);
        figures.ByStatus.ShouldBe([new KeyCount("Closed", 2), new KeyCount("Registered", 1)]);
        figures.OnTime.ShouldBe(new Ratio(1, 2));
        figures.Responded.ShouldBe(new Ratio(2, 3));
        figures.Satisfied.ShouldBe(new Ratio(1, 2));
    }
}
