using System.Text.Json.Nodes;
using Bpm.Engine.Activities;
using Bpm.Engine.Runtime;
using static Bpm.Engine.Tests.Flow;

namespace Bpm.Engine.Tests;

/// <summary>Elsa's SetOutput, Complete, FlowNode, Fault, Correlate, SetName and RunJavaScript, run on our own definitions.</summary>
public sealed class ElsaActivityTests
{
    private readonly TestEngine engine = new();

    [Theory]
    [InlineData(25000, "review", new[] { "Review" })]
    [InlineData(800, "approve", new[] { "Approve", "Notify" })]
    public async Task The_triage_fixture_names_correlates_scores_routes_and_completes_with_outcomes(int amount, string route, string[] outcomes)
    {
        var result = await engine.StartAsync(TestEngine.Fixture("objection-triage.json"),
            new JsonObject { ["Amount"] = amount, ["RequestNo"] = "R-2024-000123" });

        result.State.ShouldSatisfyAllConditions(
            s => s.Status.ShouldBe(WorkflowStatus.Finished), s => s.SubStatus.ShouldBe(WorkflowSubStatus.Finished),
            s => s.Incidents.ShouldBeEmpty(),
            s => s.CorrelationId.ShouldBe("R-2024-000123"), s => s.Name.ShouldBe("Objection R-2024-000123"),
            s => s.Output["Route"]!.GetValue<string>().ShouldBe(route),
            s => s.Outcomes.ShouldBe(outcomes),
            s => s.Variables["Score"]!["large"]!.GetValue<bool>().ShouldBe(amount > 10000));
        var restored = WorkflowState.FromJson(result.State.ToJson());
        restored.ShouldSatisfyAllConditions(
            s => s.CorrelationId.ShouldBe("R-2024-000123"), s => s.Name.ShouldBe("Objection R-2024-000123"), s => s.Outcomes.ShouldBe(outcomes));
    }

    [Fact]
    public async Task SetOutput_sets_the_workflow_output_by_name_and_overwrites_it()
    {
        var json = Workflow(
            [SetOutput("first", Literal("Decision"), Literal("Pending")), SetOutput("second", Literal("Decision"), Js("getVariable('Amount') * 2")),
             SetOutput("third", Literal("Total"), Literal("42", "Object"))],
            [Connect("first", "second"), Connect("second", "third")],
            Variable("amountVar", "Amount", "Int32", "21"));

        var result = await engine.StartAsync(json);

        result.State.Output.ToJsonString().ShouldBe("""{"Decision":42,"Total":"42"}""");
    }

    [Fact]
    public async Task SetOutput_without_a_name_faults()
    {
        var result = await engine.StartAsync(Workflow([SetOutput("set", Literal(""), Literal("x"))], []));

        result.State.SubStatus.ShouldBe(WorkflowSubStatus.Faulted);
        result.State.Incidents.ShouldHaveSingleItem().Message.ShouldContain("names no output");
    }

    [Fact]
    public async Task Complete_finishes_the_flowchart_and_cancels_work_pending_on_other_paths()
    {
        var json = Workflow(
            [Activity("fork", "Elsa.FlowFork", ("branches", Expr("Object", """["Wait","Done"]"""))),
             Activity("wait", "Elsa.Event", ("eventName", Literal("Documents"))),
             Activity("complete", "Elsa.Complete", ("outcomes", Literal("Rejected", "Object"))),
             Write("after", "never written: Complete has no outbound port")],
            [Connect("fork", "wait", "Wait"), Connect("fork", "complete"), Connect("complete", "after")]);

        var result = await engine.StartAsync(json);

        result.State.ShouldSatisfyAllConditions(
            s => s.Status.ShouldBe(WorkflowStatus.Finished), s => s.SubStatus.ShouldBe(WorkflowSubStatus.Finished),
            s => s.Outcomes.ShouldBe(["Rejected"]), s => s.Bookmarks.ShouldBeEmpty(), s => s.ActiveActivities.ShouldBeEmpty());
        result.Journal.Single(r => r.ActivityId == "wait" && r.Status == ActivityStatus.Cancelled).ShouldNotBeNull();
        engine.Output.Lines.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("""["Approve","Notify"]""", new[] { "Approve", "Notify" })]
    [InlineData("", new[] { "Done" })]
    public async Task Complete_takes_a_json_list_of_outcomes_and_defaults_to_Done(string literal, string[] expected)
    {
        var result = await engine.StartAsync(Workflow([Activity("complete", "Elsa.Complete", ("outcomes", Literal(literal, "Object")))], []));

        result.State.Outcomes.ShouldBe(expected);
    }

