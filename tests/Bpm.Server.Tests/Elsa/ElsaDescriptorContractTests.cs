using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bpm.Testing;

namespace Bpm.Server.Tests.Elsa;

/// <summary>The descriptor lists Studio's designer loads (contract §2.2, §4), read case-sensitively as Studio's client reads them.</summary>
public sealed class ElsaDescriptorContractTests : IDisposable
{
    private readonly BpmServerFactory _factory = new();

    [Fact]
    public async Task Activity_descriptors_cover_every_activity_of_the_six_workflows_with_unique_keys_and_no_null_lists()
    {
        var client = await _factory.SignedInAsync("xt.handler");

        var first = await client.GetAsync(ElsaWireClient.Api + "/descriptors/activities?Refresh=True");
        var second = await client.GetAsync(ElsaWireClient.Api + "/descriptors/activities?Refresh=False");

        var text = await first.Content.ReadAsStringAsync();
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        (await second.Content.ReadAsStringAsync()).ShouldBe(text);
        var answer = JsonDocument.Parse(text).RootElement;
        var items = answer.GetProperty("items").EnumerateArray().ToList();
        answer.GetProperty("count").GetInt32().ShouldBe(items.Count);
        items.Select(d => (d.GetProperty("typeName").GetString(), d.GetProperty("version").GetInt32())).ShouldBeUnique();
        foreach (var descriptor in items)
        {
            foreach (var list in new[] { "inputs", "outputs", "ports" })
            {
                descriptor.GetProperty(list).ValueKind.ShouldBe(JsonValueKind.Array, $"{descriptor.GetProperty("typeName")}.{list}");
            }

            descriptor.GetProperty("isBrowsable").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
            descriptor.GetProperty("category").GetString().ShouldNotBeNullOrEmpty();
            descriptor.GetProperty("kind").GetString().ShouldBeOneOf("Action", "Trigger", "Job", "Task");
            descriptor.GetProperty("ports").EnumerateArray().ShouldAllBe(p => p.GetProperty("type").GetString() == "Flow" || p.GetProperty("type").GetString() == "Embedded");
            foreach (var input in descriptor.GetProperty("inputs").EnumerateArray())
            {
                input.GetProperty("isBrowsable").ValueKind.ShouldBeOneOf(JsonValueKind.True, JsonValueKind.False);
                input.GetProperty("uiHint").GetString().ShouldNotBeNullOrEmpty();
            }
        }

        var described = items.Select(d => $"{d.GetProperty("typeName").GetString()}@{d.GetProperty("version").GetInt32()}").ToHashSet();
        foreach (var file in Directory.EnumerateFiles(RepositoryFolders.Workflows, "*.json"))
        {
            foreach (var (type, version) in ActivityTypes(JsonNode.Parse(File.ReadAllText(file))!["root"]!))
            {
                described.ShouldContain($"{type}@{version}", Path.GetFileName(file));
            }
        }

        var humanTask = items.Single(d => d.GetProperty("typeName").GetString() == "Bpm.HumanTask");
        humanTask.GetProperty("kind").GetString().ShouldBe("Task");
        humanTask.GetProperty("isBrowsable").GetBoolean().ShouldBeTrue();
        humanTask.GetProperty("category").GetString().ShouldBe(items.Single(d => d.GetProperty("typeName").GetString() == "Bpm.Dispatch").GetProperty("category").GetString());
        var inputs = humanTask.GetProperty("inputs").EnumerateArray().ToDictionary(i => i.GetProperty("name").GetString()!);
        inputs["Outcomes"].GetProperty("uiHint").GetString().ShouldBe("dynamic-outcomes");
        inputs["Title"].GetProperty("uiHint").GetString().ShouldBe("singleline");
        inputs["Title"].GetProperty("isWrapped").GetBoolean().ShouldBeTrue();
        inputs["SlaStep"].GetProperty("uiSpecifications").GetProperty("dropdown").GetProperty("selectList").GetProperty("items")
            .EnumerateArray().Select(i => i.GetProperty("value").GetString()).ShouldContain("Handling");
        var requestExtension = items.Single(d => d.GetProperty("typeName").GetString() == "Bpm.RequestExtension");
        requestExtension.GetProperty("ports").EnumerateArray().Where(p => p.GetProperty("type").GetString() == "Flow")
            .Select(p => p.GetProperty("name").GetString()).ShouldBe(["Approved", "Rejected"]);
        var flowchart = items.Single(d => d.GetProperty("typeName").GetString() == "Elsa.Flowchart");
        flowchart.GetProperty("isContainer").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task An_inputs_options_come_back_as_its_ui_specifications()
    {
        var client = await _factory.SignedInAsync("xt.owner");

        var options = await client.ElsaPostAsync("/descriptors/activities/Bpm.HumanTask/options/SlaStep", JsonNode.Parse("""{"context": {"title": "办理"}}"""));
        var none = await client.ElsaPostAsync("/descriptors/activities/Bpm.HumanTask/options/Title", new JsonObject { ["context"] = null });

        options.GetProperty("items").GetProperty("dropdown").GetProperty("selectList").GetProperty("items").GetArrayLength().ShouldBe(8);
        none.GetProperty("items").EnumerateObject().ShouldBeEmpty();
        await client.ElsaPostAsync("/descriptors/activities/Bpm.HumanTask/options/NoSuchInput", new JsonObject(), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Expression_descriptors_include_JavaScript_and_a_type_Studios_editor_can_default_to()
    {
        var client = await _factory.SignedInAsync("xt.owner");

        var answer = await client.ElsaGetAsync("/descriptors/expression-descriptors");

        var items = answer.GetProperty("items").EnumerateArray().ToDictionary(i => i.GetProperty("type").GetString()!);
        answer.GetProperty("count").GetInt32().ShouldBe(items.Count);
        items.Keys.ShouldBe(["Literal", "Object", "Delegate", "Variable", "Input", "JavaScript"], ignoreOrder: true);
        items.Keys.Except(["Literal", "Object", "Variable", "Input"]).ShouldNotBeEmpty();
        items["JavaScript"].GetProperty("isBrowsable").GetBoolean().ShouldBeTrue();
        items["JavaScript"].GetProperty("properties").GetProperty("MonacoLanguage").GetString().ShouldBe("javascript");
        items["Literal"].GetProperty("properties").ValueKind.ShouldBe(JsonValueKind.Object);
        items["Delegate"].GetProperty("isSerializable").GetBoolean().ShouldBeFalse();
    }

    [Fact]
    public async Task The_small_lists_have_Elsas_shapes_and_the_dialogs_first_entries()
    {
        var client = await _factory.SignedInAsync("xt.handler");

        var variables = await client.ElsaGetAsync("/descriptors/variables");
        var drivers = await client.ElsaGetAsync("/descriptors/storage-drivers");

        variables.GetProperty("items")[0].EnumerateObject().Select(p => p.Name).ShouldBe(["typeName", "displayName", "category", "description"]);
        variables.GetProperty("items").EnumerateArray().Select(v => v.GetProperty("typeName").GetString()).ShouldContain("Boolean");
        drivers.GetProperty("items")[0].GetProperty("typeName").GetString().ShouldBe("Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core");
        drivers.GetProperty("items")[0].GetProperty("deprecated").GetBoolean().ShouldBeFalse();
        foreach (var path in new[] { "/descriptors/workflow-activation-strategies", "/descriptors/incident-strategies", "/descriptors/log-persistence-strategies" })
        {
            var list = await client.ElsaGetAsync(path);
            list.GetProperty("count").GetInt32().ShouldBe(list.GetProperty("items").GetArrayLength());
            list.GetProperty("items").EnumerateArray().ShouldAllBe(s => s.GetProperty("typeName").GetString()!.Length > 0 && s.GetProperty("displayName").GetString()!.Length > 0);
        }

        (await client.ElsaGetAsync("/descriptors/incident-strategies")).GetProperty("items").EnumerateArray()
            .Select(s => s.GetProperty("typeName").GetString()).ShouldContain(t => t!.Contains("ContinueWithIncidents"));
        foreach (var path in new[] { "/descriptors/commit-strategies/workflows", "/descriptors/commit-strategies/activities" })
        {
            var list = await client.ElsaGetAsync(path);
            list.GetProperty("items").ValueKind.ShouldBe(JsonValueKind.Array);
            list.GetProperty("count").GetInt32().ShouldBe(0);
        }
    }

    [Fact]
    public async Task Features_do_not_advertise_realtime_updates_and_the_package_version_is_Studios()
    {
        var client = await _factory.SignedInAsync("xt.handler");

        var features = await client.ElsaGetAsync("/features/installed");
        var version = await client.ElsaGetAsync("/package/version");

        features.GetProperty("items").EnumerateArray().ShouldNotContain(f => f.GetProperty("fullName").GetString() == "Elsa.RealTimeWorkflowUpdates");
        features.GetProperty("count").GetInt32().ShouldBe(features.GetProperty("items").GetArrayLength());
        version.GetProperty("packageVersion").GetString().ShouldBe("3.8.2");
    }

    [Fact]
    public async Task JavaScript_typings_declare_the_evaluators_functions_and_the_workflows_variables()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var flow = ElsaDefinitionContractTests.SmallFlow("scripted", ("start1", "Elsa.Start"));
        flow["variables"] = JsonNode.Parse("""[{"id": "v1", "name": "approved", "typeName": "Boolean", "isArray": false, "value": "false"}]""");
        await ElsaDefinitionContractTests.SaveAsync(owner, flow, publish: false);

        var response = await owner.PostAsync(ElsaWireClient.Api + "/scripting/javascript/type-definitions/scripted",
            System.Net.Http.Json.JsonContent.Create(JsonNode.Parse("""{"workflowDefinitionId": "scripted", "activityTypeName": "Elsa.SetVariable", "propertyName": "Value"}""")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        text.ShouldContain("declare function getVariable(name: string): any;");
        text.ShouldContain("declare function getApproved(): boolean;");
        text.ShouldContain("declare function setApproved(value: boolean): void;");
        (await owner.PostAsync(ElsaWireClient.Api + "/scripting/javascript/type-definitions/ghost", System.Net.Http.Json.JsonContent.Create(new JsonObject())))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static IEnumerable<(string Type, int Version)> ActivityTypes(JsonNode activity)
    {
        yield return (activity["type"]!.GetValue<string>(), activity["version"]?.GetValue<int>() ?? 1);
        foreach (var child in activity["activities"]?.AsArray() ?? [])
        {
            foreach (var found in ActivityTypes(child!))
            {
                yield return found;
            }
        }
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
