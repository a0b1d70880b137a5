using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Bpm.Server.Tests.Elsa;
using Bpm.Server.Tests.WebUi;

namespace Bpm.Server.Tests.Fuzz;

/// <summary>
/// Inputs the fuzzer (<see cref="BadInputFuzzTests"/>) found answered with a 500, each kept as a named case: the answer is
/// now a 4xx ProblemDetails naming what is wrong (or, on a page, the page itself), and nothing is stored.
/// </summary>
public sealed class BadInputRegressionTests : IDisposable
{
    private readonly BpmServerFactory _factory = new(new Dictionary<string, string?> { ["Intake:Channels:12366:ApiKeys:0"] = "regression-key" });

    [Fact]
    public async Task A_refusal_is_ProblemDetails_even_when_the_client_accepts_only_xml()
    {
        var admin = await _factory.SignedInAsync("xt.admin");
        using var request = new HttpRequestMessage(HttpMethod.Delete, "/api/admin/bureaus/no-such-bureau/sla-policy/Handling");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/xml"));

        var response = await admin.SendAsync(request);

        (await response.ProblemAsync(HttpStatusCode.NotFound)).GetProperty("status").GetInt32().ShouldBe(404);
    }

    [Fact]
    public async Task A_body_in_an_unknown_charset_is_415_and_registers_nothing()
    {
        var handler = await _factory.SignedInAsync("xt.handler");
        var content = new StringContent("{\"text\":\"申请\"}", Encoding.UTF8);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json; charset=klingon");

        var response = await handler.PostAsync("/api/requests", content);

        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
        (await handler.ListAsync()).TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_member_sent_twice_is_a_400_on_the_api_and_on_the_intake_route()
    {
        var handler = await _factory.SignedInAsync("xt.handler");
        var body = ApiClient.Registration("OTHER");
        var json = System.Text.Json.JsonSerializer.Serialize(body, ApiClient.Json).TrimEnd('}') + ",\"channel\":\"Website\"}";
        var intake = _factory.CreateClient();
        using var intakeRequest = new HttpRequestMessage(HttpMethod.Post, "/api/intake/12366")
        {
            Content = new StringContent("{\"nsrmc\":\"甲公司\",\"nsrmc\":\"乙公司\",\"A\":[],\"a\":1}", Encoding.UTF8, "application/json"),
        };
        intakeRequest.Headers.Add("X-Api-Key", "regression-key");
        intakeRequest.Headers.Add("Idempotency-Key", "12366-20260302-000001");

        var api = await handler.PostAsync("/api/requests", new StringContent(json, Encoding.UTF8, "application/json"));
        var channel = await intake.SendAsync(intakeRequest);

        (await api.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["channel"]);
        (await channel.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["body"]);
        (await handler.ListAsync()).TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_null_role_name_is_a_400_naming_roles()
    {
        var admin = await _factory.SignedInAsync("xt.admin");
        var body = new JsonObject
        {
            ["userName"] = "xt.new", ["displayName"] = "新用户", ["unitId"] = null, ["roles"] = new JsonArray((JsonNode?)null), ["password"] = "Bpm@2026demo!x",
        };

        var response = await admin.PostAsync("/api/admin/bureaus/xiantao/users", new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

        (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["roles"]);
    }

    [Theory]
    [InlineData("type", "5")]
    [InlineData("type", "{}")]
    [InlineData("id", "[]")]
    [InlineData("id", "true")]
    public async Task A_workflow_root_whose_id_or_type_is_not_text_is_a_400(string member, string value)
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var model = HostileWorkflows.Flowchart([HostileWorkflows.Start("s")], []);
        model["definitionId"] = "pilot";
        model["root"]![member] = JsonNode.Parse(value);

        var response = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions",
            new StringContent(ElsaWireClient.SaveBody(model, publish: false).ToJsonString(), Encoding.UTF8, "application/json"));

        (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe([$"model.root.{member}"]);
        (await owner.GetAsync(ElsaWireClient.Api + "/workflow-definitions/by-definition-id/pilot")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_definition_file_with_a_member_twice_is_a_400_and_imports_nothing()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var file = "{\"definitionId\":\"pilot\",\"root\":{\"type\":\"Elsa.Flowchart\",\"id\":\"f\",\"id\":\"g\"}}";

        var response = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions/import", new StringContent(file, Encoding.UTF8, "application/json"));

        (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["body"]);
        (await owner.GetAsync(ElsaWireClient.Api + "/workflow-definitions/by-definition-id/pilot")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_unknown_openapi_document_is_a_404_ProblemDetails()
    {
        var client = _factory.CreateClient();

        var known = await client.GetAsync("/openapi/v1.json");
        var unknown = await client.GetAsync("/openapi/%3Cscript%3E.json");

        known.StatusCode.ShouldBe(HttpStatusCode.OK);
        await unknown.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_multipart_form_without_boundary_is_a_400_not_a_500()
    {
        var web = await _factory.WebSignedInAsync("xt.handler");
        var content = new ByteArrayContent("{}"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");

        var response = await web.PostAsync("/account/logout", content);

        ((int)response.StatusCode).ShouldBe(400);
    }

    [Fact]
    public async Task A_zip_upload_that_is_not_a_zip_is_a_400_and_imports_nothing()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var form = new MultipartFormDataContent { { new ByteArrayContent("not a zip"u8.ToArray()), "files", "definitions.zip" } };

        var response = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions/import-files", form);

        await response.ProblemAsync(HttpStatusCode.BadRequest);
        (await owner.ElsaGetAsync("/workflow-definitions?versionOptions=Latest")).GetProperty("totalCount").GetInt64().ShouldBe(6);
    }

    [Theory]
    [InlineData("/admin/bureaus/xiantao/calendar?year=abc")]
    [InlineData("/admin/bureaus/xiantao/calendar?year=2147483648")]
    [InlineData("/admin/bureaus/xiantao/calendar?done=notice&noticeYear=%3Cscript%3E&moved=-1&examined=1e309")]
    [InlineData("/admin/bureaus/xiantao/sla?done=saved&moved=99999999999&examined=NaN")]
    [InlineData("/admin/bureaus/xiantao?edit=not-a-guid")]
    [InlineData("/requests/5d1e0a56-0c1f-4f6e-9a39-3f0c3b8e9a11?answer=-1", HttpStatusCode.NotFound)]
    public async Task Pages_show_themselves_when_a_query_value_does_not_parse(string path, HttpStatusCode status = HttpStatusCode.OK)
    {
        var user = await _factory.WebSignedInAsync(path.StartsWith("/admin", StringComparison.Ordinal) ? "xt.admin" : "xt.handler");

        var html = await user.PageAsync(path, status);

        html.ShouldNotBeEmpty();
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
