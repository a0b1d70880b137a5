using System.Text.Json;
using System.Text.Json.Nodes;
using Bpm.Engine.Metadata;

namespace Bpm.Engine.Tests;

public sealed class DescriptorTests
{
    private readonly ActivityRegistry registry = new ActivityRegistry().RegisterBuiltIns().Register<ApproveTask>();

    private ActivityDescriptor Describe(string typeName) => registry.Find(typeName, 1).ShouldNotBeNull();

    [Fact]
    public void WriteLine_has_a_single_line_text_input_and_a_Done_port()
    {
        var writeLine = Describe("Elsa.WriteLine");

        writeLine.ShouldSatisfyAllConditions(
            d => d.Namespace.ShouldBe("Elsa"), d => d.Name.ShouldBe("WriteLine"), d => d.Version.ShouldBe(1),
            d => d.Category.ShouldBe("Console"), d => d.Kind.ShouldBe(ActivityKind.Action), d => d.IsBrowsable.ShouldBeTrue());
        var text = writeLine.Inputs.ShouldHaveSingleItem();
        text.Name.ShouldBe("Text");
        text.TypeName.ShouldBe("String");
        text.UIHint.ShouldBe("singleline");
        text.IsWrapped.ShouldBeTrue();
        text.IsBrowsable.ShouldBeTrue();
        text.DefaultSyntax.ShouldBe("Literal");
        writeLine.Ports.ShouldHaveSingleItem().ShouldBe(new PortDescriptor("Done", "Done", "Flow", true));
    }

    [Fact]
    public void Start_is_a_start_and_End_and_Finish_are_terminal_without_ports()
    {
        Describe("Elsa.Start").IsStart.ShouldBeTrue();
        Describe("Elsa.End").ShouldSatisfyAllConditions(d => d.IsTerminal.ShouldBeTrue(), d => d.Ports.ShouldBeEmpty());
        Describe("Elsa.Finish").ShouldSatisfyAllConditions(d => d.IsTerminal.ShouldBeTrue(), d => d.Ports.ShouldBeEmpty());
    }

    [Fact]
    public void The_flowchart_is_a_hidden_container_with_an_embedded_start_slot()
    {
        var flowchart = Describe("Elsa.Flowchart");

        flowchart.IsContainer.ShouldBeTrue();
        flowchart.IsBrowsable.ShouldBeFalse();
        flowchart.Ports.ShouldHaveSingleItem().ShouldBe(new PortDescriptor("Start", "Start", "Embedded", false));
    }

    [Fact]
    public void An_enum_input_gets_a_dropdown_of_its_names_and_a_bool_a_checkbox()
    {
        var approve = Describe("Test.Approve");

        var priority = approve.Inputs.Single(i => i.Name == "Priority");
        priority.TypeName.ShouldBe("String");
        priority.UIHint.ShouldBe("dropdown");
        priority.DefaultValue!.GetValue<string>().ShouldBe("Normal");
        var items = priority.UISpecifications!["dropdown"]!["selectList"]!["items"]!.AsArray();
        items.Select(i => i!["value"]!.GetValue<string>()).ShouldBe(["Low", "Normal", "High"]);
        approve.Inputs.Single(i => i.Name == "Urgent").ShouldSatisfyAllConditions(i => i.UIHint.ShouldBe("checkbox"), i => i.TypeName.ShouldBe("Boolean"));
        approve.Inputs.Single(i => i.Name == "Notes").UIHint.ShouldBe("multiline");
        approve.Inputs.Select(i => i.Name).ShouldBe(["Assignee", "Notes", "Priority", "Urgent"]);
        approve.Ports.Select(p => p.Name).ShouldBe(["Done", "Transfer"]);
        approve.Kind.ShouldBe(ActivityKind.Task);
        approve.DisplayName.ShouldBe("Approve Request");
    }

