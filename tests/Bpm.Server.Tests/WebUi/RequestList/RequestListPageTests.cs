using System.Net;
using Shouldly;
using Xunit;

namespace Bpm.Server.Tests.WebUi.RequestList;

/// <summary><c>/requests</c>: the user's subtree, newest receipt first, each GET filter the dashboard links with, bad values in Chinese.</summary>
public sealed class RequestListPageTests(RequestListFixture data) : IClassFixture<RequestListFixture>
{
    [Fact]
    public async Task A_Xiantao_handler_sees_the_bureaus_requests_newest_first_with_Chinese_columns()
    {
        var web = await data.Factory.WebSignedInAsync("xt.hall");

        var html = await web.PageAsync("/requests");

        RequestListFixture.Numbers(html).ShouldBe(data.NumbersOf("D", "E", "A", "C", "B"));
        html.ShouldContain("<th>受理编号</th>");
        html.ShouldContain($"<a href=\"/requests/{data.Requests["A"].Id}\">{data.Requests["A"].Number}</a>");
        html.ShouldContain("办税服务厅");
        html.ShouldContain("已归档");
        html.ShouldContain("ui-due-red"); // A's 受理登记 is past due
        html.ShouldContain($"href=\"/requests/ledger.xlsx\"");
    }

    [Theory]
    [InlineData("type=InformationTechnology", "B")]
    [InlineData("channel=WeChat", "B")]
    [InlineData("channel=hotline12345", "D")]
    [InlineData("status=Closed", "E,C")]
    [InlineData("category=POLICY", "D,A")]
    [InlineData("industry=制造业", "A")]
    [InlineData("size=IndividualBusiness", "B")]
    [InlineData("q=便民", "B")]
    [InlineData("q={A}", "A")]
    [InlineData("q={code}", "A")]
    [InlineData("overdue=true", "A,B")]
    [InlineData("receivedFrom=2026-03-02&receivedTo=2026-03-02", "E,A,C")]
    [InlineData("receivedTo=2026-03-01", "B")]
    [InlineData("receivedFrom=2026-03-05", "D")]
    [InlineData("bureau={xiantao}&type=Policy&overdue=true", "A")]
    [InlineData("q=不存在", "")]
    public async Task Each_filter_narrows_the_list(string query, string expected)
    {
        var web = await data.Factory.WebSignedInAsync("xt.analyst");
        query = query.Replace("{A}", data.Requests["A"].Number).Replace("{code}", RequestListFixture.CreditCode)
            .Replace("{xiantao}", data.XiantaoId.ToString());

        var html = await web.PageAsync("/requests?" + query);

        RequestListFixture.Numbers(html).ShouldBe(expected.Length == 0 ? [] : data.NumbersOf(expected.Split(',')));
        html.ShouldContain("href=\"/requests/ledger.xlsx?" + query.Split('=')[0] + "=");
    }

    [Fact]
    public async Task An_Ulanqab_handler_never_sees_Xiantao_rows()
    {
        var web = await data.Factory.WebSignedInAsync("wlcb.handler");

        RequestListFixture.Numbers(await web.PageAsync("/requests")).ShouldBe(data.NumbersOf("W"));
        RequestListFixture.Numbers(await web.PageAsync("/requests?q=" + data.Requests["A"].Number)).ShouldBeEmpty();

        var other = await web.PageAsync($"/requests?bureau={data.XiantaoId}", HttpStatusCode.NotFound);
        other.ShouldNotContain("XT-2026");
        other.ShouldContain("没有找到该内容，或您无权查看。");
    }

    [Fact]
    public async Task Bad_filter_values_are_explained_in_Chinese_and_list_nothing()
    {
        var web = await data.Factory.WebSignedInAsync("xt.hall");

        var html = await web.PageAsync("/requests?type=Lost&receivedFrom=2026-13-01&overdue=maybe&page=0&bureau=xiantao");

        var errors = WebClient.TextOf(html, "request-filter-errors");
        errors.ShouldContain("查询条件有误");
        errors.ShouldContain("诉求类型：未知的取值“Lost”");
        errors.ShouldContain("受理日期起：日期格式应为 yyyy-MM-dd");
        errors.ShouldContain("是否超期：应为 true 或 false");
        errors.ShouldContain("页码：应为1到100000之间的整数");
        errors.ShouldContain("税务机关：“xiantao”不是有效的机构标识");
        RequestListFixture.Numbers(html).ShouldBeEmpty();
    }

    [Fact]
    public async Task The_API_list_takes_the_same_new_filters_and_names_bad_ones()
    {
        var api = await data.Factory.SignedInAsync("xt.analyst");

        var page = await api.ListAsync("?industry=" + Uri.EscapeDataString("制造业") + "&size=SmallMicro&q=" + Uri.EscapeDataString("恒达") + "&overdue=true");
        page.Items.Select(r => r.Number).ShouldBe(data.NumbersOf("A"));
        (await api.ListAsync($"?bureau={data.UlanqabId}")).Items.ShouldBeEmpty();

        var problem = await (await api.GetAsync("/api/requests?size=Huge&overdue=maybe&bureau=x")).ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["bureau", "overdue", "size"]);
    }
}
