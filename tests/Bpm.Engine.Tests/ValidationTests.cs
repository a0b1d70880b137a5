using System.Text.Json.Nodes;
using Bpm.Engine.Runtime;
using static Bpm.Engine.Tests.Flow;

namespace Bpm.Engine.Tests;

public sealed class ValidationTests
{
    private readonly TestEngine engine = new();

    private IReadOnlyList<ValidationError> ErrorsOf(string json) => engine.Compile(json).Errors;

    [Fact]
    public void A_valid_definition_has_no_errors_and_finds_Start()
    {
        var graph = engine.Compile(TestEngine.Fixture("hello-world.json"));

        graph.Errors.ShouldBeEmpty();
        graph.StartActivityId.ShouldBe("start1");
    }

    [Fact]
    public void Unknown_type_and_unknown_version_name_the_activity()
    {
        var unknownVersion = Write("w2", "x");
        unknownVersion["version"] = 7;

        var errors = ErrorsOf(Workflow([Activity("x1", "Acme.Teleport"), unknownVersion], [Connect("x1", "w2")]));

        errors.ShouldContain(e => e.ActivityId == "x1" && e.Message.Contains("Unknown activity type 'Acme.Teleport'"));
        errors.ShouldContain(e => e.ActivityId == "w2" && e.Message.Contains("version 7"));
    }

    [Fact]
    public void A_dangling_connection_and_a_duplicate_id_are_errors()
    {
        var errors = ErrorsOf(Workflow([Write("a", "1"), Write("a", "2")], [Connect("a", "ghost")]));

        errors.ShouldContain(e => e.ActivityId == "a" && e.Message.Contains("Duplicate activity id 'a'"));
        errors.ShouldContain(e => e.ActivityId == "a" && e.Message.Contains("'ghost' does not exist"));
    }

    [Fact]
    public void A_flowchart_where_every_activity_has_an_inbound_connection_has_no_start()
    {
        var errors = ErrorsOf(Workflow([Write("a", "1"), Write("b", "2")], [Connect("a", "b"), Connect("b", "a")]));

        errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.ActivityId.ShouldBeNull(), e => e.Message.ShouldContain("No start activity"));
    }

    [Fact]
    public void JavaScript_that_does_not_parse_is_an_error_on_its_activity_including_switch_cases()
    {
        var cases = new JsonArray(new JsonObject { ["label"] = "A", ["condition"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "x =>" } });
        var errors = ErrorsOf(Workflow(
            [WriteJs("es6", "[1].map(x => x * 2)"), Activity("switch", "Elsa.FlowSwitch", ("cases", cases)), WriteJs("fine", "'ok' + 1")],
            [Connect("es6", "switch"), Connect("switch", "fine", "A")]));

        errors.Select(e => e.ActivityId).ShouldBe(["es6", "switch"]);
        errors.ShouldAllBe(e => e.Message.Contains("JavaScript does not parse"));
    }

    [Fact]
    public void An_unsupported_expression_syntax_is_an_error()
    {
        var errors = ErrorsOf(Workflow([Activity("w", "Elsa.WriteLine", ("text", Expr("Liquid", "{{ x }}")))], []));

        errors.ShouldHaveSingleItem().ShouldSatisfyAllConditions(e => e.ActivityId.ShouldBe("w"), e => e.Message.ShouldContain("'Liquid'"));
    }

    [Fact]
    public void The_trigger_wins_over_Start_and_Start_over_the_first_activity_without_inbound_connections()
    {
        var trigger = Activity("evt", "Elsa.Event", ("eventName", Literal("Go")));
        trigger["customProperties"]!["canStartWorkflow"] = true;

        engine.Compile(Workflow([Write("w", "x"), Activity("s", "Elsa.Start"), trigger], [])).StartActivityId.ShouldBe("evt");
        engine.Compile(Workflow([Write("w", "x"), Activity("s", "Elsa.Start")], [])).StartActivityId.ShouldBe("s");
        engine.Compile(Workflow([Write("w", "x"), Write("first", "y")], [Connect("first", "w")])).StartActivityId.ShouldBe("first");
    }

    [Fact]
    public async Task Running_an_invalid_graph_throws_with_its_errors()
    {
        var graph = engine.Compile(Workflow([Activity("x1", "Acme.Teleport")], []));

        var thrown = await Should.ThrowAsync<InvalidWorkflowException>(() => engine.Runner.StartAsync(graph, "i", null, CancellationToken.None));

        thrown.Errors.ShouldHaveSingleItem().ActivityId.ShouldBe("x1");
    }
}
