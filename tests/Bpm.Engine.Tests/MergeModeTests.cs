using System.Text.Json.Nodes;
using Bpm.Engine.Runtime;
using static Bpm.Engine.Tests.Flow;

namespace Bpm.Engine.Tests;

/// <summary>Elsa's per-activity <c>customProperties.mergeMode</c> on an activity with several inbound connections.</summary>
public sealed class MergeModeTests
{
    private readonly TestEngine engine = new();

    private static JsonObject WithMergeMode(JsonObject activity, string mode)
    {
        activity["customProperties"]!["mergeMode"] = mode;
        return activity;
    }

    /// <summary>start → a → c and start → decide (condition) → True → b → c; c carries the merge mode.</summary>
    private static string DecisionIntoJoin(string mode, string condition) => Workflow(
        [
            Activity("start", "Elsa.Start"), Write("a", "a"),
            Activity("decide", "Elsa.FlowDecision", ("condition", Literal(condition))),
            Write("b", "b"), WithMergeMode(Write("c", "c"), mode),
        ],
        [Connect("start", "a"), Connect("start", "decide"), Connect("decide", "b", "True"), Connect("a", "c"), Connect("b", "c")]);

    [Theory]
    [InlineData("Merge")]
    [InlineData("Converge")]
    [InlineData("merge")]
    public async Task Merge_and_Converge_never_run_when_an_inbound_branch_is_not_taken(string mode)
    {
        var result = await engine.StartAsync(DecisionIntoJoin(mode, "False"));

        engine.Output.Lines.ShouldBe(["a"]);
        result.State.SubStatus.ShouldBe(WorkflowSubStatus.Finished);
    }

    [Theory]
    [InlineData("Merge")]
    [InlineData("Converge")]
    public async Task Merge_and_Converge_run_once_when_every_inbound_branch_arrives(string mode)
    {
        var result = await engine.StartAsync(DecisionIntoJoin(mode, "True"));

        engine.Output.Lines.ShouldBe(["a", "b", "c"]);
        result.State.PendingJoins.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("None")]
    [InlineData("Stream")]
    [InlineData("")]
    public async Task None_Stream_and_no_mode_keep_the_dead_path_join(string mode)
    {
        await engine.StartAsync(DecisionIntoJoin(mode, "False"));

        engine.Output.Lines.ShouldBe(["a", "c"]);
    }

    [Fact]
    public async Task Merge_keeps_its_arrivals_while_the_workflow_is_suspended()
    {
        var json = Workflow(
            [
                Activity("fork", "Elsa.FlowFork", ("branches", Expr("Literal", "Fast, Slow", "String[]"))),
                Write("fast", "fast"), Activity("slow", "Elsa.RunTask", ("taskName", Literal("Slow"))),
                WithMergeMode(Write("after", "after"), "Merge"),
            ],
            [Connect("fork", "fast", "Fast"), Connect("fork", "slow", "Slow"), Connect("fast", "after"), Connect("slow", "after")]);

        var started = await engine.StartAsync(json);
        engine.Output.Lines.ShouldBe(["fast"]);
        started.State.PendingJoins.ShouldContainKey("after");

        var resumed = await engine.ResumeAsync(json, started.State, started.CreatedBookmarks.Single().Id);
        engine.Output.Lines.ShouldBe(["fast", "after"]);
        resumed.State.SubStatus.ShouldBe(WorkflowSubStatus.Finished);
    }

    /// <summary>start → count (N = N + 1, the merge mode) → write N → decide (N &lt; 3): True loops back to count, False → done.</summary>
    private static string CountingLoop(string mode) => Workflow(
        [
            Activity("start", "Elsa.Start"),
            WithMergeMode(Activity("count", "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = "v1", ["name"] = "N" }),
                ("value", Js("getVariable('N') + 1", "Int32"))), mode),
            WriteJs("write", "'' + getVariable('N')"),
            Activity("decide", "Elsa.FlowDecision", ("condition", Js("getVariable('N') < 3", "Boolean"))),
            Write("done", "done"),
        ],
        [
            Connect("start", "count"), Connect("count", "write"), Connect("write", "decide"),
            Connect("decide", "count", "True"), Connect("decide", "done", "False"),
        ],
        Variable("v1", "N", "Int32", "0"));

    [Fact]
    public async Task Merge_ignores_the_loop_back_connection()
    {
        var result = await engine.StartAsync(CountingLoop("Merge"));

        engine.Output.Lines.ShouldBe(["1", "2", "3", "done"]);
        result.State.SubStatus.ShouldBe(WorkflowSubStatus.Finished);
    }

    [Fact]
    public async Task Converge_also_waits_for_the_loop_back_connection_so_the_loop_never_starts()
    {
        var result = await engine.StartAsync(CountingLoop("Converge"));

        engine.Output.Lines.ShouldBeEmpty();
        result.State.SubStatus.ShouldBe(WorkflowSubStatus.Finished);
    }

    /// <summary>fork → a → c and fork → b → c; c carries the merge mode.</summary>
    private static string ForkIntoJoin(string mode) => Workflow(
        [
            Activity("fork", "Elsa.FlowFork", ("branches", Expr("Literal", "A, B", "String[]"))),
            Write("a", "a"), Write("b", "b"), WithMergeMode(Write("c", "c"), mode),
        ],
        [Connect("fork", "a", "A"), Connect("fork", "b", "B"), Connect("a", "c"), Connect("b", "c")]);

    [Fact]
    public async Task Cascade_runs_on_the_first_arrival_and_lets_the_other_branch_finish_as_Elsa_does()
    {
        var result = await engine.StartAsync(ForkIntoJoin("Cascade"));

        engine.Output.Lines.ShouldBe(["a", "b", "c"]);
        result.State.SubStatus.ShouldBe(WorkflowSubStatus.Finished);
    }

    [Fact]
    public async Task Race_runs_on_the_first_arrival_and_cancels_the_other_branch()
    {
        var result = await engine.StartAsync(ForkIntoJoin("Race"));

        engine.Output.Lines.ShouldBe(["a", "c"]);
        result.State.SubStatus.ShouldBe(WorkflowSubStatus.Finished);
    }

    [Fact]
    public async Task Race_cancels_a_suspended_branch()
    {
        var json = Workflow(
            [
                Activity("fork", "Elsa.FlowFork", ("branches", Expr("Literal", "Fast, Slow", "String[]"))),
                Activity("slow", "Elsa.RunTask", ("taskName", Literal("Slow"))), Write("fast", "fast"),
                WithMergeMode(Write("after", "after"), "Race"),
            ],
            [Connect("fork", "slow", "Slow"), Connect("fork", "fast", "Fast"), Connect("fast", "after"), Connect("slow", "after")]);

        var result = await engine.StartAsync(json);

        engine.Output.Lines.ShouldBe(["fast", "after"]);
        result.State.SubStatus.ShouldBe(WorkflowSubStatus.Finished);
        result.State.Bookmarks.ShouldBeEmpty();
        result.Journal.ShouldContain(r => r.ActivityId == "slow" && r.Status == ActivityStatus.Cancelled);
    }
}
