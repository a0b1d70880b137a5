using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Bpm.Server.Api;
using Bpm.Testing;
using Shouldly;
using Xunit;

namespace Bpm.Server.Tests.WebUi.Inbox;

/// <summary>
/// The inbox page at Xiantao, clock at Mon 2026-03-02 10:00 Shanghai (a request registered Fri 02-27 is due before one of Monday): a request registered by the hall (受理登记, due in the
/// hall's unit) shows in xt.hall's inbox in Chinese, least time left first, filtered and searched in SQL like GET /api/tasks.
/// </summary>
public sealed partial class InboxPageTests : IDisposable
{
    private readonly ManualTimeProvider _time = new(ApiClient.Now);
    private readonly BpmServerFactory _factory;

    public InboxPageTests() => _factory = new BpmServerFactory(time: _time);

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }

    [Fact]
    public async Task A_new_request_shows_in_the_receiving_units_inbox_in_Chinese_and_nowhere_else()
    {
        var created = await RegisterAsync(ApiClient.Registration("POLICY", ("creditCode", "91350100M000100Y43")));
        var hall = await _factory.WebSignedInAsync("xt.hall");

        var html = await hall.PageAsync("/inbox");

        html.ShouldContain("<h1>我的待办</h1>");
        var row = Rows(html).ShouldHaveSingleItem();
        row.ShouldContain(created.Number);
        row.ShouldContain("仙桃*******公司");
        row.ShouldContain("政策落实类");
        row.ShouldContain("受理登记");
        row.ShouldContain("未认领");
        row.ShouldContain("正常");
        row.ShouldMatch(@"2026-03-\d\d \d\d:\d\d");
        html.ShouldContain($"href=\"/requests/{created.Id}\"");

        Rows(await (await _factory.WebSignedInAsync("xt.handler")).PageAsync("/inbox")).ShouldBeEmpty();
        var ulanqab = await (await _factory.WebSignedInAsync("wlcb.dispatcher")).PageAsync("/inbox");
        Rows(ulanqab).ShouldBeEmpty();
        ulanqab.ShouldNotContain(created.Number);
    }

    [Fact]
    public async Task The_least_working_time_left_comes_first()
    {
        var later = await RegisterAsync(ApiClient.Registration("POLICY"));
        _time.SetUtcNow(ApiClient.Now.AddDays(-3));
        var earlier = await RegisterAsync(ApiClient.Registration("POLICY", ("receivedAt", ApiClient.Now.AddDays(-3).AddHours(-1))));
        _time.SetUtcNow(ApiClient.Now);

        var rows = Rows(await (await _factory.WebSignedInAsync("xt.hall")).PageAsync("/inbox"));

        rows.Count.ShouldBe(2);
        rows[0].ShouldContain(earlier.Number);
        rows[1].ShouldContain(later.Number);
        string.CompareOrdinal(Due(rows[0]), Due(rows[1])).ShouldBeLessThan(0, "the earlier due instant first");
    }

    [Fact]
    public async Task Filters_and_search_narrow_the_list_and_a_bad_value_is_named_in_Chinese()
    {
        var policy = await RegisterAsync(ApiClient.Registration("POLICY", ("taxpayerName", "仙桃市恒达纺织有限公司"), ("creditCode", "91350100M000100Y43")));
        var it = await RegisterAsync(ApiClient.Registration("IT", ("taxpayerName", "仙桃市云帆软件有限公司"), ("channel", "ServiceHall")));
        var hall = await _factory.WebSignedInAsync("xt.hall");
        async Task<string> Numbers(string query) => string.Join(",", Rows(await hall.PageAsync("/inbox" + query)).Select(r => r.Contains(policy.Number) ? "policy" : "it").Order(StringComparer.Ordinal));

        (await Numbers("")).ShouldBe("it,policy");
        (await Numbers("?type=InformationTechnology")).ShouldBe("it");
        (await Numbers("?channel=Hotline12366")).ShouldBe("policy");
        (await Numbers("?status=Registered")).ShouldBe("it,policy");
        (await Numbers("?status=Closed")).ShouldBe("");
        (await Numbers("?q=" + Uri.EscapeDataString("恒达"))).ShouldBe("policy");
        (await Numbers("?q=91350100m000100y43")).ShouldBe("policy");
        (await Numbers("?q=91350100m0001")).ShouldBe(""); // the credit code is encrypted: it matches whole, never by prefix
        (await Numbers("?q=" + it.Number.ToLowerInvariant())).ShouldBe("it");
        (await Numbers("?overdue=true")).ShouldBe("");

        var bad = await hall.PageAsync("/inbox?type=Lost");
        bad.ShouldContain("未知的取值“Lost”");
        Rows(bad).ShouldBeEmpty();

        var filtered = await hall.PageAsync("/inbox?type=InformationTechnology");
        filtered.ShouldContain("<option value=\"InformationTechnology\" selected");
    }

    [Fact]
    public async Task The_api_takes_the_same_filters_and_names_a_bad_one()
    {
        await RegisterAsync(ApiClient.Registration("POLICY", ("taxpayerName", "仙桃市恒达纺织有限公司")));
        var it = await RegisterAsync(ApiClient.Registration("IT"));
        var hall = await _factory.SignedInAsync("xt.hall");

        var page = await hall.GetFromJsonAsync<TaskPageDto>("/api/tasks?type=informationtechnology&channel=Hotline12366&q=" + it.Number, ApiClient.Json);
        page!.Items.ShouldHaveSingleItem().RequestId.ShouldBe(it.Id);
        (await hall.GetFromJsonAsync<TaskPageDto>("/api/tasks?q=" + Uri.EscapeDataString("恒达"), ApiClient.Json))!.TotalCount.ShouldBe(1);

        var problem = await (await hall.GetAsync("/api/tasks?type=Lost&channel=Pigeon&overdue=maybe")).ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["channel", "overdue", "type"]);
    }

    [Fact]
    public async Task Paging_keeps_the_filters()
    {
        for (var i = 0; i < 3; i++)
        {
            await RegisterAsync(ApiClient.Registration("POLICY"));
        }

        var hall = await _factory.WebSignedInAsync("xt.hall");
        var html = await hall.PageAsync("/inbox?type=Policy&page=1");

        Rows(html).Count.ShouldBe(3);
        html.ShouldContain("第 1 / 1 页，共 3 条");
    }

    [Fact]
    public async Task The_inbox_is_for_handlers_and_approvers_only()
    {
        var analyst = await _factory.WebSignedInAsync("xt.analyst");

        var response = await analyst.GetAsync("/inbox");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/ui/denied");
    }

    private static string Due(string row) => Regex.Match(row, @"\d{4}-\d\d-\d\d \d\d:\d\d").Value;

    private async Task<RequestDto> RegisterAsync(Dictionary<string, object?> body) =>
        await (await _factory.SignedInAsync("xt.hall")).RegisterAsync(body);

    /// <summary>The visible text of each row of the inbox table, top to bottom.</summary>
    internal static List<string> Rows(string html) =>
        [.. RowPattern().Matches(html).Select(m => WebClient.PlainText(m.Value))];

    [GeneratedRegex("<tr data-task=\"[^\"]+\".*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();
}
