using System.Net;
using System.Text.RegularExpressions;
using Bpm.Testing;
using Shouldly;
using Xunit;

namespace Bpm.Server.Tests.WebUi.Dashboard;

/// <summary>The analysts' dashboard over <see cref="DashboardData"/>: figures, filters, access, drill-down links, scripts.</summary>
public sealed class DashboardPageTests : IAsyncLifetime
{
    private readonly BpmServerFactory _factory = new(time: new ManualTimeProvider(DashboardData.Now));
    private DashboardData.Seeded _data = null!;

    public async Task InitializeAsync() => _data = await DashboardData.SeedAsync(_factory);

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        _factory.DeleteDatabase();
    }

    private static string Text(string html, string id) => WebClient.TextOf(html, id);

    /// <summary>The count cell of a table row, e.g. Row(html, "table-type", "信息化建设类") → "2".</summary>
    private static string Row(string html, string tableId, string label)
    {
        var table = Regex.Match(html, $"<table[^>]*id=\"{tableId}\".*?</table>", RegexOptions.Singleline).Value;
        var row = Regex.Match(table, $"<th scope=\"row\">{Regex.Escape(label)}</th>\\s*<td>(.*?)</td>", RegexOptions.Singleline);
        return row.Success ? WebClient.PlainText(row.Groups[1].Value) : "(no row)";
    }

    [Fact]
    public async Task The_default_period_is_this_month_so_far_and_the_figures_match_the_hand_counted_ones()
    {
        var web = await _factory.WebSignedInAsync("xt.analyst");

        var html = await web.PageAsync("/dashboard");

        Text(html, "dashboard-scope").ShouldBe("统计范围：国家税务总局仙桃市税务局，受理日期 2026-03-01 至 2026-03-20（含），共 5 件诉求。");
        Text(html, "kpi-requests").ShouldBe("诉求总数 5");
        Text(html, "kpi-ontime").ShouldBe("按期办结率 66.7% 2 / 3");
        Text(html, "kpi-responded").ShouldBe("响应率 60.0% 3 / 5");
        Text(html, "kpi-satisfied").ShouldBe("满意率 50.0% 1 / 2");
        Text(html, "kpi-repeat").ShouldBe("重复诉求率 60.0% 3 / 5");
        Text(html, "kpi-overdue").ShouldBe("超期未办任务 1");
        Row(html, "table-type", "信息化建设类").ShouldBe("2");
        Row(html, "table-type", "政策落实类").ShouldBe("1");
        Row(html, "table-type", "纳税服务类").ShouldBe("1");
        Row(html, "table-type", "其他类").ShouldBe("1");
        Row(html, "table-channel", "12366纳税缴费服务热线").ShouldBe("3");
        Row(html, "table-channel", "办税服务厅").ShouldBe("1");
        Row(html, "table-status", "已归档").ShouldBe("3");
        Row(html, "table-status", "办理中").ShouldBe("1");
        Row(html, "table-industry", "制造业").ShouldBe("2");
        Row(html, "table-industry", "未填写").ShouldBe("2");
        Row(html, "table-size", "大型").ShouldBe("1");
        Row(html, "table-trend", "2026-03-02").ShouldBe("1");
        Row(html, "table-trend", "2026-03-10").ShouldBe("1");
        Row(html, "table-trend", "2026-03-11").ShouldBe("0");
        Text(html, "overdue-list").ShouldContain(_data.R3Number);
        html.ShouldContain($"href=\"/requests/{_data.R3}\"");
        Text(html, "dashboard-help").ShouldContain("按期办结率 = 已归档诉求中");
    }

    [Fact]
    public async Task A_period_counts_receipts_by_bureau_local_date_with_both_ends_included()
    {
        var web = await _factory.WebSignedInAsync("xt.analyst");

        // R3 (03-05) and R4 (received 2026-03-10T15:30Z = 03-10 23:30 in Xiantao); R2 (03-03) and R6 (03-12) are outside.
        var html = await web.PageAsync("/dashboard?receivedFrom=2026-03-04&receivedTo=2026-03-10");

        Text(html, "kpi-requests").ShouldBe("诉求总数 2");
        Row(html, "table-type", "政策落实类").ShouldBe("1");
        Row(html, "table-type", "纳税服务类").ShouldBe("1");
        Text(html, "kpi-repeat").ShouldBe("重复诉求率 100.0% 2 / 2");
    }

    [Fact]
    public async Task A_long_period_is_drawn_per_month_and_a_bad_period_falls_back_to_this_month_with_a_message()
    {
        var web = await _factory.WebSignedInAsync("xt.analyst");

        var year = await web.PageAsync("/dashboard?receivedFrom=2025-07-01&receivedTo=2026-03-20");
        Row(year, "table-trend", "2026-02").ShouldBe("1");
        Row(year, "table-trend", "2026-03").ShouldBe("5");
        Text(year, "kpi-requests").ShouldBe("诉求总数 6");

        var bad = await web.PageAsync("/dashboard?receivedFrom=2026-03-10&receivedTo=2026-03-01");
        Text(bad, "dashboard-invalid-period").ShouldContain("日期范围无效");
        Text(bad, "kpi-requests").ShouldBe("诉求总数 5");
    }

    [Fact]
    public async Task A_subtree_counts_its_sub_bureaus_and_a_sub_bureau_only_itself()
    {
        var web = await _factory.WebSignedInAsync("wlcb.analyst");

        var ulanqab = await web.PageAsync("/dashboard");
        var jining = await web.PageAsync($"/dashboard?bureau={_data.Jining}");

        Text(ulanqab, "kpi-requests").ShouldBe("诉求总数 2");
        Text(ulanqab, "dashboard-bureau").ShouldContain("国家税务总局乌兰察布市集宁区税务局");
        Text(ulanqab, "overdue-list").ShouldContain(_data.W1Number);
        Text(jining, "kpi-requests").ShouldBe("诉求总数 1");
        Row(jining, "table-type", "政策落实类").ShouldBe("1");
    }

    [Fact]
    public async Task An_analyst_of_Ulanqab_never_sees_Xiantao_figures_and_a_bureau_outside_the_subtree_is_not_found()
    {
        var wlcb = await _factory.WebSignedInAsync("wlcb.analyst");
        var xt = await _factory.WebSignedInAsync("xt.analyst");

        var html = await wlcb.PageAsync($"/dashboard?bureau={_data.Xiantao}", HttpStatusCode.NotFound);
        var own = await wlcb.PageAsync("/dashboard");
        await xt.PageAsync($"/dashboard?bureau={_data.Ulanqab}", HttpStatusCode.NotFound);
        await xt.PageAsync("/dashboard?bureau=not-a-guid", HttpStatusCode.NotFound);

        html.ShouldNotContain("kpi-requests");
        html.ShouldNotContain("仙桃");
        own.ShouldNotContain("仙桃市税务局");
        own.ShouldNotContain(_data.R3Number);
    }

    [Fact]
    public async Task A_handler_without_an_analyst_role_is_refused()
    {
        var web = await _factory.WebSignedInAsync("xt.handler");

        var response = await web.GetAsync("/dashboard");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/ui/denied");
    }

    [Fact]
    public async Task Chart_segments_and_table_cells_link_to_the_request_list_with_the_same_filters()
    {
        var web = await _factory.WebSignedInAsync("xt.analyst");

        var html = await web.PageAsync("/dashboard?receivedFrom=2026-03-01&receivedTo=2026-03-20");

        var list = $"/requests?bureau={_data.Xiantao}&amp;receivedFrom=2026-03-01&amp;receivedTo=2026-03-20";
        html.ShouldContain($"href=\"{list}&amp;type=InformationTechnology\"");
        html.ShouldContain($"href=\"{list}&amp;channel=Hotline12366\"");
        html.ShouldContain($"href=\"{list}&amp;status=Closed\"");
        html.ShouldContain($"href=\"{list}&amp;size=Large\"");
        html.ShouldContain($"href=\"{list}&amp;industry=%E5%88%B6%E9%80%A0%E4%B8%9A\"");
        html.ShouldContain($"href=\"{list}&amp;overdue=true\"");
        html.ShouldContain($"href=\"/requests?bureau={_data.Xiantao}&amp;receivedFrom=2026-03-05&amp;receivedTo=2026-03-05\"");

        // The same addresses in the JSON the charts are drawn from (& written as \u0026).
        var json = Regex.Match(html, "<script type=\"application/json\" id=\"dashboard-data\">(.*?)</script>", RegexOptions.Singleline).Groups[1].Value;
        json.ShouldContain($"/requests?bureau={_data.Xiantao}\\u0026receivedFrom=2026-03-01\\u0026receivedTo=2026-03-20\\u0026type=InformationTechnology");
        json.ShouldNotContain("<");
    }

    [Fact]
    public async Task The_dashboard_is_in_English_on_request()
    {
        var web = await _factory.WebSignedInAsync("xt.analyst", "en");

        var html = await web.PageAsync("/dashboard");

        Text(html, "kpi-ontime").ShouldBe("On-time completion 66.7% 2 of 3");
        Row(html, "table-type", "IT systems").ShouldBe("2");
    }

    [Fact]
    public async Task The_chart_scripts_are_served_as_JavaScript_with_long_caching_for_ECharts()
    {
        var client = _factory.WebClientFor();

        using var echarts = await client.GetAsync("/ui/lib/echarts.min.js?v=6.1.0");
        using var script = await client.GetAsync("/ui/dashboard.js");

        echarts.StatusCode.ShouldBe(HttpStatusCode.OK);
        echarts.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        echarts.Headers.CacheControl!.MaxAge.ShouldBe(TimeSpan.FromDays(365));
        (await echarts.Content.ReadAsStringAsync()).ShouldContain("echarts");
        script.Content.Headers.ContentType!.MediaType.ShouldBe("text/javascript");
        (await script.Content.ReadAsStringAsync()).ShouldContain("dashboard-data");
    }
}
