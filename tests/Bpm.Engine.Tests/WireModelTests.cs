using System.Text.Json.Nodes;
using Bpm.Engine.Model;

namespace Bpm.Engine.Tests;

public sealed class WireModelTests
{
    public static TheoryData<string> Fixtures() =>
        new(Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures"), "*.json").Select(Path.GetFileName).Order()!);

    /// <summary>Null and absent are the same on the wire (the writer omits nulls).</summary>
    private static JsonNode? WithoutNulls(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList())
                {
                    o.Remove(key);
                }

                foreach (var (_, child) in o)
                {
                    WithoutNulls(child);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    WithoutNulls(child);
                }

                break;
        }

        return node;
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Reading_then_writing_a_definition_loses_nothing(string fixture)
    {
        var original = TestEngine.Fixture(fixture);

        var written = WorkflowDefinitionJson.Write(WorkflowDefinitionJson.Parse(original));

        // Sparse files gain the defaults (isReadonly: false, …); everything they had comes back equal.
        Contains(JsonNode.Parse(written), WithoutNulls(JsonNode.Parse(original))).ShouldBeTrue(written);
    }

    [Theory]
    [InlineData("hello-world.json")]
    [InlineData("fork-join.json")]
    [InlineData("run-task.json")]
    public void A_complete_definition_comes_back_equal(string fixture)
    {
        var original = TestEngine.Fixture(fixture);

        var written = WorkflowDefinitionJson.Write(WorkflowDefinitionJson.Parse(original));

        JsonNode.DeepEquals(WithoutNulls(JsonNode.Parse(original)), JsonNode.Parse(written)).ShouldBeTrue(written);
    }

    /// <summary>Every property of <paramref name="expected"/> is in <paramref name="actual"/> with an equal value.</summary>
    private static bool Contains(JsonNode? actual, JsonNode? expected) => (actual, expected) switch
    {
        (JsonObject a, JsonObject e) => e.All(p => a.ContainsKey(p.Key) && Contains(a[p.Key], p.Value)),
        (JsonArray a, JsonArray e) => a.Count == e.Count && a.Zip(e).All(x => Contains(x.First, x.Second)),
        _ => JsonNode.DeepEquals(actual, expected),
    };

    [Fact]
    public void Unknown_top_level_properties_and_designer_metadata_survive()
    {
        var definition = WorkflowDefinitionJson.Parse(TestEngine.Fixture("hello-world.json"));

        var written = JsonNode.Parse(WorkflowDefinitionJson.Write(definition))!;

        written["$schema"]!.GetValue<string>().ShouldBe("https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json");
        written["links"]![0]!["rel"]!.GetValue<string>().ShouldBe("publish");
        written["toolVersion"]!.GetValue<string>().ShouldBe("3.8.2.0");
        written["root"]!["activities"]![1]!["metadata"]!["designer"]!["size"]!["width"]!.GetValue<double>().ShouldBe(170.4);
    }

    [Fact]
    public void Writing_uses_camel_case_and_omits_nulls()
    {
        var definition = new WorkflowDefinition { Id = "x", DefinitionId = "d", Name = null, Root = new JsonObject { ["type"] = "Elsa.Flowchart" } };

        var written = JsonNode.Parse(WorkflowDefinitionJson.Write(definition))!.AsObject();

        written.ContainsKey("definitionId").ShouldBeTrue();
        written.ContainsKey("name").ShouldBeFalse();
        written.ContainsKey("DefinitionId").ShouldBeFalse();
    }

    [Fact]
    public void The_typed_view_reads_ids_inputs_outputs_and_both_connection_forms()
    {
        var decision = WorkflowDefinitionJson.Parse(TestEngine.Fixture("decision.json")).RootActivity!;
        var runTask = WorkflowDefinitionJson.Parse(TestEngine.Fixture("run-task.json")).RootActivity!.Activities[0];

        decision.Activities.Select(a => a.Id).ShouldBe(["decide", "big", "small", "merge"]);
        decision.Activities[0].NodeId.ShouldBe("Workflow1:flow1:decide");
        decision.Activities[0].InputExpression("Condition")!.Text.ShouldBe("getVariable('Amount') > 1000");
        decision.Connections.ShouldBe(
        [
            new Connection("decide", "True", "big"), new Connection("decide", "False", "small"),
            new Connection("big", "Done", "merge"), new Connection("small", "Done", "merge"),
        ]);
        runTask.OutputVariableId("Result").ShouldBe("resultVar");
        runTask.Type.ShouldBe("Elsa.RunTask");
        runTask.Version.ShouldBe(1);
    }

    [Fact]
    public void Variables_are_typed()
    {
        var definition = WorkflowDefinitionJson.Parse(TestEngine.Fixture("loop.json"));

        definition.Variables.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            v => v.Name.ShouldBe("Counter"), v => v.TypeName.ShouldBe("Int32"), v => v.Value.ShouldBe("0"));
    }
}
