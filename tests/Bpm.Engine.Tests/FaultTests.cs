using Bpm.Engine.Activities;
using Bpm.Engine.Metadata;
using Bpm.Engine.Runtime;
using static Bpm.Engine.Tests.Flow;

namespace Bpm.Engine.Tests;

[Activity("Test", "Explode", Category = "Test")]
public sealed class Explode : Activity
{
    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) =>
        throw new InvalidOperationException("The tax office is closed.");
}

public sealed class FaultTests
{
    private readonly TestEngine engine = new(r => r.Register<Explode>());

    [Fact]
    public async Task An_activity_that_throws_becomes_an_incident_and_faults_the_instance()
    {
        var json = Workflow(
            [Write("before", "before"), Activity("boom", "Test.Explode"), Write("after", "after"), Activity("wait", "Elsa.Event", ("eventName", Literal("X")))],
            [Connect("before", "boom"), Connect("boom", "after"), Connect("before", "wait")]);

        var result = await engine.StartAsync(json);

        result.State.Status.ShouldBe(WorkflowStatus.Finished);
        result.State.SubStatus.ShouldBe(WorkflowSubStatus.Faulted);
        result.State.FinishedAt.ShouldBe(engine.Clock.GetUtcNow());
        engine.Output.Lines.ShouldBe(["before"]);
        var incident = result.State.Incidents.ShouldHaveSingleItem();
        incident.ShouldSatisfyAllConditions(
            i => i.ActivityId.ShouldBe("boom"), i => i.ActivityNodeId.ShouldBe("Workflow1:flow1:boom"), i => i.ActivityType.ShouldBe("Test.Explode"),
            i => i.Message.ShouldBe("The tax office is closed."), i => i.Exception.Type.ShouldBe("System.InvalidOperationException"),
            i => i.Timestamp.ShouldBe(engine.Clock.GetUtcNow()));
        result.Journal.Single(r => r.ActivityId == "boom").ShouldSatisfyAllConditions(
            r => r.Status.ShouldBe(ActivityStatus.Faulted), r => r.Message.ShouldBe("The tax office is closed."));
        result.State.Bookmarks.ShouldBeEmpty();
    }

    [Fact]
    public async Task With_the_continue_strategy_other_paths_carry_on()
    {
        var json = Workflow([Activity("boom", "Test.Explode"), Write("other", "other")], []).Replace(
            "\"autoUpdateConsumingWorkflows\":false", "\"autoUpdateConsumingWorkflows\":false,\"incidentStrategyType\":\"Elsa.Workflows.IncidentStrategies.ContinueWithIncidentsStrategy, Elsa.Workflows.Core\"");
        var graph = engine.Compile(json);
        graph.ContinueOnIncidents.ShouldBeTrue();

        var result = await engine.Runner.StartAsync(graph, "i-2", null, CancellationToken.None);

        result.State.Incidents.Count.ShouldBe(1);
        result.State.SubStatus.ShouldBe(WorkflowSubStatus.Finished);
    }

    [Fact]
    public async Task An_input_that_cannot_be_evaluated_faults_with_the_input_named()
    {
        var json = Workflow([Activity("decide", "Elsa.FlowDecision", ("condition", Js("undefinedFunction()", "Boolean")))], []);

        var result = await engine.StartAsync(json);

        result.State.SubStatus.ShouldBe(WorkflowSubStatus.Faulted);
        result.State.Incidents.Single().Message.ShouldContain("Input 'Condition' of Elsa.FlowDecision 'decide'");
    }

    [Fact]
    public async Task A_loop_without_a_wait_is_stopped_as_a_fault()
    {
        var json = Workflow([Activity("start", "Elsa.Start"), Write("a", "a"), Write("b", "b")], [Connect("start", "a"), Connect("a", "b"), Connect("b", "a")]);
        var runner = new WorkflowRunner(engine.Services, engine.Clock, new RandomIdGenerator()) { MaxStepsPerRun = 50 };

        var result = await runner.StartAsync(engine.CompileValid(json), "i-3", null, CancellationToken.None);

        result.State.SubStatus.ShouldBe(WorkflowSubStatus.Faulted);
        result.State.Incidents.Single().Message.ShouldContain("More than 50 steps");
    }
}
