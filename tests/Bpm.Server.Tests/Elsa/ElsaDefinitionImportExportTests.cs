using System.Net;
using System.Text.Json.Nodes;
using Bpm.Testing;

namespace Bpm.Server.Tests.Elsa;

/// <summary>
/// A definition file exported by Elsa 3 imports through <c>POST /workflow-definitions/import</c> and exports back
/// equivalent through <c>/export</c>: everything it says (unknown properties included) comes back, except what the
/// importing server owns, as in Elsa's importer: <c>version</c>, <c>createdAt</c>, <c>isLatest</c>, <c>isPublished</c>
/// (an import is a draft).
/// </summary>
public sealed class ElsaDefinitionImportExportTests : IDisposable
{
    private static readonly string[] ServerOwned = ["version", "createdAt", "isLatest", "isPublished"];

    private readonly BpmServerFactory _factory = new();

    [Fact]
    public async Task An_Elsa_3_export_imports_and_exports_back_equivalent()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Elsa", "Data", "elsa3-export-refund-review.json")))!.AsObject();

        var imported = await owner.ElsaPostAsync("/workflow-definitions/import", file, HttpStatusCode.Created);
        var exported = await ExportAsync(owner, "refund-review-7d1f");

        imported.GetProperty("id").GetString().ShouldBe("a41c7e90d2b35f18");
        imported.GetProperty("version").GetInt32().ShouldBe(1);
        imported.GetProperty("isPublished").GetBoolean().ShouldBeFalse();
        imported.Rels().ShouldContain("publish");
        Differences(file, exported).ShouldBeEmpty();
        Differences(exported, file).ShouldBeEmpty();

        // Importing it again updates the draft in place: same version id, still one version.
        var again = await owner.ElsaPostAsync("/workflow-definitions/import", file, HttpStatusCode.OK);
        again.GetProperty("id").GetString().ShouldBe("a41c7e90d2b35f18");
        (await owner.ElsaGetAsync("/workflow-definitions?versionOptions=&DefinitionIds=refund-review-7d1f")).GetProperty("totalCount").GetInt64().ShouldBe(1);
    }

    [Fact]
    public async Task An_import_whose_version_id_belongs_to_another_definition_gets_a_fresh_one()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var policy = await ElsaDefinitionContractTests.ModelAsync(owner, "policy");
        var file = JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Elsa", "Data", "elsa3-export-refund-review.json")))!.AsObject();
        file["id"] = policy["id"]!.GetValue<string>();

        var imported = await owner.ElsaPostAsync("/workflow-definitions/import", file, HttpStatusCode.Created);

        imported.GetProperty("id").GetString().ShouldNotBe(policy["id"]!.GetValue<string>());
        (await ElsaDefinitionContractTests.ModelAsync(owner, "policy"))["definitionId"]!.GetValue<string>().ShouldBe("policy");
    }

    [Fact]
    public async Task A_body_that_is_not_a_definition_is_a_400_naming_the_body()
    {
        var owner = await _factory.SignedInAsync("xt.owner");

        var response = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions/import",
            System.Net.Http.Json.JsonContent.Create(JsonNode.Parse("""{"definitionId": "x", "variables": "not a list"}""")));

        (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["body"]);
        await owner.ElsaGetAsync("/workflow-definitions/by-definition-id/x", HttpStatusCode.NotFound);
    }

    /// <summary>
    /// Every Elsa test workflow in ELSA_FIXTURES_DIR imports, and its export still says everything the file said. Files
    /// that are a later version of a definition imported before (Elsa's "v2" fixtures) update its draft, which keeps its
    /// version id, as in Elsa's importer; a null says nothing, so it may come back omitted (Elsa's writer omits nulls).
    /// </summary>
    [ElsaFixturesFact]
    public async Task Elsas_own_test_workflows_import_and_export_back_with_everything_they_said()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var problems = new List<string>();
        var count = 0;
        foreach (var path in Directory.EnumerateFiles(Environment.GetEnvironmentVariable(ElsaFixturesFactAttribute.Variable)!, "*.json", SearchOption.AllDirectories).Order())
        {
            var text = File.ReadAllText(path);
            if (!text.Contains("\"root\"", StringComparison.Ordinal))
            {
                continue;
            }

            var file = JsonNode.Parse(text)!.AsObject();
            var response = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions/import", System.Net.Http.Json.JsonContent.Create(file));
            if (!response.IsSuccessStatusCode)
            {
                problems.Add($"{path}: import {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                continue;
            }

            var definitionId = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["definitionId"]!.GetValue<string>();
            if (response.StatusCode == HttpStatusCode.OK)
            {
                file.Remove("id");
            }

            problems.AddRange(Differences(file, await ExportAsync(owner, definitionId)).Select(d => $"{path}: {d}"));
            count++;
        }

        problems.ShouldBeEmpty();
        count.ShouldBeGreaterThan(0);
    }

    private static async Task<JsonObject> ExportAsync(HttpClient client, string definitionId)
    {
        var response = await client.GetAsync(ElsaWireClient.Api + $"/workflow-definitions/{Uri.EscapeDataString(definitionId)}/export?versionOptions=Latest&includeConsumingWorkflows=False");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    /// <summary>What <paramref name="expected"/> says that <paramref name="actual"/> does not (server-owned top-level fields aside), by JSON path.</summary>
    private static List<string> Differences(JsonObject expected, JsonObject actual)
    {
        var differences = new List<string>();
        foreach (var (name, value) in expected.Where(p => !ServerOwned.Contains(p.Key)))
        {
            Compare(value, actual.TryGetPropertyValue(name, out var found) ? found : null, actual.ContainsKey(name), "$." + name, differences);
        }

        return differences;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, bool present, string path, List<string> differences)
    {
        if (!present && expected is not null)
        {
            differences.Add($"{path} is missing");
            return;
        }

        switch (expected, actual)
        {
            case (JsonObject e, JsonObject a):
                foreach (var (name, value) in e)
                {
                    Compare(value, a.TryGetPropertyValue(name, out var found) ? found : null, a.ContainsKey(name), $"{path}.{name}", differences);
                }

                break;
            case (JsonArray e, JsonArray a) when e.Count == a.Count:
                for (var i = 0; i < e.Count; i++)
                {
                    Compare(e[i], a[i], present: true, $"{path}[{i}]", differences);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(expected, actual) && !SameInstant(expected, actual))
                {
                    differences.Add($"{path}: expected {expected?.ToJsonString() ?? "null"}, got {actual?.ToJsonString() ?? "null"}");
                }

                break;
        }
    }

    /// <summary>"2024-12-04T16:49:20.593932+00:00" and "2024-12-04T16:49:20.593932Z" are the same instant.</summary>
    private static bool SameInstant(JsonNode? expected, JsonNode? actual) =>
        expected is JsonValue e && actual is JsonValue a && e.TryGetValue<string>(out var x) && a.TryGetValue<string>(out var y)
        && DateTimeOffset.TryParse(x, out var first) && DateTimeOffset.TryParse(y, out var second) && first == second && x.Contains('T') && y.Contains('T');

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}