    [Fact]
    public void Blocking_built_ins_have_Elsa_inputs_outputs_and_kinds()
    {
        Describe("Elsa.RunTask").ShouldSatisfyAllConditions(
            d => d.Inputs.Select(i => i.Name).ShouldBe(["TaskName", "Payload"]),
            d => d.Outputs.Select(o => (o.Name, o.TypeName)).ShouldBe([("TaskId", "String"), ("Result", "Object")]));
        Describe("Elsa.Event").ShouldSatisfyAllConditions(
            d => d.Kind.ShouldBe(ActivityKind.Trigger), d => d.Inputs.ShouldHaveSingleItem().Name.ShouldBe("EventName"));
        Describe("Elsa.Delay").Inputs.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            i => i.Name.ShouldBe("TimeSpan"), i => i.TypeName.ShouldBe("TimeSpan"));
        Describe("Elsa.FlowFork").Inputs.ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            i => i.TypeName.ShouldBe("String[]"), i => i.UIHint.ShouldBe("dynamic-outcomes"));
        Describe("Elsa.FlowDecision").Ports.Select(p => p.Name).ShouldBe(["True", "False"]);
        Describe("Elsa.FlowSwitch").Inputs.First().ShouldSatisfyAllConditions(i => i.Name.ShouldBe("Cases"), i => i.IsWrapped.ShouldBeFalse());
    }

    [Fact]
    public void Elsa_composition_scripting_and_primitive_built_ins_have_Elsa_names_categories_and_ports()
    {
        Describe("Elsa.SetOutput").ShouldSatisfyAllConditions(
            d => d.Category.ShouldBe("Composition"), d => d.Inputs.Select(i => i.Name).ShouldBe(["OutputName", "OutputValue"]),
            d => d.Inputs[0].UIHint.ShouldBe("output-picker"), d => d.Ports.Select(p => p.Name).ShouldBe(["Done"]));
        Describe("Elsa.Complete").ShouldSatisfyAllConditions(
            d => d.Category.ShouldBe("Composition"), d => d.IsTerminal.ShouldBeTrue(), d => d.Ports.ShouldBeEmpty(),
            d => d.Inputs.ShouldHaveSingleItem().ShouldSatisfyAllConditions(i => i.Name.ShouldBe("Outcomes"), i => i.UIHint.ShouldBe("outcome-picker")));
        Describe("Elsa.FlowNode").ShouldSatisfyAllConditions(
            d => d.Category.ShouldBe("Flow"), d => d.DisplayName.ShouldBe("Container"), d => d.Inputs.ShouldBeEmpty(),
            d => d.Ports.Select(p => p.Name).ShouldBe(["Done"]));
        Describe("Elsa.Fault").ShouldSatisfyAllConditions(
            d => d.Category.ShouldBe("Primitives"), d => d.Ports.ShouldBeEmpty(),
            d => d.Inputs.Select(i => i.Name).ShouldBe(["Code", "Category", "FaultType", "Message"]), d => d.Inputs[2].DisplayName.ShouldBe("Type"));
        Describe("Elsa.Correlate").ShouldSatisfyAllConditions(
            d => d.Category.ShouldBe("Primitives"), d => d.Inputs.ShouldHaveSingleItem().Name.ShouldBe("CorrelationId"));
        Describe("Elsa.SetName").ShouldSatisfyAllConditions(
            d => d.Category.ShouldBe("Primitives"), d => d.Inputs.ShouldHaveSingleItem().Name.ShouldBe("Value"));
        Describe("Elsa.RunJavaScript").ShouldSatisfyAllConditions(
            d => d.Category.ShouldBe("Scripting"), d => d.DisplayName.ShouldBe("Run JavaScript"),
            d => d.Inputs.Select(i => (i.Name, i.UIHint)).ShouldBe([("Script", "code-editor"), ("PossibleOutcomes", "dynamic-outcomes")]),
            d => d.Outputs.ShouldHaveSingleItem().Name.ShouldBe("Result"));
    }

    [Fact]
    public void A_descriptor_serializes_in_the_shape_Studio_reads()
    {
        var json = JsonSerializer.SerializeToNode(Describe("Test.Approve"), new JsonSerializerOptions(JsonSerializerDefaults.Web))!.AsObject();

        json["typeName"]!.GetValue<string>().ShouldBe("Test.Approve");
        json["kind"]!.GetValue<string>().ShouldBe("Task");
        json["ports"]![1]!["name"]!.GetValue<string>().ShouldBe("Transfer");
        json["ports"]![1]!["type"]!.GetValue<string>().ShouldBe("Flow");
        json["inputs"]![0]!["isWrapped"]!.GetValue<bool>().ShouldBeTrue();
        json["inputs"]![2]!["uiSpecifications"]!["dropdown"]!["selectList"]!["isFlagsEnum"]!.GetValue<bool>().ShouldBeFalse();
        json.ContainsKey("clrType").ShouldBeFalse();
        json["customProperties"].ShouldBeOfType<JsonObject>();
        json["constructionProperties"].ShouldBeOfType<JsonObject>();
    }

    [Fact]
    public void Registering_an_assembly_finds_every_built_in()
    {
        registry.Descriptors.Select(d => d.TypeName).ShouldBeSubsetOf(registry.Descriptors.Select(d => d.TypeName));
        new[]
        {
            "Elsa.Flowchart", "Elsa.Start", "Elsa.End", "Elsa.Finish", "Elsa.WriteLine", "Elsa.SetVariable", "Elsa.FlowDecision", "Elsa.If",
            "Elsa.Switch", "Elsa.FlowSwitch", "Elsa.Fork", "Elsa.FlowFork", "Elsa.FlowJoin", "Elsa.Delay", "Elsa.Timer", "Elsa.Event", "Elsa.RunTask",
        }.ShouldBeSubsetOf(registry.Descriptors.Select(d => d.TypeName));
    }
}
