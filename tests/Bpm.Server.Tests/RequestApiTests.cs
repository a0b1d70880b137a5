using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Bpm.Domain.Requests;
using Bpm.Server.Api;
using Bpm.Testing;

namespace Bpm.Server.Tests;

public sealed class RequestApiTests : IDisposable
{
    private readonly BpmServerFactory _factory = new(time: new ManualTimeProvider(ApiClient.Now));

    [Fact]
    public async Task A_hall_officer_registers_a_request_and_reads_it_back_at_its_Location()
    {
        var hall = await _factory.SignedInAsync("xt.hall");

        var response = await hall.PostAsJsonAsync("/api/requests", ApiClient.Registration("policy",
            ("creditCode", "91350100m000100y43"), ("industry", "制造业"), ("size", "SmallMicro"), ("operatingStatus", "Normal")));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = (await response.Content.ReadFromJsonAsync<RequestDto>(ApiClient.Json))!;
        response.Headers.Location!.ToString().ShouldBe($"/api/requests/{created.Id}");
        created.Number.ShouldBe("XT-2026-000001");
        created.Bureau.Code.ShouldBe("xiantao");
        created.Type.ShouldBe(RequestType.Policy);
        created.CategoryCode.ShouldBe("POLICY");
        created.CategoryName.ShouldBe("政策落实类");
        created.Channel.ShouldBe(Channel.Hotline12366);
        created.Contact.ShouldBe("0728-3312345");
        created.ReceivedAt.ShouldBe(ApiClient.Now.AddHours(-1));
        created.ReceivingUnit!.Code.ShouldBe("nsfwzx");
        created.ReceivingOfficer.ShouldBe("仙桃 办税服务厅");
        created.CreditCode.ShouldBe("91350100M000100Y43");
        created.Industry.ShouldBe("制造业");
        created.Size.ShouldBe(Bpm.Domain.Taxpayers.TaxpayerSize.SmallMicro);
        created.OperatingStatus.ShouldBe(Bpm.Domain.Taxpayers.OperatingStatus.Normal);
        created.Status.ShouldBe(RequestStatus.Registered);
        created.StatusName.ShouldBe("已登记");
        created.RegisteredAt.ShouldBe(ApiClient.Now);
        created.ClosedAt.ShouldBeNull();
        // Written once, together with its workflow, in the registration's one save (IUnitOfWork.InOneWriteAsync).
        created.Version.ShouldBe(1);

        var read = await hall.GetFromJsonAsync<RequestDto>(response.Headers.Location, ApiClient.Json);
        ApiClient.Same(read, created);

        var second = await hall.RegisterAsync(ApiClient.Registration("SERVICE"));
        second.Number.ShouldBe("XT-2026-000002");
        second.Type.ShouldBe(RequestType.Service);
    }

    [Fact]
    public async Task The_wire_format_uses_camel_case_and_enum_names()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var created = await hall.RegisterAsync(ApiClient.Registration("IT"));

        var json = await hall.GetFromJsonAsync<JsonElement>($"/api/requests/{created.Id}");

