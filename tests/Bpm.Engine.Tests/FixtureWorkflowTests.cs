using System.Text.Json.Nodes;
using Bpm.Engine.Activities;
using Bpm.Engine.Runtime;

namespace Bpm.Engine.Tests;

/// <summary>Our fixtures, in Elsa's file format, produce the lines Elsa would write.</summary>
public sealed class FixtureWorkflowTests
{
    private readonly TestEngine engine = new();

    [Theory]
    [InlineData("hello-world.json", new[] { "Hello World!", "Goodbye cruel world..." })]
    [InlineData("sequence.json", new[] { "Line 1", "Line 2", "Line 3" })]
    [InlineData("fork-join.json", new[] { "Start", "Left", "Right", "End" })]
    [InlineData("decision.json", new[] { "Large amount: 1500", "Decided" })]
    [InlineData("loop.json", new[] { "Iteration 1", "Iteration 2", "Iteration 3", "Done" })]
    public async Task A_fixture_runs_to_the_end_writing_its_lines_in_order(string fixture, string[] lines)
    {
        var result = await engine.StartAsync(TestEngine.Fixture(fixture));

        engine.Output.Lines.ShouldBe(lines);
        result.State.Status.ShouldBe(WorkflowStatus.Finished);
        result.State.SubStatus.ShouldBe(WorkflowSubStatus.Finished);
        result.State.Bookmarks.ShouldBeEmpty();
        result.State.Incidents.ShouldBeEmpty();
    }

    [Fact]
    public async Task The_journal_uses_the_definition_node_ids_and_the_clock()
    {
        var result = await engine.StartAsync(TestEngine.Fixture("hello-world.json"));

        result.Journal.Select(r => r.ActivityNodeId).ShouldBe(
            ["Workflow1:flow1:start1", "Workflow1:flow1:write1", "Workflow1:flow1:write2", "Workflow1:flow1:end1"]);
        result.Journal.ShouldAllBe(r => r.Status == ActivityStatus.Completed && r.CompletedAt == engine.Clock.GetUtcNow());
        result.Journal[1].ShouldSatisfyAllConditions(r => r.ActivityType.ShouldBe("Elsa.WriteLine"), r => r.Outcomes.ShouldBe(["Done"]));
    }

    [Fact]
    public async Task A_loop_gives_each_execution_a_new_activity_instance_id()
    {
        var result = await engine.StartAsync(TestEngine.Fixture("loop.json"));

        var writes = result.Journal.Where(r => r.ActivityId == "write").ToList();
        writes.Count.ShouldBe(3);
        writes.Select(r => r.ActivityInstanceId).Distinct().Count().ShouldBe(3);
        result.State.Variables["Counter"]!.GetValue<int>().ShouldBe(3);
    }

    [Fact]
    public async Task RunTask_suspends_with_a_task_id_then_resumes_with_the_result_and_finishes()
    {
        var json = TestEngine.Fixture("run-task.json");

        var started = await engine.StartAsync(json);

        started.State.Status.ShouldBe(WorkflowStatus.Running);
        started.State.SubStatus.ShouldBe(WorkflowSubStatus.Suspended);
        var bookmark = started.CreatedBookmarks.ShouldHaveSingleItem();
        var taskId = started.State.Variables["TaskId"]!.GetValue<string>();
        bookmark.Name.ShouldBe("Elsa.RunTask");
        bookmark.Hash.ShouldBe(RunTask.HashOf(taskId));
        bookmark.Payload!["taskName"]!.GetValue<string>().ShouldBe("ReviewDocuments");
        bookmark.Payload!["payload"]!["documents"]!.GetValue<int>().ShouldBe(3);
        bookmark.ActivityNodeId.ShouldBe("Workflow1:flow1:task");
        started.Journal.ShouldHaveSingleItem().Status.ShouldBe(ActivityStatus.Suspended);

        var stored = WorkflowState.FromJson(started.State.ToJson());
        var resumed = await engine.ResumeAsync(json, stored, bookmark.Id, JsonNode.Parse("""{"verdict":"complete"}"""));

        engine.Output.Lines.ShouldBe(["Reviewed: complete"]);
        resumed.State.SubStatus.ShouldBe(WorkflowSubStatus.Finished);
        resumed.RemovedBookmarks.ShouldHaveSingleItem().Id.ShouldBe(bookmark.Id);
        resumed.State.Variables["TaskResult"]!["verdict"]!.GetValue<string>().ShouldBe("complete");
        resumed.State.Variables["TaskId"]!.GetValue<string>().ShouldBe(taskId);
        resumed.Journal[0].ShouldSatisfyAllConditions(
            r => r.ActivityInstanceId.ShouldBe(bookmark.ActivityInstanceId), r => r.Status.ShouldBe(ActivityStatus.Completed));
    }
}