/// <summary>The list's bulk export (a zip of export files) and its Import button (multipart .json/.zip files).</summary>
public sealed class ElsaDefinitionFileUploadTests : IDisposable
{
    private readonly BpmServerFactory _factory = new();

    [Fact]
    public async Task A_bulk_export_zip_imports_back_through_the_import_button()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var pilot = (await ElsaDefinitionContractTests.SaveAsync(owner, ElsaDefinitionContractTests.SmallFlow("pilot", ("start1", "Elsa.Start")), publish: false))
            .GetProperty("workflowDefinition");
        var policy = await ElsaDefinitionContractTests.ModelAsync(owner, "policy");

        var export = await owner.PostAsync(ElsaWireClient.Api + "/bulk-actions/export/workflow-definitions", System.Net.Http.Json.JsonContent.Create(
            new JsonObject { ["ids"] = new JsonArray(pilot.GetProperty("id").GetString(), policy["id"]!.GetValue<string>()), ["includeConsumingWorkflows"] = false }));

        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        export.Content.Headers.ContentDisposition!.FileName!.Trim('"').ShouldBe("workflow-definitions.zip");
        var zip = await export.Content.ReadAsByteArrayAsync();
        using (var archive = new System.IO.Compression.ZipArchive(new MemoryStream(zip)))
        {
            archive.Entries.Select(e => e.FullName).ShouldBe([$"workflow-definition-pilot-pilot-{pilot.GetProperty("id").GetString()}.json", $"workflow-definition-政策落实类诉求-policy-{policy["id"]}.json"]);
        }

        (await owner.ElsaDeleteAsync("/workflow-definitions/pilot")).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        using var upload = new MultipartFormDataContent { { new ByteArrayContent(zip), "files", "workflow-definitions.zip" } };
        var imported = await ElsaWireClient.ReadAsync(await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions/import-files", upload), HttpStatusCode.OK);

        imported.GetProperty("count").GetInt32().ShouldBe(2);
        (await ElsaDefinitionContractTests.ModelAsync(owner, "pilot"))["id"]!.GetValue<string>().ShouldBe(pilot.GetProperty("id").GetString());
        // Importing the published policy made a draft over it, exactly as a save does.
        (await ElsaDefinitionContractTests.ModelAsync(owner, "policy"))["version"]!.GetValue<int>().ShouldBe(2);
    }

    [Fact]
    public async Task An_upload_with_a_file_that_is_not_a_definition_imports_nothing_and_names_the_file()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var good = System.Text.Encoding.UTF8.GetBytes(ElsaDefinitionContractTests.SmallFlow("pilot", ("start1", "Elsa.Start")).ToJsonString());
        using var upload = new MultipartFormDataContent
        {
            { new ByteArrayContent(good), "files", "pilot.json" },
            { new ByteArrayContent("not json"u8.ToArray()), "files", "notes.json" },
        };

        var response = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions/import-files", upload);

        (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["notes.json"]);
        await owner.ElsaGetAsync("/workflow-definitions/by-definition-id/pilot", HttpStatusCode.NotFound);
        var handler = await _factory.SignedInAsync("xt.handler");
        using var again = new MultipartFormDataContent { { new ByteArrayContent(good), "files", "pilot.json" } };
        await (await handler.PostAsync(ElsaWireClient.Api + "/workflow-definitions/import-files", again)).ProblemAsync(HttpStatusCode.Forbidden);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
