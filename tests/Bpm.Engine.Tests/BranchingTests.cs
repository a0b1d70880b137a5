using System.Text.Json.Nodes;
using Bpm.Engine.Runtime;
using static Bpm.Engine.Tests.Flow;

namespace Bpm.Engine.Tests;

public sealed class BranchingTests
{
    private readonly TestEngine engine = new();

    [Theory]
    [InlineData("7", "big")]
    [InlineData("2", "small")]
    public async Task FlowDecision_follows_True_or_False_from_a_JavaScript_condition_on_a_variable(string value, string expected)
    {
        var json = Workflow(
            [
                Activity("decide", "Elsa.FlowDecision", ("condition", Js("getVariable('Score') > 5", "Boolean"))),
                Write("big", "big"), Write("small", "small"),
            ],
            [Connect("decide", "big", "True"), Connect("decide", "small", "False")],
            Variable("v1", "Score", "Int32", value));

        await engine.StartAsync(json);

        engine.Output.Lines.ShouldBe([expected]);
    }

    [Fact]
    public async Task If_follows_its_branch_and_Done()
    {
        var json = Workflow(
            [Activity("if", "Elsa.If", ("condition", Literal("False"))), Write("yes", "yes"), Write("no", "no"), Write("after", "after")],
            [Connect("if", "yes", "True"), Connect("if", "no", "False"), Connect("if", "after")]);

        await engine.StartAsync(json);

        engine.Output.Lines.ShouldBe(["no", "after"]);
    }

    private static JsonObject SwitchActivity(string type, string mode, params (string Label, string Script)[] cases) =>
        Activity("switch", type,
            ("cases", new JsonArray(cases.Select(c => (JsonNode)new JsonObject
            {
                ["label"] = c.Label, ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = c.Script },
            }).ToArray())),
            ("mode", Literal(mode)));

    [Theory]
    [InlineData("Elsa.FlowSwitch", "MatchFirst", 1500, new[] { "high" })]
    [InlineData("Elsa.Switch", "MatchFirst", 1500, new[] { "high" })]
    [InlineData("Elsa.FlowSwitch", "MatchAny", 1500, new[] { "high", "positive" })]
    [InlineData("Elsa.FlowSwitch", "MatchFirst", -5, new[] { "default" })]
    public async Task Switch_follows_the_matching_case_labels_or_Default(string type, string mode, int amount, string[] expected)
    {
        var json = Workflow(
            [
                SwitchActivity(type, mode, ("High", "Amount > 1000"), ("Positive", "Amount > 0")),
                Write("high", "high"), Write("positive", "positive"), Write("default", "default"),
            ],
            [Connect("switch", "high", "High"), Connect("switch", "positive", "Positive"), Connect("switch", "default", "Default")],
            Variable("v1", "Amount", "Int32", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        await engine.StartAsync(json);

        engine.Output.Lines.ShouldBe(expected);
    }

    [Fact]
    public async Task A_merge_after_a_decision_runs_once_although_one_inbound_path_was_not_taken()
    {
        var json = Workflow(
            [
                Activity("decide", "Elsa.FlowDecision", ("condition", Literal("True"))),
                Write("a", "a"), Write("b", "b"), Write("merge", "merge"),
            ],
            [Connect("decide", "a", "True"), Connect("decide", "b", "False"), Connect("a", "merge"), Connect("b", "merge")]);

        var result = await engine.StartAsync(json);

        engine.Output.Lines.ShouldBe(["a", "merge"]);
        result.State.PendingJoins.ShouldBeEmpty();
    }

    private static string ForkJoin(string mode) => Workflow(
        [
            Activity("start", "Elsa.Start"),
            Activity("fork", "Elsa.FlowFork", ("branches", Expr("Object", """["Fast","Slow"]""", "String[]"))),
            Write("fast", "fast"), Write("fast2", "fast2"),
            Activity("slow", "Elsa.RunTask", ("taskName", Literal("Slow"))),
            Activity("join", "Elsa.FlowJoin", ("mode", Literal(mode))),
            Write("after", "after"),
        ],
        [
            Connect("start", "fork"), Connect("fork", "fast", "Fast"), Connect("fork", "slow", "Slow"),
            Connect("fast", "fast2"), Connect("fast2", "join"), Connect("slow", "join"), Connect("join", "after"),
        ]);

    [Fact]
    public async Task Join_WaitAll_waits_for_the_blocked_branch()
    {
        var json = ForkJoin("WaitAll");

        var started = await engine.StartAsync(json);

        engine.Output.Lines.ShouldBe(["fast", "fast2"]);
        started.State.SubStatus.ShouldBe(WorkflowSubStatus.Suspended);
        started.State.PendingJoins.ShouldContainKey("join");
        var resumed = await engine.ResumeAsync(json, started.State, started.CreatedBookmarks.Single().Id);
        engine.Output.Lines.ShouldBe(["fast", "fast2", "after"]);
        resumed.State.SubStatus.ShouldBe(WorkflowSubStatus.Finished);
    }

    [Fact]
    public async Task Join_WaitAny_proceeds_on_the_first_branch_and_cancels_the_blocked_one()
    {
        var started = await engine.StartAsync(ForkJoin("WaitAny"));

        engine.Output.Lines.ShouldBe(["fast", "fast2", "after"]);
        started.State.SubStatus.ShouldBe(WorkflowSubStatus.Finished);
        started.State.Bookmarks.ShouldBeEmpty();
        started.CreatedBookmarks.ShouldBeEmpty();
        started.Journal.ShouldContain(r => r.ActivityId == "slow" && r.Status == ActivityStatus.Cancelled);
        started.Journal.Count(r => r.ActivityId == "after").ShouldBe(1);
    }

    [Fact]
    public async Task Reaching_End_completes_the_flowchart_and_cancels_the_other_paths()
    {
        var json = Workflow(
            [
                Activity("fork", "Elsa.FlowFork", ("branches", Expr("Literal", "A, B", "String[]"))),
                Activity("end", "Elsa.End"),
                Activity("wait", "Elsa.Event", ("eventName", Literal("Go"))),
            ],
            [Connect("fork", "end", "A"), Connect("fork", "wait", "B")]);

        var result = await engine.StartAsync(json);

        // Elsa: End is a terminal node; the flowchart completes as soon as one is reached.
        result.State.SubStatus.ShouldBe(WorkflowSubStatus.Finished);
        result.State.Bookmarks.ShouldBeEmpty();
    }
}
