using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using static Bpm.Domain.Requests.RequestStatus;

namespace Bpm.Domain.Tests.Requests;

public sealed class RequestLifeCycleTests
{
    private static readonly RequestStatus[] AllStatuses = Enum.GetValues<RequestStatus>();

    /// <summary>
    /// A way to reach each status from Registered, written from domain.md rather than read from the table:
    /// transfer to the tax-service department, dispatch, handle, feed back, revisit.
    /// </summary>
    private static readonly Dictionary<RequestStatus, RequestStatus[]> PathTo = new()
    {
        [Registered] = [],
        [Transferred] = [Transferred],
        [Dispatched] = [Transferred, Dispatched],
        [Escalated] = [Transferred, Dispatched, Escalated],
        [Handled] = [Transferred, Dispatched, Handled],
        [FedBack] = [Transferred, Dispatched, Handled, FedBack],
        [Rehandling] = [Transferred, Dispatched, Handled, FedBack, Rehandling],
        [Parked] = [Transferred, Parked],
        [Reconsideration] = [Reconsideration],
        [Merged] = [Merged],
        [Closed] = [Closed],
    };

    private static DateTimeOffset T(int minutes) => Registrations.Now.AddMinutes(minutes);

    private static TaxpayerRequest RequestIn(RequestStatus status)
    {
        var request = Registrations.Register();
        var minute = 0;
        foreach (var step in PathTo[status])
        {
            request.MoveTo(step, T(++minute));
        }

        request.Status.ShouldBe(status);
        return request;
    }

    [Fact]
    public void Every_status_has_a_path_here_and_a_chinese_name()
    {
        PathTo.Keys.Order().ShouldBe(AllStatuses.Order());
        AllStatuses.Select(s => s.ChineseName()).Distinct().Count().ShouldBe(AllStatuses.Length);
    }

