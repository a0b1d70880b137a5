using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bpm.Testing;

namespace Bpm.Server.Tests.Elsa;

/// <summary>
/// /elsa/api workflow definitions as Elsa Studio 3.8.2 calls them (contract §2.1, §2.2): the demo server with the six
/// request workflows (each v1, published). <c>xt.owner</c> is a process owner, <c>xt.handler</c> reads only.
/// </summary>
public sealed class ElsaDefinitionContractTests : IDisposable
{
    private const string StudioFirstListCall = "/workflow-definitions?versionOptions=Latest&Page=0&PageSize=10&SearchTerm=&IsSystem=False&OrderDirection=Ascending";

    private static readonly string[] RequestWorkflows = ["enforcement", "it", "legal-remedy", "other", "policy", "service"];

    private readonly BpmServerFactory _factory = new(time: new ManualTimeProvider(ApiClient.Now));

    [Fact]
    public async Task The_list_answers_Studios_first_call_with_camelCase_summaries_and_editor_links()
    {
        var owner = await _factory.SignedInAsync("xt.owner");

        var list = await owner.ElsaGetAsync(StudioFirstListCall);

        list.GetProperty("totalCount").GetInt64().ShouldBe(6);
        list.Rels().ShouldBe(["bulk-publish"]);
        var items = list.GetProperty("items").EnumerateArray().ToList();
        items.Select(i => i.GetProperty("definitionId").GetString()).Order().ShouldBe(RequestWorkflows);
        foreach (var item in items)
        {
            item.EnumerateObject().Select(p => p.Name).ShouldBe(
                ["id", "definitionId", "name", "description", "version", "toolVersion", "isLatest", "isPublished", "materializerName",
                 "isMaterializerAvailable", "isReadonly", "isSystem", "createdAt", "links"], ignoreOrder: true);
            item.GetProperty("version").GetInt32().ShouldBe(1);
            item.GetProperty("isLatest").GetBoolean().ShouldBeTrue();
            item.GetProperty("isPublished").GetBoolean().ShouldBeTrue();
            item.Rels().ShouldContain("publish");
        }

        // Studio's second call: the published versions of the rows that are not published (none here: the key is absent).
        var published = await owner.ElsaGetAsync("/workflow-definitions?versionOptions=Published");
        published.GetProperty("totalCount").GetInt64().ShouldBe(6);
    }

    [Fact]
    public async Task Query_keys_as_Refit_writes_them_filter_search_order_and_page()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        await SaveAsync(owner, await ModelAsync(owner, "policy"), publish: false); // policy: v1 published + v2 draft

        async Task<IReadOnlyList<string>> Rows(string query) =>
            [.. (await owner.ElsaGetAsync("/workflow-definitions?" + query)).GetProperty("items").EnumerateArray()
                .Select(i => $"{i.GetProperty("definitionId").GetString()} v{i.GetProperty("version").GetInt32()}")];

        (await Rows("versionOptions=&DefinitionIds=policy&DefinitionIds=it&OrderBy=Version&OrderDirection=Descending"))
            .ShouldBe(["policy v2", "it v1", "policy v1"]);
        (await Rows("versionOptions=AllVersions&Page=0&PageSize=10&DefinitionIds=policy&OrderBy=Version&OrderDirection=Descending"))
            .ShouldBe(["policy v2", "policy v1"]);
        (await Rows("versionOptions=LatestOrPublished&DefinitionIds=policy")).Count.ShouldBe(2);
        (await Rows("versionOptions=Draft")).ShouldBe(["policy v2"]);
        (await Rows("versionOptions=2")).ShouldBe(["policy v2"]);
        (await Rows("versionOptions=LatestAndPublished&SearchTerm=POL")).ShouldBeEmpty();
        (await Rows("versionOptions=Published&SearchTerm=pol")).ShouldBe(["policy v1"]);
        (await Rows("versionOptions=Latest&IsSystem=True")).ShouldBeEmpty();

        var v1 = (await owner.ElsaGetAsync("/workflow-definitions/by-definition-id/policy?versionOptions=1")).GetProperty("id").GetString();
        (await Rows($"versionOptions=&Ids={v1}")).ShouldBe(["policy v1"]);