        json.GetProperty("number").GetString().ShouldBe("XT-2026-000001");
        json.GetProperty("type").GetString().ShouldBe("InformationTechnology");
        json.GetProperty("channel").GetString().ShouldBe("Hotline12366");
        json.GetProperty("status").GetString().ShouldBe("Registered");
        json.GetProperty("statusName").GetString().ShouldBe("已登记");
    }

    [Fact]
    public async Task An_answer_on_the_spot_closes_the_request_at_registration()
    {
        var hall = await _factory.SignedInAsync("xt.hall");

        var created = await hall.RegisterAsync(ApiClient.Registration("POLICY", ("onTheSpotAnswer", "已当场解释留抵退税政策。")));

        created.Status.ShouldBe(RequestStatus.Closed);
        created.StatusName.ShouldBe("已归档");
        created.ClosedAt.ShouldBe(ApiClient.Now);
        created.OnTheSpotAnswer.ShouldBe("已当场解释留抵退税政策。");
    }

    [Fact]
    public async Task Bad_contact_unknown_category_and_future_receipt_are_one_400_and_nothing_is_stored()
    {
        var hall = await _factory.SignedInAsync("xt.hall");

        var response = await hall.PostAsJsonAsync("/api/requests", ApiClient.Registration("NO-SUCH-CATEGORY",
            ("contact", "12345"), ("receivedAt", ApiClient.Now.AddDays(1))));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["categoryCode", "contact", "receivedAt"]);
        problem.GetProperty("errors").GetProperty("categoryCode")[0].GetString()!.ShouldContain("POLICY");
        (await hall.ListAsync()).TotalCount.ShouldBe(0);
        (await hall.RegisterAsync(ApiClient.Registration("POLICY"))).Number.ShouldBe("XT-2026-000001", "a refused registration uses no number");
    }

    [Fact]
    public async Task Missing_required_fields_are_named_together_with_the_other_broken_rules()
    {
        var hall = await _factory.SignedInAsync("xt.hall");

        var response = await hall.PostAsJsonAsync("/api/requests", new { contact = "bad" });

        (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields()
            .ShouldBe(["categoryCode", "channel", "contact", "receivedAt", "taxpayerName", "text"]);
    }

    [Theory]
    [InlineData("\"channel\": \"Fax\"", "channel")]
    [InlineData("\"channel\": 3", "channel")]
    [InlineData("\"size\": \"Huge\"", "size")]
    [InlineData("\"receivedAt\": 5", "receivedAt")]
    [InlineData("\"receivedAt\": \"yesterday\"", "receivedAt")]
    [InlineData("\"receivingUnitId\": \"not-a-guid\"", "receivingUnitId")]
    [InlineData("\"taxpayerName\": {\"a\": 1}", "taxpayerName")]
    public async Task A_value_of_the_wrong_type_or_an_unknown_enum_name_is_a_400_naming_the_field(string member, string field)
    {
        var hall = await _factory.SignedInAsync("xt.hall");

        var response = await hall.PostAsync("/api/requests", new StringContent($"{{\"text\": \"x\", {member}}}", Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe([field]);
        problem.GetRawText().ShouldNotContain("Bpm.Domain", customMessage: "the serializer's message names .NET types; it is not shown");
    }

    [Theory]
    [InlineData("{\"text\": \"x\",")]
    [InlineData("not json")]
    [InlineData("")]
    public async Task Malformed_json_is_a_400_problem(string body)
    {
        var hall = await _factory.SignedInAsync("xt.hall");

        var response = await hall.PostAsync("/api/requests", new StringContent(body, Encoding.UTF8, "application/json"));

        (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("status").GetInt32().ShouldBe(400);
        (await hall.ListAsync()).TotalCount.ShouldBe(0);
    }

    [Fact]
    public async Task A_bureau_outside_the_users_subtree_is_refused_with_403_naming_bureauId()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var ulanqab = await BureauIdAsync(await _factory.SignedInAsync("wlcb.admin"), "ulanqab");

        var response = await hall.PostAsJsonAsync("/api/requests", ApiClient.Registration("ZCYW", ("bureauId", ulanqab)));

        (await response.ProblemAsync(HttpStatusCode.Forbidden)).ErrorFields().ShouldBe(["bureauId"]);
    }

    [Fact]
    public async Task A_city_officer_may_register_for_a_sub_bureau_with_one_of_its_units()
    {
        var admin = await _factory.SignedInAsync("wlcb.admin");
        var jining = (await admin.GetFromJsonAsync<List<BureauNodeDto>>("/api/bureaus", ApiClient.Json))![0].Children.Single();
        var wlcbHandler = await _factory.SignedInAsync("wlcb.handler");

        var created = await wlcbHandler.RegisterAsync(ApiClient.Registration("XTJS",
            ("bureauId", jining.Id), ("receivingUnitId", jining.Units.Single(u => u.Code == "bsfwt").Id)));

        created.Number.ShouldBe("JN-2026-000001");
        created.Type.ShouldBe(RequestType.InformationTechnology);
        created.CategoryName.ShouldBe("系统技术类");
        created.ReceivingUnit!.Name.ShouldBe("办税服务厅");

        // The handler's own unit (Ulanqab's 征收管理科) is not a unit of 集宁区.
        var response = await wlcbHandler.PostAsJsonAsync("/api/requests", ApiClient.Registration("XTJS", ("bureauId", jining.Id)));
        (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["receivingUnitId"]);
    }

    [Fact]
    public async Task An_unknown_id_is_a_404_problem()
    {
        var hall = await _factory.SignedInAsync("xt.hall");

        await (await hall.GetAsync($"/api/requests/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_list_filters_and_pages_newest_receipt_first()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        for (var i = 0; i < 5; i++)
        {
            await hall.RegisterAsync(ApiClient.Registration("POLICY", ("receivedAt", ApiClient.Now.AddDays(-i)), ("channel", "ServiceHall")));
        }

        await hall.RegisterAsync(ApiClient.Registration("SERVICE", ("receivedAt", ApiClient.Now.AddDays(-10))));
        await hall.RegisterAsync(ApiClient.Registration("SERVICE", ("receivedAt", ApiClient.Now.AddDays(-11)), ("onTheSpotAnswer", "已答复")));

        var all = await hall.ListAsync();
        all.TotalCount.ShouldBe(7);
        all.Items.Select(r => r.ReceivedAt).ShouldBeInOrder(SortDirection.Descending);

        var page2 = await hall.ListAsync("?type=Policy&page=2&pageSize=2");
        page2.TotalCount.ShouldBe(5);
        page2.Page.ShouldBe(2);
        page2.PageSize.ShouldBe(2);
        page2.Items.Select(r => r.ReceivedAt).ShouldBe([ApiClient.Now.AddDays(-2), ApiClient.Now.AddDays(-3)]);

        (await hall.ListAsync("?status=closed")).Items.Single().OnTheSpotAnswer.ShouldBe("已答复");
        (await hall.ListAsync("?category=SERVICE")).TotalCount.ShouldBe(2);
        (await hall.ListAsync("?channel=ServiceHall")).TotalCount.ShouldBe(5);
        (await hall.ListAsync("?channel=Hotline12366&status=Registered")).TotalCount.ShouldBe(1);
        (await hall.ListAsync("?creditCode=91350100M000100Y43")).TotalCount.ShouldBe(0);
        var from = Uri.EscapeDataString(ApiClient.Now.AddDays(-3).AddMinutes(-1).ToString("O"));
        var before = Uri.EscapeDataString(ApiClient.Now.AddDays(-1).ToString("O"));
        (await hall.ListAsync($"?receivedFrom={from}&receivedBefore={before}")).TotalCount.ShouldBe(2);
    }

    [Fact]
    public async Task Bad_query_values_are_one_400_naming_each_parameter()
    {
        var hall = await _factory.SignedInAsync("xt.hall");

        var response = await hall.GetAsync("/api/requests?status=Lost&type=3&channel=Fax&receivedFrom=yesterday&page=0&pageSize=1000");

        (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields()
            .ShouldBe(["channel", "page", "pageSize", "receivedFrom", "status", "type"]);
    }

    internal static async Task<Guid> BureauIdAsync(HttpClient client, string code)
    {
        var roots = (await client.GetFromJsonAsync<List<BureauNodeDto>>("/api/bureaus", ApiClient.Json))!;
        return Flatten(roots).Single(b => b.Code == code).Id;

        static IEnumerable<BureauNodeDto> Flatten(IEnumerable<BureauNodeDto> nodes) => nodes.SelectMany(n => Flatten(n.Children).Prepend(n));
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
