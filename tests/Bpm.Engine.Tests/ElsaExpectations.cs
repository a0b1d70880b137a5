using System.Text.Json.Nodes;
using Bpm.Engine.Runtime;

namespace Bpm.Engine.Tests;

/// <summary>
/// What Elsa's own test suite states about running one of its workflow files, restated as facts we can check on our
/// engine. Keyed by the flattened file name (the elsa-core repository path with '/' replaced by '_'). Only facts are
/// recorded here (expected lines, statuses, values); no Elsa code or JSON is copied.
/// </summary>
public sealed record ElsaExpectation
{
    /// <summary>Flattened fixture file name, e.g. "test_integration_…_ImportAndExecute_Workflows_writeline.json".</summary>
    public required string File { get; init; }

    /// <summary>Which Elsa test states the facts (class and what it checks), in our words.</summary>
    public required string Source { get; init; }

    /// <summary>Workflow input to start with.</summary>
    public JsonObject? Input { get; init; }

    /// <summary>
    /// Like Elsa's "run until end" helper: after the start, keep resuming open bookmarks (timers fire at their due
    /// time) until the instance finishes. False = a single start, as Elsa's plain "run" helper does.
    /// </summary>
    public bool RunUntilEnd { get; init; } = true;

    /// <summary>Every WriteLine line, exactly and in order.</summary>
    public string[]? Lines { get; init; }

    /// <summary>Lines that must be among the WriteLine output (order and other lines not checked).</summary>
    public string[]? LinesContain { get; init; }

    public WorkflowStatus? Status { get; init; }
    public WorkflowSubStatus? SubStatus { get; init; }

    /// <summary>Workflow output entries that must be present with these values (other entries not checked).</summary>
    public JsonObject? Output { get; init; }

    /// <summary>Workflow output names that must be present, whatever their values.</summary>
    public string[]? OutputKeys { get; init; }

    /// <summary>The outcomes the workflow finished with (Elsa.Complete).</summary>
    public string[]? Outcomes { get; init; }

    /// <summary>An activity id and how many times the journal must show it completed.</summary>
    public (string ActivityId, int Times)? CompletedTimes { get; init; }

    /// <summary>The final state must serialize and deserialize again.</summary>
    public bool StateRoundTrips { get; init; }

    /// <summary>Elsa only publishes it (no run): it must compile without errors.</summary>
    public bool CompileOnly { get; init; }

    /// <summary>
    /// Elsa asserts these facts about a parent workflow that runs this one as a child; we run the child alone with the
    /// input the parent gives it and check what the parent's assertion implies about the child.
    /// </summary>
    public bool FromParentTest { get; init; }

    /// <summary>Set when the Elsa test asserts only what we cannot observe; the fixture is not run.</summary>
    public string? Skip { get; init; }

    /// <summary>Set when our engine is known to differ; the fixture runs but does not count as a match.</summary>
    public string? KnownDifference { get; init; }
}

public static class ElsaExpectations
{
    private const string It = "test_integration_Elsa.Workflows.IntegrationTests_";
    private const string ItScenarios = It + "Scenarios_";
    private const string Ct = "test_component_Elsa.Workflows.ComponentTests_Scenarios_";
    private const string Alterations = "test_integration_Elsa.Alterations.IntegrationTests_";

    private const string ApiExecute = "component test executing it over the REST API: HTTP 200 and the returned state's sub-status is Finished";

