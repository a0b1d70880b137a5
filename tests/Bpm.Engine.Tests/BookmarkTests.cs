using System.Text.Json.Nodes;
using Bpm.Engine.Activities;
using Bpm.Engine.Runtime;
using static Bpm.Engine.Tests.Flow;

namespace Bpm.Engine.Tests;

public sealed class BookmarkTests
{
    private readonly TestEngine engine = new(r => r.Register<ApproveTask>());

    [Fact]
    public async Task Event_waits_on_the_hash_of_its_name_and_its_resume_input_becomes_Result()
    {
        var json = Workflow(
            [
                Activity("wait", "Elsa.Event", ("eventName", Literal("Approved")), ("result", Bind("r"))),
                WriteJs("say", "'Approved by ' + getVariable('Received').by"),
            ],
            [Connect("wait", "say")],
            Variable("r", "Received", "Object", null));

        var started = await engine.StartAsync(json);
        var bookmark = started.State.Bookmarks.ShouldHaveSingleItem();
        bookmark.Name.ShouldBe("Elsa.Event");
        bookmark.Hash.ShouldBe(Event.HashOf("Approved"));
        bookmark.Hash.ShouldNotBe(Event.HashOf("Rejected"));

        var resumed = await engine.ResumeAsync(json, started.State, bookmark.Id, JsonNode.Parse("""{"by":"Li Wei"}"""));

        engine.Output.Lines.ShouldBe(["Approved by Li Wei"]);
        resumed.State.Status.ShouldBe(WorkflowStatus.Finished);
    }

    [Fact]
    public async Task An_Event_that_triggered_the_workflow_completes_at_once_with_the_workflow_input()
    {
        var trigger = Activity("wait", "Elsa.Event", ("eventName", Literal("Filed")), ("result", Bind("r")));
        trigger["customProperties"]!["canStartWorkflow"] = true;
        var json = Workflow([trigger, WriteJs("say", "'Filed: ' + getVariable('Received').form")], [Connect("wait", "say")],
            Variable("r", "Received", "Object", null));

        var result = await engine.StartAsync(json, new JsonObject { ["form"] = "VAT-01" });

        engine.Output.Lines.ShouldBe(["Filed: VAT-01"]);
        result.State.Status.ShouldBe(WorkflowStatus.Finished);
    }