    [Fact]
    public async Task A_workflow_that_ends_without_Complete_has_no_outcomes()
    {
        var result = await engine.StartAsync(Workflow([Write("w", "hello")], []));

        result.State.Outcomes.ShouldBeEmpty();
    }

    [Fact]
    public async Task FlowNode_without_body_is_a_plain_junction()
    {
        var json = Workflow(
            [Write("a", "A"), Activity("node", "Elsa.FlowNode"), Write("b", "B"), Write("c", "C")],
            [Connect("a", "node"), Connect("node", "b"), Connect("node", "c")]);

        var result = await engine.StartAsync(json);

        engine.Output.Lines.ShouldBe(["A", "B", "C"]);
        result.Journal.Single(r => r.ActivityId == "node").Outcomes.ShouldBe(["Done"]);
    }

    [Fact]
    public async Task FlowNode_with_a_body_runs_the_body_and_then_continues_and_an_empty_body_just_completes()
    {
        var body = new JsonObject
        {
            ["type"] = "Elsa.Flowchart", ["id"] = "inner", ["version"] = 1,
            ["activities"] = new JsonArray(Write("inner-write", "inside")), ["connections"] = new JsonArray(),
        };
        var emptyBody = new JsonObject { ["type"] = "Elsa.Flowchart", ["id"] = "inner2", ["version"] = 1, ["activities"] = new JsonArray() };
        var json = Workflow(
            [Activity("node", "Elsa.FlowNode", ("body", body)), Activity("empty", "Elsa.FlowNode", ("body", emptyBody)), Write("after", "after")],
            [Connect("node", "empty"), Connect("empty", "after")]);

        var result = await engine.StartAsync(json);

        engine.Output.Lines.ShouldBe(["inside", "after"]);
        result.State.Status.ShouldBe(WorkflowStatus.Finished);
        result.Journal.Single(r => r.ActivityId == "node").Outcomes.ShouldBe(["Done"]);
    }

    [Fact]
    public async Task Fault_records_an_incident_with_Elsa_classification_and_faults_the_instance()
    {
        var json = Workflow(
            [Activity("fault", "Elsa.Fault", ("code", Literal("110002")), ("category", Literal("Tax")), ("faultType", Literal("Business")),
                ("message", Literal("Taxpayer is deregistered"))),
             Activity("wait", "Elsa.Event", ("eventName", Literal("X")))],
            []);

        var result = await engine.StartAsync(json);

        result.State.ShouldSatisfyAllConditions(
            s => s.Status.ShouldBe(WorkflowStatus.Finished), s => s.SubStatus.ShouldBe(WorkflowSubStatus.Faulted),
            s => s.Bookmarks.ShouldBeEmpty());
        var incident = result.State.Incidents.ShouldHaveSingleItem();
        incident.ShouldSatisfyAllConditions(
            i => i.ActivityId.ShouldBe("fault"), i => i.Message.ShouldBe("Taxpayer is deregistered"),
            i => i.Exception.Type.ShouldBe(typeof(FaultException).FullName));
    }

    [Fact]
    public async Task Fault_without_inputs_uses_Elsa_defaults()
    {
        var result = await engine.StartAsync(Workflow([Activity("fault", "Elsa.Fault")], []));

        result.State.Incidents.ShouldHaveSingleItem().Message.ShouldBe("Fault 0 (General, System)");
    }

    [Fact]
    public async Task Fault_with_the_continue_strategy_ends_only_its_own_path()
    {
        var json = Workflow([Activity("fault", "Elsa.Fault"), Write("other", "other")], []).Replace(
            "\"autoUpdateConsumingWorkflows\":false",
            "\"autoUpdateConsumingWorkflows\":false,\"incidentStrategyType\":\"Elsa.Workflows.IncidentStrategies.ContinueWithIncidentsStrategy, Elsa.Workflows.Core\"");

        var result = await engine.Runner.StartAsync(engine.CompileValid(json), "i-1", null, CancellationToken.None);

        result.State.Incidents.Count.ShouldBe(1);
        result.State.SubStatus.ShouldBe(WorkflowSubStatus.Finished);
    }

    [Fact]
    public async Task Correlate_and_SetName_set_the_instance_fields_and_the_last_one_wins()
    {
        var json = Workflow(
            [Activity("c1", "Elsa.Correlate", ("correlationId", Literal("first"))), Activity("c2", "Elsa.Correlate", ("correlationId", Literal("R-2024-000123"))),
             Activity("n1", "Elsa.SetName", ("value", Js("'Objection ' + getVariable('No')", "String")))],
            [Connect("c1", "c2"), Connect("c2", "n1")],
            Variable("noVar", "No", "String", "R-2024-000123"));

        var result = await engine.StartAsync(json);

        result.State.CorrelationId.ShouldBe("R-2024-000123");
        result.State.Name.ShouldBe("Objection R-2024-000123");
    }