        var page = await owner.ElsaGetAsync("/workflow-definitions?versionOptions=Latest&Page=1&PageSize=4&OrderBy=Created&OrderDirection=Ascending");
        page.GetProperty("totalCount").GetInt64().ShouldBe(6);
        page.GetProperty("items").GetArrayLength().ShouldBe(2);

        var refused = await owner.GetAsync(ElsaWireClient.Api + "/workflow-definitions?OrderBy=Size&versionOptions=Newest");
        (await refused.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["OrderBy", "versionOptions"]);
    }

    [Fact]
    public async Task A_definition_comes_with_links_and_every_collection_by_definition_id_and_by_version_id()
    {
        var owner = await _factory.SignedInAsync("xt.owner");

        var model = await owner.ElsaGetAsync("/workflow-definitions/by-definition-id/policy?versionOptions=Latest");
        var same = await owner.ElsaGetAsync("/workflow-definitions/policy");
        var byId = await owner.ElsaGetAsync($"/workflow-definitions/by-id/{model.GetProperty("id").GetString()}");

        model.GetProperty("definitionId").GetString().ShouldBe("policy");
        model.GetProperty("isLatest").GetBoolean().ShouldBeTrue();
        model.Rels().ShouldContain("publish");
        foreach (var name in new[] { "variables", "inputs", "outputs", "outcomes" })
        {
            model.GetProperty(name).ValueKind.ShouldBe(JsonValueKind.Array);
        }

        model.GetProperty("customProperties").ValueKind.ShouldBe(JsonValueKind.Object);
        model.GetProperty("root").GetProperty("type").GetString().ShouldBe("Elsa.Flowchart");
        model.TryGetProperty("$schema", out _).ShouldBeFalse();
        model.TryGetProperty("Id", out _).ShouldBeFalse();
        same.GetRawText().ShouldBe(model.GetRawText());
        byId.GetRawText().ShouldBe(model.GetRawText());
        await owner.ElsaGetAsync("/workflow-definitions/by-definition-id/no-such-flow", HttpStatusCode.NotFound);
        await owner.ElsaGetAsync("/workflow-definitions/by-id/no-such-version", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Auto_save_makes_exactly_one_draft_of_a_published_version_and_then_updates_it_in_place()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var v1 = await ModelAsync(owner, "policy");

        var edited = v1.DeepClone().AsObject();
        edited["description"] = "第一次修改";
        var first = await SaveAsync(owner, edited, publish: false);

        first.GetProperty("alreadyPublished").GetBoolean().ShouldBeFalse();
        first.GetProperty("consumingWorkflowCount").GetInt32().ShouldBe(0);
        first.GetProperty("validationErrors").GetArrayLength().ShouldBe(0);
        var draft = first.GetProperty("workflowDefinition");
        draft.GetProperty("version").GetInt32().ShouldBe(2);
        draft.GetProperty("id").GetString().ShouldNotBe(v1["id"]!.GetValue<string>());
        draft.GetProperty("isLatest").GetBoolean().ShouldBeTrue();
        draft.GetProperty("isPublished").GetBoolean().ShouldBeFalse();
        draft.Rels().ShouldContain("publish");

        // The next auto-saves send the draft back; what the client claims about versioning is not trusted.
        var again = draft.ToNode();
        again["description"] = "第二次修改";
        again["version"] = 7;
        again["isPublished"] = true;
        again["links"] = null;
        var second = (await SaveAsync(owner, again, publish: false)).GetProperty("workflowDefinition");
        var third = (await SaveAsync(owner, second.ToNode(), publish: false)).GetProperty("workflowDefinition");

        third.GetProperty("id").GetString().ShouldBe(draft.GetProperty("id").GetString());
        third.GetProperty("version").GetInt32().ShouldBe(2);
        third.GetProperty("isPublished").GetBoolean().ShouldBeFalse();
        third.GetProperty("description").GetString().ShouldBe("第二次修改");
        var versions = await owner.ElsaGetAsync("/workflow-definitions?versionOptions=AllVersions&Page=0&PageSize=10&DefinitionIds=policy&OrderBy=Version&OrderDirection=Descending");
        versions.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("version").GetInt32(), i.GetProperty("isLatest").GetBoolean(), i.GetProperty("isPublished").GetBoolean()))
            .ShouldBe([(2, true, false), (1, false, true)]);
        (await ModelAsync(owner, "policy", "Published"))["description"]!.GetValue<string>().ShouldNotBe("第二次修改");
    }

    /// <summary>On SQLite writers queue anyway; on PostgreSQL both saves would read "latest is published" without the write gate.</summary>
    [Fact]
    public Task Two_auto_saves_racing_on_a_published_version_make_one_draft_on_SQLite() => TwoRacingSavesAsync(_factory);

    [PostgresFact]
    public async Task Two_auto_saves_racing_on_a_published_version_make_one_draft_on_PostgreSql()
    {
        await using var database = await TestDatabase.CreateAsync(Bpm.Persistence.DatabaseProvider.PostgreSql);
        using var factory = new BpmServerFactory(
            new Dictionary<string, string?> { ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = database.Options.ConnectionString });
        await TwoRacingSavesAsync(factory);
    }

    private static async Task TwoRacingSavesAsync(BpmServerFactory factory)
    {
        var owner = await factory.SignedInAsync("xt.owner");
        var v1 = await ModelAsync(owner, "policy");
        var left = v1.DeepClone().AsObject();
        left["description"] = "左";
        var right = v1.DeepClone().AsObject();
        right["description"] = "右";

        var saves = await Task.WhenAll(SaveAsync(owner, left, publish: false), SaveAsync(owner, right, publish: false));

        saves.Select(s => s.GetProperty("workflowDefinition").GetProperty("id").GetString()).Distinct().ShouldHaveSingleItem();
        saves.ShouldAllBe(s => s.GetProperty("workflowDefinition").GetProperty("version").GetInt32() == 2);
        (await owner.ElsaGetAsync("/workflow-definitions?versionOptions=AllVersions&DefinitionIds=policy")).GetProperty("totalCount").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task Publishing_moves_new_requests_to_the_new_version_while_an_earlier_instance_stays_on_its_own()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var owner = await _factory.SignedInAsync("xt.owner");
        var earlier = await hall.RegisterAsync(ApiClient.Registration("POLICY"));
        var v1 = await ModelAsync(owner, "policy");

        var edited = v1.DeepClone().AsObject();
        edited["description"] = "修改后发布";
        var saved = await SaveAsync(owner, edited, publish: true);
        var later = await hall.RegisterAsync(ApiClient.Registration("POLICY"));

        var published = saved.GetProperty("workflowDefinition");
        published.GetProperty("version").GetInt32().ShouldBe(2);
        published.GetProperty("isPublished").GetBoolean().ShouldBeTrue();
        published.GetProperty("isLatest").GetBoolean().ShouldBeTrue();
        later.WorkflowDefinitionVersion.ShouldBe(2);
        var earlierNow = await new WorkflowDriver(_factory).RequestAsync(earlier.Id);
        earlierNow.WorkflowDefinitionVersion.ShouldBe(1);
        (await owner.ElsaGetAsync($"/workflow-definitions/by-id/{v1["id"]}")).GetProperty("isPublished").GetBoolean().ShouldBeFalse();

        // v1 still runs the earlier request: it is kept.
        var refused = await owner.ElsaDeleteAsync($"/workflow-definition-versions/{v1["id"]}");
        var problem = await refused.ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorMessages().ShouldHaveSingleItem().ShouldContain("1 workflow instances run on it");
        (await owner.ElsaGetAsync($"/workflow-definitions/by-id/{v1["id"]}")).GetProperty("version").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task Create_from_the_list_dialog_tolerates_every_null_and_the_server_makes_the_ids()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        (await owner.ElsaGetAsync("/workflow-definitions/validation/is-name-unique?name=Workflow%201")).GetProperty("isUnique").GetBoolean().ShouldBeTrue();

        var created = (await SaveAsync(owner, StudioCreateModel("Workflow 1"), publish: null)).GetProperty("workflowDefinition");

        var definitionId = created.GetProperty("definitionId").GetString();
        definitionId.ShouldNotBeNullOrWhiteSpace();
        created.GetProperty("id").GetString().ShouldNotBeNullOrWhiteSpace();
        created.GetProperty("version").GetInt32().ShouldBe(1);
        created.GetProperty("isLatest").GetBoolean().ShouldBeTrue();
        created.GetProperty("isPublished").GetBoolean().ShouldBeFalse();
        created.GetProperty("variables").GetArrayLength().ShouldBe(0);
        created.GetProperty("options").ValueKind.ShouldBe(JsonValueKind.Object);
        var root = created.GetProperty("root");
        root.GetProperty("nodeId").GetString().ShouldBe("Workflow1:37397cd3a5ba7db4");
        root.GetProperty("activities").GetArrayLength().ShouldBe(0);
        root.GetProperty("connections").GetArrayLength().ShouldBe(0);
        (await owner.ElsaGetAsync("/workflow-definitions/validation/is-name-unique?name=Workflow%201")).GetProperty("isUnique").GetBoolean().ShouldBeFalse();
        (await owner.ElsaGetAsync($"/workflow-definitions/validation/is-name-unique?name=workflow%201&definitionId={definitionId}")).GetProperty("isUnique").GetBoolean().ShouldBeTrue();
        (await owner.ElsaGetAsync($"/workflow-definitions/by-definition-id/{definitionId}")).GetProperty("name").GetString().ShouldBe("Workflow 1");
    }

    [Fact]
    public async Task Ids_that_would_break_routes_or_columns_are_refused_by_field()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var model = SmallFlow("policy/v2", ("start1", "Elsa.Start"));
        model["id"] = new string('a', 65);
        model["name"] = new string('名', 257);

        var response = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions", System.Net.Http.Json.JsonContent.Create(ElsaWireClient.SaveBody(model, publish: false)));
        var notAModel = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions", System.Net.Http.Json.JsonContent.Create(new JsonObject { ["model"] = null, ["publish"] = false }));

        (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["definitionId", "id", "name"]);
        (await notAModel.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["model"]);
        (await owner.ElsaGetAsync("/workflow-definitions?versionOptions=Latest")).GetProperty("totalCount").GetInt64().ShouldBe(6);
    }

    [Fact]
    public async Task Publishing_an_invalid_definition_is_a_400_naming_the_activity_and_changes_nothing()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var draft = (await SaveAsync(owner, SmallFlow("pilot", ("start1", "Elsa.Start"), ("mystery1", "Bpm.NoSuchActivity")), publish: false))
            .GetProperty("workflowDefinition").ToNode();
        draft["description"] = "不应保存";

        var response = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions", System.Net.Http.Json.JsonContent.Create(ElsaWireClient.SaveBody(draft, publish: true)));
        var viaRoute = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions/pilot/publish", System.Net.Http.Json.JsonContent.Create(new JsonObject()));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["mystery1"]);
        problem.ErrorMessages().ShouldHaveSingleItem().ShouldContain("Bpm.NoSuchActivity");
        (await viaRoute.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["mystery1"]);
        var stored = await ModelAsync(owner, "pilot");
        stored["isPublished"]!.GetValue<bool>().ShouldBeFalse();
        stored["description"].ShouldBeNull();
    }

    [Fact]
    public async Task Publish_retract_revert_and_delete_follow_Elsas_versioning()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        await SaveAsync(owner, SmallFlow("pilot", ("start1", "Elsa.Start"), ("end1", "Elsa.End")), publish: false);

        var published = await owner.ElsaPostAsync("/workflow-definitions/pilot/publish", new JsonObject());
        var again = await owner.ElsaPostAsync("/workflow-definitions/pilot/publish", new JsonObject());
        var retracted = await owner.ElsaPostAsync("/workflow-definitions/pilot/retract", new JsonObject());
        var notPublished = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions/pilot/retract", System.Net.Http.Json.JsonContent.Create(new JsonObject()));
        var reverted = await owner.ElsaPostAsync("/workflow-definitions/pilot/revert/1", null);

        published.GetProperty("alreadyPublished").GetBoolean().ShouldBeFalse();
        published.GetProperty("workflowDefinition").GetProperty("isPublished").GetBoolean().ShouldBeTrue();
        again.GetProperty("alreadyPublished").GetBoolean().ShouldBeTrue();
        retracted.GetProperty("isPublished").GetBoolean().ShouldBeFalse();
        retracted.GetProperty("isLatest").GetBoolean().ShouldBeTrue();
        (await notPublished.ProblemAsync(HttpStatusCode.BadRequest)).ErrorMessages().ShouldHaveSingleItem().ShouldContain("not published");
        reverted.GetProperty("version").GetInt32().ShouldBe(2);
        reverted.GetProperty("isLatest").GetBoolean().ShouldBeTrue();
        reverted.Rels().ShouldContain("publish");

        // Deleting the latest version makes the highest remaining one latest again.
        (await owner.ElsaDeleteAsync($"/workflow-definition-versions/{reverted.GetProperty("id").GetString()}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await ModelAsync(owner, "pilot"))["version"]!.GetValue<int>().ShouldBe(1);
        (await owner.ElsaGetAsync("/workflow-definitions/pilot/consumers")).GetProperty("consumingWorkflowDefinitionIds").GetArrayLength().ShouldBe(0);

        (await owner.ElsaDeleteAsync("/workflow-definitions/pilot")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        await owner.ElsaGetAsync("/workflow-definitions/by-definition-id/pilot", HttpStatusCode.NotFound);
        (await owner.ElsaDeleteAsync("/workflow-definitions/pilot")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await owner.ElsaDeleteAsync("/workflow-definition-versions/no-such-version")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_six_request_workflows_cannot_be_deleted_or_left_without_a_published_version()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var policy = await ModelAsync(owner, "policy");

        var retract = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions/policy/retract", System.Net.Http.Json.JsonContent.Create(new JsonObject()));
        var delete = await owner.ElsaDeleteAsync("/workflow-definitions/policy");
        var deletePublished = await owner.ElsaDeleteAsync($"/workflow-definition-versions/{policy["id"]}");
        var bulkDelete = await owner.PostAsync(ElsaWireClient.Api + "/bulk-actions/delete/workflow-definitions/by-definition-id",
            System.Net.Http.Json.JsonContent.Create(new JsonObject { ["definitionIds"] = new JsonArray("policy", "it") }));
        var bulkRetract = await owner.PostAsync(ElsaWireClient.Api + "/bulk-actions/retract/workflow-definitions/by-definition-ids",
            System.Net.Http.Json.JsonContent.Create(new JsonObject { ["definitionIds"] = new JsonArray("service") }));

        (await retract.ProblemAsync(HttpStatusCode.BadRequest)).ErrorMessages().ShouldHaveSingleItem().ShouldContain("request workflow");
        (await delete.ProblemAsync(HttpStatusCode.BadRequest)).ErrorMessages().ShouldHaveSingleItem().ShouldContain("request workflow cannot be deleted");
        (await deletePublished.ProblemAsync(HttpStatusCode.BadRequest)).ErrorMessages().ShouldHaveSingleItem().ShouldContain("published version of a request workflow");
        (await bulkDelete.ProblemAsync(HttpStatusCode.BadRequest)).ErrorMessages().Count.ShouldBe(2);
        await bulkRetract.ProblemAsync(HttpStatusCode.BadRequest);
        var list = await owner.ElsaGetAsync("/workflow-definitions?versionOptions=Published");
        list.GetProperty("totalCount").GetInt64().ShouldBe(6);
    }

    [Fact]
    public async Task Bulk_actions_answer_Elsas_buckets()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        await SaveAsync(owner, SmallFlow("pilot-a", ("start1", "Elsa.Start")), publish: false);
        await SaveAsync(owner, SmallFlow("pilot-b", ("start1", "Elsa.Start")), publish: false);

        var published = await owner.ElsaPostAsync("/bulk-actions/publish/workflow-definitions/by-definition-ids",
            new JsonObject { ["definitionIds"] = new JsonArray("pilot-a", "policy", "ghost") });
        var retracted = await owner.ElsaPostAsync("/bulk-actions/retract/workflow-definitions/by-definition-ids",
            new JsonObject { ["definitionIds"] = new JsonArray("pilot-a", "pilot-b", "ghost") });
        var b = await ModelAsync(owner, "pilot-b");
        var deletedVersions = await owner.ElsaPostAsync("/bulk-actions/delete/workflow-definitions/by-id", new JsonObject { ["ids"] = new JsonArray(b["id"]!.GetValue<string>()) });
        var deleted = await owner.ElsaPostAsync("/bulk-actions/delete/workflow-definitions/by-definition-id", new JsonObject { ["definitionIds"] = new JsonArray("pilot-a", "ghost") });

        published.GetProperty("published").EnumerateArray().Select(e => e.GetString()).ShouldBe(["pilot-a"]);
        published.GetProperty("alreadyPublished").EnumerateArray().Select(e => e.GetString()).ShouldBe(["policy"]);
        published.GetProperty("notFound").EnumerateArray().Select(e => e.GetString()).ShouldBe(["ghost"]);
        published.GetProperty("updatedConsumers").GetArrayLength().ShouldBe(0);
        retracted.GetProperty("retracted").EnumerateArray().Select(e => e.GetString()).ShouldBe(["pilot-a"]);
        retracted.GetProperty("alreadyRetracted").EnumerateArray().Select(e => e.GetString()).ShouldBe(["pilot-b"]);
        retracted.GetProperty("notFound").EnumerateArray().Select(e => e.GetString()).ShouldBe(["ghost"]);
        deletedVersions.GetProperty("deleted").GetInt32().ShouldBe(1);
        deleted.GetProperty("deleted").GetInt32().ShouldBe(1);
        await owner.ElsaGetAsync("/workflow-definitions/by-definition-id/pilot-b", HttpStatusCode.NotFound);
        await owner.ElsaGetAsync("/workflow-definitions/by-definition-id/pilot-a", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_handler_sees_everything_read_only_and_every_write_is_403()
    {
        var handler = await _factory.SignedInAsync("xt.handler");

        var list = await handler.ElsaGetAsync(StudioFirstListCall);
        var model = await handler.ElsaGetAsync("/workflow-definitions/by-definition-id/policy?versionOptions=Latest");

        list.GetProperty("items").GetArrayLength().ShouldBe(6);
        list.Rels().ShouldBeEmpty();
        list.GetProperty("items").EnumerateArray().ShouldAllBe(i => i.Rels().SequenceEqual(new[] { "self" }));
        model.Rels().ShouldNotContain("publish");
        var writes = new (HttpMethod Method, string Path, JsonNode? Body)[]
        {
            (HttpMethod.Post, "/workflow-definitions", ElsaWireClient.SaveBody(model.ToNode(), publish: false)),
            (HttpMethod.Post, "/workflow-definitions", ElsaWireClient.SaveBody(StudioCreateModel("Workflow 9"), publish: null)),
            (HttpMethod.Post, "/workflow-definitions/import", model.ToNode()),
            (HttpMethod.Post, "/workflow-definitions/policy/publish", new JsonObject()),
            (HttpMethod.Post, "/workflow-definitions/policy/retract", new JsonObject()),
            (HttpMethod.Post, "/workflow-definitions/policy/revert/1", null),
            (HttpMethod.Delete, "/workflow-definitions/policy", null),
            (HttpMethod.Delete, $"/workflow-definition-versions/{model.GetProperty("id").GetString()}", null),
            (HttpMethod.Post, "/bulk-actions/publish/workflow-definitions/by-definition-ids", new JsonObject { ["definitionIds"] = new JsonArray("policy") }),
            (HttpMethod.Post, "/bulk-actions/retract/workflow-definitions/by-definition-ids", new JsonObject { ["definitionIds"] = new JsonArray("pilot") }),
            (HttpMethod.Post, "/bulk-actions/delete/workflow-definitions/by-definition-id", new JsonObject { ["definitionIds"] = new JsonArray("policy") }),
            (HttpMethod.Post, "/bulk-actions/delete/workflow-definitions/by-id", new JsonObject { ["ids"] = new JsonArray(model.GetProperty("id").GetString()) }),
        };
        foreach (var (method, path, body) in writes)
        {
            var request = new HttpRequestMessage(method, ElsaWireClient.Api + path) { Content = body is null ? null : System.Net.Http.Json.JsonContent.Create(body) };
            var response = await handler.SendAsync(request);
            (await response.ProblemAsync(HttpStatusCode.Forbidden)).GetProperty("status").GetInt32().ShouldBe(403, $"{method} {path}");
        }

        (await handler.ElsaGetAsync("/workflow-definitions?versionOptions=AllVersions")).GetProperty("totalCount").GetInt64().ShouldBe(6);
    }

    [Fact]
    public async Task Export_is_a_file_download_in_Elsas_export_format()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var model = await ModelAsync(owner, "policy");

        var response = await owner.GetAsync(ElsaWireClient.Api + "/workflow-definitions/policy/export?versionOptions=Latest&includeConsumingWorkflows=False");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var disposition = response.Content.Headers.ContentDisposition!;
        disposition.DispositionType.ShouldBe("attachment");
        (disposition.FileNameStar ?? disposition.FileName!.Trim('"')).ShouldBe($"workflow-definition-政策落实类诉求-policy-{model["id"]}.json");
        var file = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        file.First().Key.ShouldBe("$schema");
        file["$schema"]!.GetValue<string>().ShouldBe("https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json");
        file.ContainsKey("links").ShouldBeFalse();
        model.Remove("links");
        file.Remove("$schema");
        JsonNode.DeepEquals(file, model).ShouldBeTrue();
        (await owner.GetAsync(ElsaWireClient.Api + "/workflow-definitions/policy/export?versionOptions=9")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Run_answers_that_a_request_workflow_cannot_start_without_a_request()
    {
        var owner = await _factory.SignedInAsync("xt.owner");

        var response = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions/policy/execute",
            System.Net.Http.Json.JsonContent.Create(JsonNode.Parse("""{"correlationId":null,"triggerActivityId":null,"versionOptions":"Latest","input":null}""")));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.GetValues("x-elsa-workflow-cannot-start").ShouldBe(["True"]);
        response.Headers.Contains("x-elsa-workflow-instance-id").ShouldBeFalse();
        (await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions/ghost/execute", System.Net.Http.Json.JsonContent.Create(new JsonObject()))).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>The "Create workflow" dialog's body, as captured from Studio (contract §2.2).</summary>
    internal static JsonObject StudioCreateModel(string name) => JsonNode.Parse($$"""
        {"definitionId": null, "id": null, "name": "{{name}}", "description": null, "version": 1, "isLatest": true, "isPublished": false,
         "toolVersion": "3.8.0.0", "variables": null, "inputs": null, "outputs": null, "outcomes": null, "customProperties": null,
         "options": null, "createdAt": "0001-01-01T00:00:00+00:00", "links": null,
         "root": {"id": "37397cd3a5ba7db4", "type": "Elsa.Flowchart", "version": 1, "name": "Flowchart1"} }
        """)!.AsObject();

    /// <summary>A new definition whose activities are connected one after another.</summary>
    internal static JsonObject SmallFlow(string definitionId, params (string Id, string Type)[] activities)
    {
        var nodes = new JsonArray();
        var connections = new JsonArray();
        for (var i = 0; i < activities.Length; i++)
        {
            var (id, type) = activities[i];
            nodes.Add(new JsonObject { ["id"] = id, ["nodeId"] = "Workflow1:flow1:" + id, ["name"] = id, ["type"] = type, ["version"] = 1 });
            if (i > 0)
            {
                connections.Add(new JsonObject
                {
                    ["source"] = new JsonObject { ["activity"] = activities[i - 1].Id, ["port"] = "Done" },
                    ["target"] = new JsonObject { ["activity"] = id, ["port"] = "In" },
                    ["vertices"] = new JsonArray(),
                });
            }
        }

        return new JsonObject
        {
            ["definitionId"] = definitionId, ["name"] = definitionId, ["id"] = null, ["version"] = 1,
            ["root"] = new JsonObject
            {
                ["type"] = "Elsa.Flowchart", ["version"] = 1, ["id"] = "flow1", ["nodeId"] = "Workflow1:flow1", ["activities"] = nodes, ["connections"] = connections,
            },
        };
    }

    internal static async Task<JsonObject> ModelAsync(HttpClient client, string definitionId, string versionOptions = "Latest") =>
        (await client.ElsaGetAsync($"/workflow-definitions/by-definition-id/{definitionId}?versionOptions={versionOptions}")).ToNode();

    internal static Task<JsonElement> SaveAsync(HttpClient client, JsonNode model, bool? publish) =>
        client.ElsaPostAsync("/workflow-definitions", ElsaWireClient.SaveBody(model, publish));

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