    [Fact]
    public void The_normal_path_runs_from_registration_to_archive()
    {
        var request = Registrations.Register();
        RequestStatus[] path = [Transferred, Dispatched, Handled, FedBack, Closed];

        for (var i = 0; i < path.Length; i++)
        {
            request.ClosedAt.ShouldBeNull();
            request.MoveTo(path[i], T(10 * (i + 1)).ToOffset(TimeSpan.FromHours(8)));
            request.Status.ShouldBe(path[i]);
            request.StatusChangedAt.ShouldBe(T(10 * (i + 1)));
            request.StatusChangedAt.Offset.ShouldBe(TimeSpan.Zero);
        }

        request.ClosedAt.ShouldBe(T(50));
        request.ClosedAt!.Value.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void A_poorly_rated_request_can_be_re_handled_more_than_once()
    {
        var request = RequestIn(FedBack);
        var minute = 100;
        for (var round = 0; round < 2; round++)
        {
            foreach (var step in new[] { Rehandling, Handled, FedBack })
            {
                request.MoveTo(step, T(++minute));
                request.Status.ShouldBe(step);
                request.ClosedAt.ShouldBeNull();
            }
        }

        request.MoveTo(Closed, T(++minute));
        request.Status.ShouldBe(Closed);
        request.ClosedAt.ShouldBe(T(minute));
    }

    [Theory]
    [InlineData(Closed)]
    [InlineData(Merged)]
    public void Closed_and_merged_are_final(RequestStatus final)
    {
        final.IsFinal().ShouldBeTrue();
        RequestLifeCycle.NextFrom(final).ShouldBeEmpty();

        var request = RequestIn(final);
        request.ClosedAt.ShouldNotBeNull();
        foreach (var next in AllStatuses)
        {
            Should.Throw<DomainException>(() => request.MoveTo(next, T(999))).Code.ShouldBe("request.invalid-transition");
            request.Status.ShouldBe(final);
        }
    }

    [Fact]
    public void Only_closed_and_merged_are_final()
    {
        AllStatuses.Where(s => s.IsFinal()).Order().ShouldBe(new[] { Merged, Closed }.Order());
    }

    /// <summary>What domain.md says about the moves out of the statuses it describes precisely.</summary>
    public static TheoryData<RequestStatus, RequestStatus[]> ExactMovesFromDomainMd() => new()
    {
        // "When handling is done, the registering unit tells the taxpayer the result."
        { Handled, [FedBack] },
        // After feedback the revisit either closes it (对账销号) or sends it back for re-handling.
        { FedBack, [Closed, Rehandling] },
        // Re-handling "within a set time, with no extension allowed": no escalation, no parking.
        { Rehandling, [Handled] },
        // A reconsideration request leaves this flow; all that remains is to close the ledger line.
        { Reconsideration, [Closed] },
        { Closed, [] },
        { Merged, [] },
    };

    [Theory]
    [MemberData(nameof(ExactMovesFromDomainMd))]
    public void The_moves_out_of_a_key_status_are_exactly_those_domain_md_implies(RequestStatus from, RequestStatus[] expected)
    {
        RequestLifeCycle.NextFrom(from).Order().ShouldBe(expected.Order());
        AllStatuses.Where(to => RequestLifeCycle.CanMove(from, to)).Order().ShouldBe(expected.Order());
    }

    [Fact]
    public void Registration_leads_to_transfer_or_an_on_the_spot_close_but_never_straight_to_handling()
    {
        var next = RequestLifeCycle.NextFrom(Registered);
        next.ShouldContain(Transferred);
        next.ShouldContain(Closed);
        next.ShouldNotContain(Dispatched); // the tax-service department dispatches, after the transfer
        next.ShouldNotContain(Handled);
        next.ShouldNotContain(FedBack);
        next.ShouldNotContain(Registered);
    }

    [Theory]
    [InlineData(Transferred)]
    [InlineData(Dispatched)]
    [InlineData(Escalated)]
    [InlineData(Handled)]
    [InlineData(Rehandling)]
    public void A_request_in_handling_cannot_be_closed_before_the_taxpayer_has_the_result(RequestStatus from)
    {
        RequestLifeCycle.CanMove(from, Closed).ShouldBeFalse();
    }

    [Fact]
    public void Nothing_leads_back_to_registered()
    {
        AllStatuses.ShouldAllBe(from => !RequestLifeCycle.CanMove(from, Registered));
    }

    public static TheoryData<RequestStatus, RequestStatus> EveryPair()
    {
        var data = new TheoryData<RequestStatus, RequestStatus>();
        foreach (var from in Enum.GetValues<RequestStatus>())
        {
            foreach (var to in Enum.GetValues<RequestStatus>())
            {
                data.Add(from, to);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void MoveTo_follows_the_table_for_every_pair(RequestStatus from, RequestStatus to)
    {
        var request = RequestIn(from);
        var changedAt = request.StatusChangedAt;
        var closedAt = request.ClosedAt;
        var allowed = RequestLifeCycle.NextFrom(from).Contains(to);
        RequestLifeCycle.CanMove(from, to).ShouldBe(allowed);

        if (allowed)
        {
            request.MoveTo(to, T(500));
            request.Status.ShouldBe(to);
            request.StatusChangedAt.ShouldBe(T(500));
            request.ClosedAt.ShouldBe(to.IsFinal() ? T(500) : null);
        }
        else
        {
            var thrown = Should.Throw<DomainException>(() => request.MoveTo(to, T(500)));
            thrown.Code.ShouldBe("request.invalid-transition");
            thrown.Field.ShouldBe("status");
            thrown.Message.ShouldContain(Registrations.Number.ToString());
            request.Status.ShouldBe(from);
            request.StatusChangedAt.ShouldBe(changedAt);
            request.ClosedAt.ShouldBe(closedAt);
        }
    }
}

public sealed class RequestFigureFactsTests
{
    private static readonly DateTimeOffset Due = new(2026, 3, 4, 16, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_handling_completed_at_its_due_instant_is_late_and_a_later_on_time_rehandling_does_not_undo_it()
    {
        var request = Registrations.Register();
        request.RecordCompletedTask(SlaStep.Handling, "Resolved", Due, Due.AddMinutes(-1));
        request.HandledLate.ShouldBeFalse();

        request.RecordCompletedTask(SlaStep.Handling, "Resolved", Due, Due);
        request.RecordCompletedTask(SlaStep.Rehandle, "Resolved", Due.AddDays(5), Due.AddDays(1));

        request.HandledLate.ShouldBeTrue();
    }

    [Fact]
    public void The_first_feedback_is_the_response_and_the_latest_revisit_is_the_satisfaction()
    {
        var request = Registrations.Register();
        request.RecordCompletedTask(SlaStep.Feedback, "Done", Due, Due.AddDays(-2));
        request.RecordCompletedTask(SlaStep.Revisit, "Unsatisfied", Due, Due.AddDays(-1));
        request.RecordCompletedTask(SlaStep.Feedback, "Done", Due.AddDays(6), Due.AddDays(3));
        request.RecordCompletedTask(SlaStep.Revisit, "Satisfied", Due.AddDays(9), Due.AddDays(4));

        request.RespondedAt.ShouldBe(Due.AddDays(-2));
        request.RevisitOutcome.ShouldBe("Satisfied");
        request.HandledLate.ShouldBeFalse();
    }

    [Fact]
    public void An_answer_on_the_spot_is_a_response_at_registration_and_other_steps_change_no_fact()
    {
        var onTheSpot = Registrations.Register(Registrations.Valid() with { OnTheSpotAnswer = "已当场解答。" });
        onTheSpot.RespondedAt.ShouldBe(onTheSpot.RegisteredAt);

        var request = Registrations.Register();
        request.RecordCompletedTask(SlaStep.Transfer, "Transfer", Due, Due.AddDays(1));
        request.RecordCompletedTask(null, "Approved", null, Due.AddDays(1));
        (request.HandledLate, request.RespondedAt, request.RevisitOutcome).ShouldBe((false, null, null));
    }
}
