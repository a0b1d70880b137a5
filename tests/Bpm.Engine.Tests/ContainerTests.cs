using System.Text.Json.Nodes;
using Bpm.Engine.Runtime;
using static Bpm.Engine.Tests.Flow;

namespace Bpm.Engine.Tests;

/// <summary>Elsa's containers: If with then/else, Switch with case activities, Fork with branches, Sequence, nested Flowchart.</summary>
public sealed class ContainerTests
{
    private readonly TestEngine engine = new();

    private static JsonObject Sequence(string id, params JsonObject[] activities) =>
        Activity(id, "Elsa.Sequence", ("activities", new JsonArray(activities.Select(a => (JsonNode)a).ToArray())));

    private static JsonObject Chart(string id, JsonObject[] activities, JsonObject[] connections) =>
        Activity(id, "Elsa.Flowchart",
            ("activities", new JsonArray(activities.Select(a => (JsonNode)a).ToArray())),
            ("connections", new JsonArray(connections.Select(c => (JsonNode)c).ToArray())));

    private static JsonObject Task(string id, string name) => Activity(id, "Elsa.RunTask", ("taskName", Literal(name)));

    private static JsonObject IfElse(string condition, JsonObject? then, JsonObject? @else) =>
        Activity("if", "Elsa.If", ("condition", Literal(condition)), ("then", then), ("else", @else));

    [Theory]
    [InlineData("True", "yes")]
    [InlineData("False", "no")]
    public async Task If_runs_the_child_its_condition_picks_then_continues_from_Done(string condition, string expected)
    {
        var json = Workflow([IfElse(condition, Write("yes", "yes"), Write("no", "no")), Write("after", "after")], [Connect("if", "after")]);

        var result = await engine.StartAsync(json);

        engine.Output.Lines.ShouldBe([expected, "after"]);
        result.Journal.Single(r => r.ActivityId == "if").Outcomes.ShouldBe(["Done"]);
        result.State.Status.ShouldBe(WorkflowStatus.Finished);
        result.State.OpenContainers.ShouldBeEmpty();
    }

    [Fact]
    public async Task If_without_a_child_for_the_picked_branch_completes_at_once()
    {
        var json = Workflow([IfElse("False", Write("yes", "yes"), null), Write("after", "after")], [Connect("if", "after")]);

        await engine.StartAsync(json);

        engine.Output.Lines.ShouldBe(["after"]);
    }

    [Fact]
    public async Task If_whose_then_is_a_sequence_runs_it_in_order_before_continuing()
    {
        var json = Workflow(
            [IfElse("True", Sequence("seq", Write("a", "a"), Write("b", "b")), null), Write("after", "after")],
            [Connect("if", "after")]);

        await engine.StartAsync(json);

        engine.Output.Lines.ShouldBe(["a", "b", "after"]);
    }

    [Fact]
    public async Task If_with_a_task_inside_survives_serialisation_and_completes_when_the_task_does()
    {
        var task = Task("task", "Review");
        task.Remove("nodeId"); // as Elsa's path: the container's nodeId + ":" + id
        var json = Workflow(
            [IfElse("True", Sequence("seq", task, Write("reviewed", "reviewed")), null), Write("after", "after")],
            [Connect("if", "after")]);

        var started = await engine.StartAsync(json);
        started.State.SubStatus.ShouldBe(WorkflowSubStatus.Suspended);
        started.State.OpenContainers.Keys.ShouldBe(["if", "seq"], ignoreOrder: true);
        var bookmark = started.State.Bookmarks.ShouldHaveSingleItem();
        bookmark.ActivityNodeId.ShouldBe("Workflow1:flow1:seq:task");
        var restored = WorkflowState.FromJson(started.State.ToJson());

        var resumed = await engine.ResumeAsync(json, restored, bookmark.Id, new JsonObject { ["ok"] = true });

        engine.Output.Lines.ShouldBe(["reviewed", "after"]);
        resumed.State.Status.ShouldBe(WorkflowStatus.Finished);
        resumed.State.SubStatus.ShouldBe(WorkflowSubStatus.Finished);
        resumed.State.OpenContainers.ShouldBeEmpty();
        resumed.Journal.Single(r => r.ActivityId == "if").Outcomes.ShouldBe(["Done"]);
    }

