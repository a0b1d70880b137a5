using Bpm.Domain;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Domain.Users;

namespace Bpm.Domain.Tests.Tasks;

public sealed class RequestTaskTests
{
    private static readonly DateTimeOffset Opened = new(2026, 9, 30, 2, 0, 0, TimeSpan.Zero);
    private static readonly Guid LeadUnit = Guid.NewGuid();
    private static readonly Guid Alice = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();

    private static RequestTask Handling() => new(new RequestTaskOpening(
        Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), RequestType.Policy, "仙桃市恒达纺织有限公司", "wf-1", "bm-1", "handle", "Bpm.HumanTask", "办理",
        LeadUnit, Roles.Handler, ["Resolved", "Extend", "Object"], "[]", SlaStep.Handling,
        Opened, new DateOnly(2026, 10, 9), new DateTimeOffset(2026, 10, 9, 16, 0, 0, TimeSpan.Zero), false));

    [Fact]
    public void A_new_task_is_open_unclaimed_and_due_as_computed()
    {
        var task = Handling();

        task.Status.ShouldBe(RequestTaskStatus.Open);
        task.ClaimedBy.ShouldBeNull();
        task.DueAt.ShouldBe(new DateTimeOffset(2026, 10, 9, 16, 0, 0, TimeSpan.Zero));
        task.Outcomes.ShouldBe(["Resolved", "Extend", "Object"]);
    }

    [Fact]
    public void An_open_task_carries_its_taxpayers_name_for_the_inbox_search_and_drops_it_when_completed_or_cancelled()
    {
        var completed = Handling();
        var cancelled = Handling();
        completed.InboxSearchName.ShouldBe("仙桃市恒达纺织有限公司");

        completed.TransferTo(Guid.NewGuid());
        completed.Claim(Alice, Opened.AddHours(1));
        completed.InboxSearchName.ShouldBe("仙桃市恒达纺织有限公司", "still open when transferred and claimed");
        completed.Complete(Alice, "Resolved", null, Opened.AddHours(5));
        cancelled.Cancel(Opened.AddHours(5));

        (completed.InboxSearchName, cancelled.InboxSearchName).ShouldBe((null, null));
    }

    [Fact]
    public void Completing_with_a_listed_outcome_records_who_when_and_what()
    {
        var task = Handling();

        task.Complete(Alice, "Extend", """{"days":3}""", Opened.AddHours(5));

        task.Status.ShouldBe(RequestTaskStatus.Completed);
        (task.Outcome, task.CompletedBy, task.CompletedAt, task.DataJson).ShouldBe(("Extend", Alice, Opened.AddHours(5), """{"days":3}"""));
    }

    [Fact]
    public void An_unknown_outcome_is_refused_and_names_the_allowed_ones()
    {
        var task = Handling();

        var refused = Should.Throw<DomainException>(() => task.Complete(Alice, "Done", null, Opened));

        refused.Field.ShouldBe("outcome");
        refused.Message.ShouldContain("Resolved、Extend、Object");
        task.Status.ShouldBe(RequestTaskStatus.Open);
    }

    [Fact]
    public void A_second_completion_is_a_conflict_and_keeps_the_first()
    {
        var task = Handling();
        task.Complete(Alice, "Resolved", null, Opened);

        Should.Throw<DomainConflictException>(() => task.Complete(Bob, "Object", null, Opened.AddMinutes(1)));

        (task.Outcome, task.CompletedBy).ShouldBe(("Resolved", Alice));
    }

    [Fact]
    public void A_claim_by_someone_else_is_a_conflict_until_the_task_is_transferred()
    {
        var task = Handling();
        task.Claim(Alice, Opened);
        task.Claim(Alice, Opened.AddMinutes(1));

        Should.Throw<DomainConflictException>(() => task.Claim(Bob, Opened.AddMinutes(2)));
        var otherUnit = Guid.NewGuid();
        task.TransferTo(otherUnit);
        task.Claim(Bob, Opened.AddMinutes(3));

        (task.AssigneeUnitId, task.ClaimedBy).ShouldBe((otherUnit, Bob));
    }

    [Fact]
    public void Transferring_to_the_unit_it_is_already_in_is_refused()
    {
        var task = Handling();

        Should.Throw<DomainException>(() => task.TransferTo(LeadUnit)).Field.ShouldBe("unit");
    }

    [Fact]
    public void A_cancelled_task_takes_no_completion_and_no_new_deadline()
    {
        var task = Handling();
        task.Cancel(Opened);

        Should.Throw<DomainConflictException>(() => task.Complete(Alice, "Resolved", null, Opened));
        Should.Throw<DomainConflictException>(() => task.MoveDeadline(new DateOnly(2026, 10, 14), Opened, false));
        task.Status.ShouldBe(RequestTaskStatus.Cancelled);
    }

    [Fact]
    public void A_task_needs_a_title_and_at_least_one_outcome()
    {
        Should.Throw<DomainException>(() => new RequestTask(new RequestTaskOpening(
            Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), RequestType.Policy, "仙桃市恒达纺织有限公司", "wf", "bm", "a", "Bpm.HumanTask", "办理",
            LeadUnit, Roles.Handler, [], "[]", null, Opened, null, null, false))).Field.ShouldBe("outcomes");
        Should.Throw<DomainException>(() => new RequestTask(new RequestTaskOpening(
            Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), RequestType.Policy, "仙桃市恒达纺织有限公司", "wf", "bm", "a", "Bpm.HumanTask", " ",
            LeadUnit, Roles.Handler, ["Done"], "[]", null, Opened, null, null, false))).Field.ShouldBe("title");
    }
}