    [Fact]
    public async Task RunJavaScript_stores_its_value_and_completes_with_Done_unless_the_script_sets_outcomes()
    {
        var json = Workflow(
            [Run("plain", "getVariable('Amount') + 1", "resultVar"), Write("afterPlain", "plain done"),
             Run("both", "setOutcomes(['Left', 'Right']); 'x'", null), Write("left", "left"), Write("right", "right"), Write("doneOfBoth", "not taken")],
            [Connect("plain", "afterPlain"), Connect("afterPlain", "both"), Connect("both", "left", "Left"), Connect("both", "right", "Right"),
             Connect("both", "doneOfBoth")],
            Variable("amountVar", "Amount", "Int32", "41"), Variable("resultVar", "Result", "Int32", null));

        var result = await engine.StartAsync(json);

        result.State.Variables["Result"]!.GetValue<int>().ShouldBe(42);
        engine.Output.Lines.ShouldBe(["plain done", "left", "right"]);
        result.Journal.Single(r => r.ActivityId == "both").Outcomes.ShouldBe(["Left", "Right"]);
    }

    [Fact]
    public async Task RunJavaScript_with_an_empty_script_just_completes()
    {
        var result = await engine.StartAsync(Workflow([Run("empty", "", null), Write("after", "after")], [Connect("empty", "after")]));

        engine.Output.Lines.ShouldBe(["after"]);
        result.State.Incidents.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_output_bound_to_a_declared_workflow_output_sets_that_output_not_a_variable()
    {
        var json = Workflow([Run("add", "getA() + getB()", "Total"), Run("note", "'kept'", "noteVar")], [Connect("add", "note")],
                Variable("noteVar", "Note", "String", null))
            .Replace("\"inputs\":[]", "\"inputs\":[{\"name\":\"A\",\"type\":\"Int32\"},{\"name\":\"B\",\"type\":\"Int32\"}]")
            .Replace("\"outputs\":[]", "\"outputs\":[{\"name\":\"Total\",\"type\":\"Int32\"}]");

        var result = await engine.StartAsync(json, new JsonObject { ["A"] = 4, ["B"] = 5 });

        result.State.ShouldSatisfyAllConditions(
            s => s.Incidents.ShouldBeEmpty(),
            s => s.Output["Total"]!.GetValue<decimal>().ShouldBe(9m),
            s => s.Variables.ContainsKey("Total").ShouldBeFalse(),
            s => s.Variables["Note"]!.GetValue<string>().ShouldBe("kept"));
    }

    [Fact]
    public async Task Scripts_see_Elsa_style_accessors_for_variables_and_declared_inputs()
    {
        var json = Workflow(
            [Run("script", "setCounter(getCounter() + getStep()); getMissing() === null", "okVar")],
            [],
            Variable("counterVar", "counter", "Int32", "1"), Variable("okVar", "Ok", "Boolean", null))
            .Replace("\"inputs\":[]", "\"inputs\":[{\"name\":\"Step\",\"type\":\"Int32\"},{\"name\":\"Missing\",\"type\":\"String\"}]");

        var result = await engine.StartAsync(json, new JsonObject { ["Step"] = 4 });

        result.State.Incidents.ShouldBeEmpty();
        result.State.Variables["counter"]!.GetValue<int>().ShouldBe(5);
        result.State.Variables["Ok"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Template_literals_in_JavaScript_expressions_run()
    {
        var json = Workflow(
            [WriteJs("w", "`Received ${getVariable('No')}: ${Amount * 2} CNY`")], [],
            Variable("noVar", "No", "String", "R-7"), Variable("amountVar", "Amount", "Int32", "50"));

        await engine.StartAsync(json);

        engine.Output.Lines.ShouldBe(["Received R-7: 100 CNY"]);
    }

    private static JsonObject SetOutput(string id, JsonObject name, JsonObject value) =>
        Activity(id, "Elsa.SetOutput", ("outputName", name), ("outputValue", value));

    private static JsonObject Run(string id, string script, string? resultVariableId) => resultVariableId is null
        ? Activity(id, "Elsa.RunJavaScript", ("script", Literal(script, "String")))
        : Activity(id, "Elsa.RunJavaScript", ("script", Literal(script, "String")), ("result", Bind(resultVariableId)));
}
