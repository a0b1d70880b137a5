namespace Bpm.Chaos.Tests;

/// <summary>
/// The checker on a small consistent history (one request registered, its first task completed, the next task open, its
/// warning rung applied, its red rung due later), then with one fault put into it at a time.
/// </summary>
public sealed class DrillCheckerTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid RequestId = Guid.Parse("0195f000-0000-7000-8000-000000000001");
    private static readonly Guid FirstTaskId = Guid.Parse("0195f000-0000-7000-8000-000000000011");
    private static readonly Guid SecondTaskId = Guid.Parse("0195f000-0000-7000-8000-000000000012");
    private static readonly Guid WarningTimerId = Guid.Parse("0195f000-0000-7000-8000-000000000021");
    private static readonly Guid RedTimerId = Guid.Parse("0195f000-0000-7000-8000-000000000022");
    private const string Instance = "wf-1";

    [Fact]
    public void A_consistent_history_passes()
    {
        var report = DrillChecker.Check(Ledger(), Facts(), TimeSpan.FromSeconds(5));

        report.Problems.ShouldBeEmpty();
        report.Passed.ShouldBeTrue();
        report.RegistrationsConfirmed.ShouldBe(1);
        report.CompletionsConfirmed.ShouldBe(1);
        report.TimersApplied.ShouldBe(1);
    }

    [Fact]
    public void A_registration_answered_201_but_not_stored_is_reported()
    {
        var report = DrillChecker.Check(Ledger(), Facts() with { Requests = [], Tasks = [], Journal = [], Timers = [] }, TimeSpan.Zero);

        report.Problems.ShouldContain(p => p.Contains("XT-2026-000001 was answered 201 but is not stored"));
    }

    [Fact]
    public void A_registration_stored_twice_is_reported_even_when_its_answer_was_lost()
    {
        var ledger = new DrillLedger();
        ledger.Add(new RegistrationCall("chaos-7-2", CallOutcome.Unknown, null, null, null));
        var facts = Facts() with
        {
            Requests = [.. Facts().Requests, Request(Guid.NewGuid(), "XT-2026-000002", "chaos-7-2"), Request(Guid.NewGuid(), "XT-2026-000003", "chaos-7-2")],
        };

        DrillChecker.Check(ledger, facts, TimeSpan.Zero).Problems.ShouldContain(p => p.Contains("chaos-7-2 (Unknown) is stored 2 times"));
    }

    [Fact]
    public void An_unknown_registration_stored_once_is_fine()
    {
        var ledger = Ledger();
        ledger.Add(new RegistrationCall("chaos-7-2", CallOutcome.Unknown, null, null, null));
        var facts = Facts() with { Requests = [.. Facts().Requests, Request(Guid.NewGuid(), "XT-2026-000002", "chaos-7-2")] };

        DrillChecker.Check(ledger, facts, TimeSpan.Zero).Passed.ShouldBeTrue();
    }

    [Fact]
    public void A_completion_answered_200_whose_task_is_still_open_is_reported()
    {
        var facts = Facts() with { Tasks = [Task(FirstTaskId, "Open", completedAt: null), Task(SecondTaskId, "Open", completedAt: null, activity: "dispatch")] };

        DrillChecker.Check(Ledger(), facts, TimeSpan.Zero).Problems.ShouldContain(p => p.Contains($"task {FirstTaskId} was answered 200 but is not completed"));
    }

    [Fact]
    public void A_completion_journaled_twice_is_reported()
    {
        var facts = Facts() with { Journal = [.. Facts().Journal, Completion("ai-accept-again", "accept")] };

        DrillChecker.Check(Ledger(), facts, TimeSpan.Zero).Problems
            .ShouldContain(p => p.Contains("activity accept of instance wf-1: 1 completed task(s), 2 completion(s) in the journal"));
    }

    [Fact]
    public void Two_200_answers_for_one_task_are_reported()
    {
        var ledger = Ledger();
        ledger.Add(new CompletionCall(FirstTaskId, RequestId, CallOutcome.Succeeded, 200));

        DrillChecker.Check(ledger, Facts(), TimeSpan.Zero).Problems.ShouldContain(p => p.Contains($"task {FirstTaskId} was answered 200 for 2 completions"));
    }

    [Fact]
    public void A_500_answer_is_reported_even_when_nothing_was_lost()
    {
        var ledger = Ledger();
        ledger.Add(new CompletionCall(FirstTaskId, RequestId, CallOutcome.Refused, 500));

        DrillChecker.Check(ledger, Facts(), TimeSpan.Zero).Problems.ShouldContain(p => p.Contains("1 call(s) answered with a server error"));
    }

    [Fact]
    public void A_completion_without_a_next_step_is_reported()
    {
        var facts = Facts() with { Tasks = [Task(FirstTaskId, "Completed", Now.AddMinutes(-5))] };

        DrillChecker.Check(Ledger(), facts, TimeSpan.Zero).Problems.ShouldContain(p => p.Contains("has no next step"));
    }

    [Fact]
    public void A_timer_that_resumed_its_workflow_twice_shows_as_two_open_tasks_of_one_activity()
    {
        var third = Guid.Parse("0195f000-0000-7000-8000-000000000013");
        var facts = Facts() with { Tasks = [.. Facts().Tasks, Task(third, "Open", completedAt: null, activity: "dispatch", openedAt: Now.AddMinutes(-4)) with { BookmarkId = "bm-dispatch-2" }] };

        DrillChecker.Check(Ledger(), facts, TimeSpan.Zero).Problems.ShouldContain(p => p.Contains("activity dispatch of instance wf-1 has 2 open tasks at once"));
    }

    [Fact]
    public void A_marker_is_read_whole_so_chaos_7_1_is_not_chaos_7_12()
    {
        DrillChecker.MarkerOf("申请开具增值税专用发票（故障演练 chaos-7-12）").ShouldBe("chaos-7-12");
        DrillChecker.MarkerOf("没有标记的诉求").ShouldBe("");
    }

    [Fact]
    public void An_escalation_applied_twice_to_one_task_is_reported()
    {
        var again = Guid.Parse("0195f000-0000-7000-8000-000000000023");
        var facts = Facts() with
        {
            Timers = [.. Facts().Timers, new StoredTimer(again, "Warning", 0, SecondTaskId, "Applied", Now.AddMinutes(-1))],
            Journal = [.. Facts().Journal, Escalation(again)],
        };

        DrillChecker.Check(Ledger(), facts, TimeSpan.Zero).Problems.ShouldContain(p => p.Contains($"escalation Warning 0 of task {SecondTaskId} applied 2 times"));
    }

    [Fact]
    public void An_escalation_journaled_twice_is_reported()
    {
        var facts = Facts() with { Journal = [.. Facts().Journal, Escalation(WarningTimerId)] };

        DrillChecker.Check(Ledger(), facts, TimeSpan.Zero).Problems.ShouldContain(p => p.Contains($"escalation timer {WarningTimerId} (Warning) applied, journaled 2 times"));
    }

    [Fact]
    public void A_timer_still_pending_after_its_instant_is_reported_as_lost()
    {
        var facts = Facts() with
        {
            Timers = [new StoredTimer(WarningTimerId, "Warning", 0, SecondTaskId, "Applied", Now.AddMinutes(-1)), new StoredTimer(RedTimerId, "Overdue", 0, SecondTaskId, "Pending", Now.AddMinutes(-2))],
        };

        DrillChecker.Check(Ledger(), facts, TimeSpan.FromSeconds(5)).Problems.ShouldContain(p => p.Contains($"timer {RedTimerId} (Overdue)") && p.Contains("still pending"));
    }

    [Fact]
    public void A_timer_due_within_the_grace_is_not_yet_lost()
    {
        var facts = Facts() with
        {
            Timers = [new StoredTimer(WarningTimerId, "Warning", 0, SecondTaskId, "Applied", Now.AddMinutes(-1)), new StoredTimer(RedTimerId, "Overdue", 0, SecondTaskId, "Pending", Now.AddSeconds(-2))],
        };

        DrillChecker.Check(Ledger(), facts, TimeSpan.FromSeconds(5)).Passed.ShouldBeTrue();
    }

    private static DrillLedger Ledger()
    {
        var ledger = new DrillLedger();
        ledger.Add(new RegistrationCall("chaos-7-1", CallOutcome.Succeeded, 201, RequestId, "XT-2026-000001"));
        ledger.Add(new RegistrationCall("chaos-7-9", CallOutcome.NotSent, null, null, null));
        ledger.Add(new CompletionCall(FirstTaskId, RequestId, CallOutcome.Succeeded, 200));
        ledger.Add(new CompletionCall(FirstTaskId, RequestId, CallOutcome.Refused, 409));
        return ledger;
    }

    private static DrillFacts Facts() => new(
        [Request(RequestId, "XT-2026-000001", "chaos-7-1")],
        [Task(FirstTaskId, "Completed", Now.AddMinutes(-5)), Task(SecondTaskId, "Open", completedAt: null, activity: "dispatch", openedAt: Now.AddMinutes(-5))],
        [Completion("ai-accept", "accept"), Escalation(WarningTimerId)],
        [new StoredTimer(WarningTimerId, "Warning", 0, SecondTaskId, "Applied", Now.AddMinutes(-1)), new StoredTimer(RedTimerId, "Overdue", 0, SecondTaskId, "Pending", Now.AddHours(3))],
        [new StoredInstance(Instance, "Running")],
        Now);

    private static StoredRequest Request(Guid id, string number, string marker) => new(id, number, $"申请开具增值税专用发票（故障演练 {marker}）");

    private static StoredTask Task(Guid id, string status, DateTimeOffset? completedAt, string activity = "accept", DateTimeOffset? openedAt = null) =>
        new(id, RequestId, Instance, activity, "Bpm.HumanTask", "bm-" + activity, status, openedAt ?? Now.AddMinutes(-10), completedAt);

    private static StoredJournalEntry Completion(string activityInstanceId, string activity) =>
        new(RequestId, Instance, activityInstanceId, activity, "Bpm.HumanTask", DrillChecker.CompletedStatus);

    private static StoredJournalEntry Escalation(Guid timerId) =>
        new(RequestId, Instance, timerId.ToString("N"), "dispatch", DrillChecker.EscalationActivityType, "Warning");
}