    [Fact]
    public async Task Delay_makes_a_timer_bookmark_due_now_plus_the_span_and_completes_when_resumed()
    {
        var json = Workflow([Activity("delay", "Elsa.Delay", ("timeSpan", Literal("00:05:00"))), Write("after", "after")], [Connect("delay", "after")]);

        var started = await engine.StartAsync(json);

        var bookmark = started.TimersToSchedule.ShouldHaveSingleItem();
        bookmark.Name.ShouldBe("Elsa.Delay");
        bookmark.ResumeAt.ShouldBe(new DateTimeOffset(2025, 1, 15, 10, 5, 0, TimeSpan.Zero));
        bookmark.Payload!["resumeAt"]!.GetValue<DateTimeOffset>().ShouldBe(bookmark.ResumeAt!.Value);
        engine.Clock.Advance(TimeSpan.FromMinutes(5));
        var resumed = await engine.ResumeAsync(json, started.State, bookmark.Id);
        engine.Output.Lines.ShouldBe(["after"]);
        resumed.TimersToCancel.ShouldHaveSingleItem().Id.ShouldBe(bookmark.Id);
        resumed.State.FinishedAt.ShouldBe(engine.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Timer_inside_a_flow_waits_one_interval()
    {
        var json = Workflow([Write("first", "first"), Activity("timer", "Elsa.Timer", ("interval", Literal("01:00:00")))], [Connect("first", "timer")]);

        var started = await engine.StartAsync(json);

        started.State.Bookmarks.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            b => b.Name.ShouldBe("Elsa.Timer"), b => b.ResumeAt.ShouldBe(engine.Clock.GetUtcNow().AddHours(1)));
    }

    [Fact]
    public async Task Finish_cancels_the_bookmarks_of_the_other_branches()
    {
        var json = Workflow(
            [
                Activity("fork", "Elsa.FlowFork", ("branches", Expr("Object", """["Wait","Stop"]""", "String[]"))),
                Activity("task", "Elsa.RunTask", ("taskName", Literal("Never"))),
                Activity("delay", "Elsa.Delay", ("timeSpan", Literal("1.00:00:00"))),
                Activity("event", "Elsa.Event", ("eventName", Literal("Stop"))),
                Activity("finish", "Elsa.Finish"),
            ],
            [Connect("fork", "task", "Wait"), Connect("fork", "delay", "Wait"), Connect("fork", "event", "Stop"), Connect("event", "finish")]);
        var started = await engine.StartAsync(json);
        started.State.Bookmarks.Count.ShouldBe(3);

        var finished = await engine.ResumeAsync(json, started.State, started.State.Bookmarks.Single(b => b.Name == "Elsa.Event").Id);

        finished.State.ShouldSatisfyAllConditions(
            s => s.Status.ShouldBe(WorkflowStatus.Finished), s => s.SubStatus.ShouldBe(WorkflowSubStatus.Finished),
            s => s.Bookmarks.ShouldBeEmpty(), s => s.ActiveActivities.ShouldBeEmpty());
        finished.RemovedBookmarks.Count.ShouldBe(3);
        finished.TimersToCancel.ShouldHaveSingleItem().Name.ShouldBe("Elsa.Delay");
        finished.Journal.Where(r => r.Status == ActivityStatus.Cancelled).Select(r => r.ActivityId).Order().ShouldBe(["delay", "task"]);
    }

    private static string ApprovalFlow() => Workflow(
        [
            Activity("approve", "Test.Approve", ("assignee", Literal("bob")), ("priority", Literal("High")), ("result", Bind("d"))),
            Write("done", "done"), WriteJs("transfer", "'transferred to ' + getVariable('Decision').to"),
        ],
        [Connect("approve", "done"), Connect("approve", "transfer", "Transfer")],
        Variable("d", "Decision", "Object", null));

    [Fact]
    public async Task A_human_task_resumes_with_the_chosen_outcome_and_its_data()
    {
        var json = ApprovalFlow();
        var started = await engine.StartAsync(json);
        var bookmark = started.State.Bookmarks.ShouldHaveSingleItem();
        bookmark.Name.ShouldBe(ApproveTask.BookmarkName);
        bookmark.Payload!["assignee"]!.GetValue<string>().ShouldBe("bob");
        bookmark.Payload!["priority"]!.GetValue<string>().ShouldBe("High");

        var resumed = await engine.ResumeAsync(json, started.State, bookmark.Id, JsonNode.Parse("""{"outcome":"Transfer","data":{"to":"unit 2"}}"""));

        engine.Output.Lines.ShouldBe(["transferred to unit 2"]);
        resumed.Journal[0].Outcomes.ShouldBe(["Transfer"]);
    }

    [Fact]
    public async Task A_refused_resume_leaves_the_state_and_the_bookmark_unchanged()
    {
        var json = ApprovalFlow();
        var started = await engine.StartAsync(json);
        var before = started.State.ToJson();

        var refused = await engine.ResumeAsync(json, started.State, started.State.Bookmarks[0].Id, JsonNode.Parse("""{"outcome":"Approve"}"""));

        refused.IsRejected.ShouldBeTrue();
        refused.RejectionReason!.ShouldContain("Approve");
        refused.State.ToJson().ShouldBe(before);
        started.State.ToJson().ShouldBe(before);
        refused.Journal.ShouldBeEmpty();
        refused.RemovedBookmarks.ShouldBeEmpty();
        engine.Output.Lines.ShouldBeEmpty();
    }

    [Fact]
    public async Task Resuming_an_unknown_bookmark_or_a_finished_instance_is_a_clear_error()
    {
        var json = ApprovalFlow();
        var started = await engine.StartAsync(json);
        var bookmarkId = started.State.Bookmarks[0].Id;

        var missing = await Should.ThrowAsync<BookmarkNotFoundException>(() => engine.ResumeAsync(json, started.State, "nope"));
        missing.Message.ShouldContain("nope");

        var finished = await engine.ResumeAsync(json, started.State, bookmarkId, JsonNode.Parse("""{"outcome":"Done"}"""));
        finished.State.Status.ShouldBe(WorkflowStatus.Finished);
        await Should.ThrowAsync<WorkflowFinishedException>(() => engine.ResumeAsync(json, finished.State, bookmarkId));
    }
}