    private static JsonObject SwitchWithActivities(string mode) =>
        Activity("switch", "Elsa.Switch",
            ("cases", new JsonArray(
                new JsonObject
                {
                    ["label"] = "High", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "getVariable('Amount') > 1000" },
                    ["activity"] = Write("high", "high"),
                },
                new JsonObject
                {
                    ["label"] = "Positive", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "getVariable('Amount') > 0" },
                    ["activity"] = Write("positive", "positive"),
                })),
            ("mode", Literal(mode)),
            ("default", Write("default", "default")));

    [Theory]
    [InlineData("MatchFirst", 1500, new[] { "high", "after" })]
    [InlineData("MatchAny", 1500, new[] { "high", "positive", "after" })]
    [InlineData("MatchAny", -5, new[] { "default", "after" })]
    public async Task Switch_runs_the_activities_of_the_matching_cases_or_the_default_then_continues(string mode, int amount, string[] expected)
    {
        var json = Workflow([SwitchWithActivities(mode), Write("after", "after")], [Connect("switch", "after")],
            Variable("v1", "Amount", "Int32", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        var result = await engine.StartAsync(json);

        engine.Output.Lines.ShouldBe(expected);
        result.Journal.Single(r => r.ActivityId == "switch").Outcomes.ShouldBe(["Done"]);
    }

    private static JsonObject ForkOf(string joinMode) =>
        Activity("fork", "Elsa.Fork", ("joinMode", joinMode),
            ("branches", new JsonArray(Sequence("left", Task("t1", "One"), Write("w1", "one")), Sequence("right", Task("t2", "Two"), Write("w2", "two")))));

    [Fact]
    public async Task Fork_WaitAll_completes_once_every_branch_has()
    {
        var json = Workflow([ForkOf("WaitAll"), Write("after", "after")], [Connect("fork", "after")]);

        var started = await engine.StartAsync(json);
        started.State.Bookmarks.Count.ShouldBe(2);
        var first = await engine.ResumeAsync(json, WorkflowState.FromJson(started.State.ToJson()),
            started.State.Bookmarks.Single(b => b.ActivityId == "t1").Id);
        engine.Output.Lines.ShouldBe(["one"]);
        first.State.SubStatus.ShouldBe(WorkflowSubStatus.Suspended);

        var second = await engine.ResumeAsync(json, WorkflowState.FromJson(first.State.ToJson()),
            first.State.Bookmarks.ShouldHaveSingleItem().Id);

        engine.Output.Lines.ShouldBe(["one", "two", "after"]);
        second.State.Status.ShouldBe(WorkflowStatus.Finished);
    }

    [Fact]
    public async Task Fork_WaitAny_completes_at_the_first_branch_and_cancels_the_others_bookmarks()
    {
        var json = Workflow([ForkOf("WaitAny"), Write("after", "after")], [Connect("fork", "after")]);

        var started = await engine.StartAsync(json);
        var resumed = await engine.ResumeAsync(json, WorkflowState.FromJson(started.State.ToJson()),
            started.State.Bookmarks.Single(b => b.ActivityId == "t2").Id);

        engine.Output.Lines.ShouldBe(["two", "after"]);
        resumed.State.Bookmarks.ShouldBeEmpty();
        resumed.State.ActiveActivities.ShouldBeEmpty();
        resumed.State.Status.ShouldBe(WorkflowStatus.Finished);
        resumed.Journal.ShouldContain(r => r.ActivityId == "t1" && r.Status == ActivityStatus.Cancelled);
    }

    [Fact]
    public async Task A_sequence_root_runs_embedded_containers_in_order()
    {
        var json = new JsonObject
        {
            ["id"] = "v1-id", ["definitionId"] = "seq-root", ["version"] = 1,
            ["root"] = Sequence("root", Write("first", "first"), IfElse("True", Write("yes", "yes"), null), Write("last", "last")),
        }.ToJsonString();

        var result = await engine.StartAsync(json);

        engine.Output.Lines.ShouldBe(["first", "yes", "last"]);
        result.State.Status.ShouldBe(WorkflowStatus.Finished);
    }

    [Fact]
    public async Task A_nested_flowchart_runs_its_own_connections_and_then_the_parent_continues()
    {
        var inner = Chart("inner",
            [Activity("decide", "Elsa.FlowDecision", ("condition", Literal("False"))), Write("t", "true"), Write("f", "false"), Write("end", "inner end")],
            [Connect("decide", "t", "True"), Connect("decide", "f", "False"), Connect("t", "end"), Connect("f", "end")]);
        var json = Workflow([Write("before", "before"), inner, Write("after", "after")], [Connect("before", "inner"), Connect("inner", "after")]);

        var result = await engine.StartAsync(json);

        engine.Output.Lines.ShouldBe(["before", "false", "inner end", "after"]);
        result.Journal.Single(r => r.ActivityId == "inner").Outcomes.ShouldBe(["Done"]);
    }

    [Fact]
    public void Embedded_children_are_validated_as_nodes_of_their_own()
    {
        var graph = engine.Compile(Workflow([IfElse("True", Activity("bad", "Elsa.Nope"), null)], []));

        graph.Errors.ShouldHaveSingleItem().ActivityId.ShouldBe("bad");
        graph.Nodes["bad"].ParentId.ShouldBe("if");
    }
}