    public static readonly IReadOnlyList<ElsaExpectation> All =
    [
        // --- Component tests (run over Elsa's HTTP API; the returned workflow state is what we compare) ---
        new() { File = Ct + "BasicWorkflows_hello-world.json", Source = "HelloWorldTests: " + ApiExecute, SubStatus = WorkflowSubStatus.Finished },
        new() { File = Ct + "RestApis_Workflows_hello-world.json", Source = "RestApis execute GET/POST tests: " + ApiExecute, SubStatus = WorkflowSubStatus.Finished },
        new() { File = Ct + "WorkflowCompletion_hello-world.json", Source = "WorkflowCompletionTests: " + ApiExecute, SubStatus = WorkflowSubStatus.Finished },
        new() { File = Ct + "WorkflowCompletion_fork.json", Source = "WorkflowCompletionTests: a fork into three WriteLines still finishes; " + ApiExecute, SubStatus = WorkflowSubStatus.Finished },
        new()
        {
            File = Ct + "CachingAndWorkflowDefinitionActivity_Workflows_workflow-definition-grand-child.json",
            Source = "WorkflowDefinitionActivityTests: many HTTP-triggered runs of parent/child/grand-child while the cache is evicted leave no Faulted instance",
            SubStatus = WorkflowSubStatus.Finished,
        },
        new()
        {
            File = Ct + "InputOutput_Workflows_provider.json",
            Source = "InputOutputTests: the consumer passes Input1 \"Hello World!\" to the provider and reads the same text back from its Output1",
            FromParentTest = true,
            Input = new JsonObject { ["Input1"] = "Hello World!" },
            Output = new JsonObject { ["Output1"] = "Hello World!" },
            Status = WorkflowStatus.Finished,
        },
        new()
        {
            File = Ct + "LogPersistenceModes_input-output-logging-3-child.json",
            Source = "InputOutputLoggingTests: the child used as an activity records both Output1 and Output2",
            FromParentTest = true,
            OutputKeys = ["Output1", "Output2"],
        },
        new() { File = Ct + "LogPersistenceModes_input-output-logging-1.json", Source = "InputOutputLoggingTests", Skip = "asserts which WriteLine inputs the activity execution log persists (log persistence modes)" },
        new() { File = Ct + "LogPersistenceModes_input-output-logging-2.json", Source = "InputOutputLoggingTests", Skip = "asserts which WriteLine inputs the activity execution log persists (log persistence modes)" },
        new() { File = Ct + "WorkflowActivities_Workflows_CacheInvalidation_Child.json", Source = "AutoUpdateTests", Skip = "asserts cache entries of consuming workflows are evicted on publish" },
        new() { File = Ct + "WorkflowActivities_Workflows_CacheInvalidation_Childv2.json", Source = "AutoUpdateTests", Skip = "asserts cache entries of consuming workflows are evicted on publish" },
        new() { File = Ct + "WorkflowJsonStructures_sub.json", Source = "WorkflowJsonStructureTests", Skip = "asserts the shape of the definition API's JSON (subgraph, no nested root), not a run" },
        new() { File = Ct + "WorkflowReferenceGraph_Workflows_refgraph-grandchild.json", Source = "WorkflowReferenceGraphTests / export tests", Skip = "asserts the reference graph and export between definitions, not a run" },

        // --- Alterations ---
        new() { File = Alterations + "Workflows_version-1.json", Source = "MigrationTests", Skip = "asserts that an alteration migrates an instance from version 1 to 2" },
        new() { File = Alterations + "Workflows_version-2.json", Source = "MigrationTests", Skip = "asserts that an alteration migrates an instance from version 1 to 2" },

        // --- ExecuteWorkflow children (Elsa runs them through a parent's ExecuteWorkflow) ---
        new()
        {
            File = It + "Activities_ExecuteWorkflow_Workflows_child-workflow.json",
            Source = "ExecuteWorkflowTests: the parent's output includes the child's line \"Child: Executing\" and everything finishes",
            FromParentTest = true,
            Lines = ["Child: Executing"],
            SubStatus = WorkflowSubStatus.Finished,
        },
        new()
        {
            File = It + "Activities_ExecuteWorkflow_Workflows_child-with-input.json",
            Source = "ExecuteWorkflowTests: the parent passes Message \"Hello from parent\"; the child writes \"Child received: Hello from parent\"",
            FromParentTest = true,
            Input = new JsonObject { ["Message"] = "Hello from parent" },
            LinesContain = ["Child received: Hello from parent"],
            Status = WorkflowStatus.Finished,
        },
        new()
        {
            File = It + "Activities_ExecuteWorkflow_Workflows_child-with-output.json",
            Source = "ExecuteWorkflowTests: the child writes \"Child output: 42\" and the parent receives 42 as its output",
            FromParentTest = true,
            LinesContain = ["Child output: 42"],
            Output = new JsonObject { ["Result"] = 42 },
            Status = WorkflowStatus.Finished,
        },

        // --- Scenarios ---
        new()
        {
            File = ItScenarios + "CompositesAndOutcomes_Workflows_completor.json",
            Source = "CompositesAndOutcomes: Complete inside a nested workflow ends only that workflow (tester writes Start, End); the completor itself finishes with outcome Success",
            FromParentTest = true,
            Status = WorkflowStatus.Finished,
            SubStatus = WorkflowSubStatus.Finished,
            Outcomes = ["Success"],
        },
        new() { File = ItScenarios + "DependencyWorkflowsPublishing_Workflows_child.json", Source = "DependencyWorkflowsPublishing tests", Skip = "asserts that publishing the child updates the parent's workflow-definition activity version" },
        new()
        {
            File = ItScenarios + "DependencyWorkflows_Workflows_atom-activity.json",
            Source = "DependencyWorkflows: matter → 3 molecules → 3 atoms each writes \"Atom\" nine times, so one atom writes it once",
            FromParentTest = true,
            Lines = ["Atom"],
        },
        new()
        {
            File = ItScenarios + "ExplicitJoins_Workflows_join-all-1.json",
            Source = "ExplicitJoinWaitAnyTests: lines Start, Line 1, Line 2, End and status Finished",
            Lines = ["Start", "Line 1", "Line 2", "End"],
            Status = WorkflowStatus.Finished,
        },
        new()
        {
            File = ItScenarios + "ExplicitJoins_Workflows_join-any-1.json",
            Source = "ExplicitJoinWaitAnyTests: lines Start, End and status Finished",
            Lines = ["Start", "End"],
            Status = WorkflowStatus.Finished,
        },
        new() { File = ItScenarios + "FlowchartCompletion_Workflows_workflow1.json", Source = "FlowchartCompletion: run until end, status Finished", Status = WorkflowStatus.Finished },
        new() { File = ItScenarios + "FlowchartCompletion_Workflows_workflow2.json", Source = "FlowchartCompletion (braided flow): run until end, status Finished", Status = WorkflowStatus.Finished },
        new() { File = ItScenarios + "FlowchartCompletion_Workflows_workflow3.json", Source = "FlowchartCompletion (braided flow with delays): run until end, status Finished", Status = WorkflowStatus.Finished },
        new()
        {
            File = ItScenarios + "ExplicitJoins_Workflows_join-all-2.json",
            Source = "ExplicitJoinWaitAnyTests (FlowNode bodies): lines Start, Line 1, Line 2, End and status Finished",
            Lines = ["Start", "Line 1", "Line 2", "End"],
            Status = WorkflowStatus.Finished,
        },
        new() { File = ItScenarios + "FlowchartCompletion_Workflows_workflow5.json", Source = "FlowchartCompletion (FlowNode bodies): run until end, status Finished", Status = WorkflowStatus.Finished },
        new() { File = ItScenarios + "FlowchartCompletion_Workflows_workflow4.json", Source = "FlowchartCompletion (braided flow, decision and delays): run until end, status Finished", Status = WorkflowStatus.Finished },
        new()
        {
            File = ItScenarios + "ImportAndExecute_Workflows_writeline.json",
            Source = "ImportAndExecute: exactly the line \"Dummy Text\"",
            Lines = ["Dummy Text"],
        },
        new()
        {
            File = ItScenarios + "ImportAndExecute_Workflows_implicit-loop.json",
            Source = "ImportAndExecute: a loop back through a decision writes Do something, Retry, Do something, Done",
            Lines = ["Do something", "Retry", "Do something", "Done"],
        },
        new()
        {
            File = ItScenarios + "ImportAndPublish_Workflows_timer-workflow.json",
            Source = "ImportAndPublishTimerTests: publishing succeeds without validation errors",
            CompileOnly = true,
        },
        new()
        {
            File = ItScenarios + "JoinBehaviors_Workflows_decision-merge-join-none.json",
            Source = "ForkDecisionJoinTests: the implicit join of a decision's True and False branches lets the run finish (single run)",
            RunUntilEnd = false,
            Status = WorkflowStatus.Finished,
        },
        new()
        {
            File = ItScenarios + "JoinBehaviors_Workflows_fork-decision-join-none.json",
            Source = "ForkDecisionJoinTests: implicit join in stream mode runs: lines A, C (single run)",
            RunUntilEnd = false,
            Lines = ["A", "C"],
        },
        new()
        {
            File = ItScenarios + "JoinBehaviors_Workflows_fork-decision-join-converge.json",
            Source = "ForkDecisionJoinTests: implicit join in merge mode waits for the never-taken branch: only line A (single run)",
            RunUntilEnd = false,
            Lines = ["A"],
            // C has customProperties.mergeMode "Merge": it waits for a token from B, whose True branch is not taken.
        },
        new()
        {
            File = ItScenarios + "JoinBehaviors_Workflows_fork-decision-join-converge-strict.json",
            Source = "ForkDecisionJoinTests: implicit join in converge mode needs every inbound connection: only line A (single run)",
            RunUntilEnd = false,
            Lines = ["A"],
            // C has customProperties.mergeMode "Converge": it waits for a token on every inbound connection, B's never comes.
        },
        new()
        {
            File = ItScenarios + "JoinBehaviors_Workflows_fork-decision-join-waitall.json",
            Source = "ForkDecisionJoinTests: an explicit WaitAll join blocks; lines A, C, B, D (then the False branch faults, which Elsa does not assert)",
            RunUntilEnd = false,
            Lines = ["A", "C", "B", "D"],
        },
        new()
        {
            File = ItScenarios + "JoinBehaviors_Workflows_join.json",
            Source = "JoinRunsOnceTests: the Join activity 802725996be1b582 completes exactly once (single run)",
            RunUntilEnd = false,
            CompletedTimes = ("802725996be1b582", 1),
        },
        new()
        {
            File = ItScenarios + "JsonObjectSerialization_Workflows_instance-serialization.json",
            Source = "JsonObjectSerialization: variables holding objects with a \"$id\" property survive serializing and deserializing the state",
            StateRoundTrips = true,
        },
        new()
        {
            File = ItScenarios + "ParentChildCompletion_Workflows_child.json",
            Source = "ParentChildCompletion: a parent running this child as an activity finishes, so the child does",
            FromParentTest = true,
            Status = WorkflowStatus.Finished,
        },
        new()
        {
            File = ItScenarios + "ParentChildInputs_Workflows_child.json",
            Source = "ParentChildInputs: parent1 passes Input1 \"Bar\" and the child writes \"Child: Bar\" (parent2 passes \"Foo\" the same way)",
            FromParentTest = true,
            Input = new JsonObject { ["Input1"] = "Bar" },
            Lines = ["Child: Bar"],
        },
        new()
        {
            File = ItScenarios + "ParentChildOutputMapping_Workflows_a.json",
            Source = "ParentChildOutputMapping: d writes \"FooBar\" from a's Output1 \"Foo\" and b's \"Bar\"",
            FromParentTest = true,
            Output = new JsonObject { ["Output1"] = "Foo" },
        },
        new()
        {
            File = ItScenarios + "ParentChildOutputMapping_Workflows_producer.json",
            Source = "ParentChildOutputMapping: the consumer writes the producer's Output1, \"Foo\"",
            FromParentTest = true,
            Output = new JsonObject { ["Output1"] = "Foo" },
        },
        new()
        {
            File = ItScenarios + "ParentChildOutputMapping_Workflows_sum.json",
            Source = "ParentChildOutputMapping: the calculator passes A = 4, B = 5 and writes \"Result: 9\" from Sum's Result",
            FromParentTest = true,
            Input = new JsonObject { ["A"] = 4, ["B"] = 5 },
            Output = new JsonObject { ["Result"] = 9 },
        },
        new()
        {
            File = ItScenarios + "WorkflowDefinitionActivities_Workflows_child-published-version.json",
            Source = "WorkflowDefinitionActivities: the parent falls back to this published child, whose line \"Published version executed\" appears",
            FromParentTest = true,
            LinesContain = ["Published version executed"],
        },
        new()
        {
            File = ItScenarios + "WorkflowDefinitionActivities_Workflows_child-with-input.json",
            Source = "WorkflowDefinitionActivities: the parent passes Message \"Hello from parent!\" and that line appears",
            FromParentTest = true,
            Input = new JsonObject { ["Message"] = "Hello from parent!" },
            LinesContain = ["Hello from parent!"],
        },
        new()
        {
            File = ItScenarios + "WorkflowDefinitionActivities_Workflows_child-with-outcomes.json",
            Source = "WorkflowDefinitionActivities: the parent takes the child's Success port (\"Success path taken\")",
            FromParentTest = true,
            Outcomes = ["Success"],
        },
        new()
        {
            File = ItScenarios + "WorkflowDefinitionActivities_Workflows_child-with-output.json",
            Source = "WorkflowDefinitionActivities: the parent writes \"Received from child: Child output value\" from the child's Output",
            FromParentTest = true,
            Output = new JsonObject { ["Output"] = "Child output value" },
        },
    ];

    public static readonly IReadOnlyDictionary<string, ElsaExpectation> ByFile = All.ToDictionary(e => e.File, StringComparer.Ordinal);
}
