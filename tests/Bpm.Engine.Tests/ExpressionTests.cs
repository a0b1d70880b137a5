using System.Text.Json.Nodes;
using static Bpm.Engine.Tests.Flow;

namespace Bpm.Engine.Tests;

public sealed class ExpressionTests
{
    private readonly TestEngine engine = new();

    private async Task<JsonNode?> ValueAfterSet(string typeName, JsonObject value, JsonObject? input = null)
    {
        var json = Workflow(
            [Activity("set", "Elsa.SetVariable", ("variable", new JsonObject { ["id"] = "v1", ["name"] = "Target" }), ("value", value))],
            [],
            Variable("v1", "Target", typeName, null), Variable("v2", "Source", "String", "from source"));
        var result = await engine.StartAsync(json, input);
        result.State.Incidents.ShouldBeEmpty();
        return result.State.Variables["Target"];
    }

    [Theory]
    [InlineData("Boolean", "True", "true")]
    [InlineData("Int32", "42", "42")]
    [InlineData("Double", "2.5", "2.5")]
    [InlineData("String", "bob", "\"bob\"")]
    [InlineData("TimeSpan", "01:30:00", "\"01:30:00\"")]
    [InlineData("String[]", "[\"A\",\"B\"]", "[\"A\",\"B\"]")]
    [InlineData("Object", "{\"a\":1}", "{\"a\":1}")]
    public async Task A_literal_is_converted_to_the_variable_type(string typeName, string literal, string expectedJson)
    {
        var value = await ValueAfterSet(typeName, Literal(literal));

        value!.ToJsonString().ShouldBe(expectedJson);
    }

    [Fact]
    public async Task Object_Variable_and_Input_expressions_read_JSON_variables_and_workflow_input()
    {
        (await ValueAfterSet("Object", Expr("Object", """{"x":[1,2]}""")))!["x"]![1]!.GetValue<int>().ShouldBe(2);
        (await ValueAfterSet("String", Expr("Variable", "Source")))!.GetValue<string>().ShouldBe("from source");
        (await ValueAfterSet("String", Expr("Variable", "v2")))!.GetValue<string>().ShouldBe("from source");
        (await ValueAfterSet("Int32", Expr("Input", "Amount"), new JsonObject { ["Amount"] = 7 }))!.GetValue<int>().ShouldBe(7);
    }

    [Fact]
    public async Task JavaScript_sees_variables_as_globals_and_through_helpers_and_reads_the_input()
    {
        var script = "Source + '/' + variables.Source + '/' + getVariable('Source') + '/' + getInput('N')";
        (await ValueAfterSet("String", Js(script), new JsonObject { ["N"] = 3 }))!.GetValue<string>().ShouldBe("from source/from source/from source/3");
    }

    [Fact]
    public async Task JavaScript_can_set_a_variable()
    {
        (await ValueAfterSet("String", Js("setVariable('Source', 'changed'); getVariable('Source') + '!'")))!.GetValue<string>().ShouldBe("changed!");
    }

    [Fact]
    public async Task A_JavaScript_number_assigned_to_an_Int32_variable_is_stored_as_an_integer()
    {
        (await ValueAfterSet("Int32", Js("40 + 2")))!.ToJsonString().ShouldBe("42");
    }

    [Fact]
    public async Task JavaScript_objects_are_stored_as_JSON()
    {
        var value = await ValueAfterSet("Object", Js("var o = { name: 'Li', tags: ['a', 'b'] }; o"));

        value!["name"]!.GetValue<string>().ShouldBe("Li");
        value["tags"]!.AsArray().Count.ShouldBe(2);
    }
}
