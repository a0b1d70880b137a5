using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Shouldly;
using Xunit;

namespace Bpm.Server.Tests.WebUi.RequestList;

/// <summary><c>/requests/ledger.xlsx</c>: the list's filters and access, every row (no paging), read back with DocumentFormat.OpenXml.</summary>
public sealed class LedgerExportTests(RequestListFixture data) : IClassFixture<RequestListFixture>
{
    private static readonly string[] Headers =
    [
        "受理编号", "受理机构", "受理时间", "登记时间", "纳税人名称", "统一社会信用代码", "联系方式", "联系方式类型", "所属行业", "纳税人规模", "经营状态",
        "诉求渠道", "诉求类型", "诉求分类", "诉求内容", "受理单位", "受理人", "办理状态", "当前时限", "办理时限", "是否超期", "办结时间", "办理结果",
        "反馈方式", "反馈内容", "反馈时间", "回访满意度", "回访方式", "回访记录",
    ];

    /// <summary>The sheet's rows as texts by header: the first row is the header.</summary>
    private static List<Dictionary<string, string>> Read(byte[] xlsx, out IReadOnlyList<string> header, out bool frozen)
    {
        using var stream = new MemoryStream(xlsx);
        using var document = SpreadsheetDocument.Open(stream, false);
        var sheet = document.WorkbookPart!.WorksheetParts.Single().Worksheet;
        frozen = sheet.Descendants<Pane>().Any(p => p.State?.Value == PaneStateValues.Frozen && p.VerticalSplit?.Value == 1);
        var rows = sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.InlineString?.InnerText ?? c.CellValue?.Text ?? "").ToList()).ToList();
        header = rows[0];
        var names = rows[0];
        return [.. rows.Skip(1).Select(r => names.Select((n, i) => (n, v: i < r.Count ? r[i] : "")).ToDictionary(x => x.n, x => x.v))];
    }

    private async Task<byte[]> DownloadAsync(string userName, string query = "")
    {
        var web = await data.Factory.WebSignedInAsync(userName);
        var response = await web.GetAsync("/requests/ledger.xlsx" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        response.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        return await response.Content.ReadAsByteArrayAsync();
    }

    [Fact]
    public async Task The_ledger_has_a_frozen_Chinese_header_and_exactly_the_filtered_rows_with_outcome_feedback_and_revisit()
    {
        var rows = Read(await DownloadAsync("xt.analyst", "?status=Closed"), out var header, out var frozen);

        header.ShouldBe(Headers);
        frozen.ShouldBeTrue();
        rows.Select(r => r["受理编号"]).ShouldBe(data.NumbersOf("E", "C"));
        var handled = rows[0];
        handled["受理机构"].ShouldBe("国家税务总局仙桃市税务局");
        handled["受理时间"].ShouldBe("2026-03-02 09:00");
        handled["纳税人名称"].ShouldBe("仙桃*******公司");
        handled["联系方式"].ShouldBe("0728-***2345");
        handled["联系方式类型"].ShouldBe("固定电话");
        handled["诉求渠道"].ShouldBe("税务网站");
        handled["诉求类型"].ShouldBe("其他类");
        handled["受理单位"].ShouldBe("纳税服务中心");
        handled["办理状态"].ShouldBe("已归档");
        handled["办理时限"].ShouldNotBeEmpty();
        handled["是否超期"].ShouldBe("否");
        handled["办理结果"].ShouldContain("已办理");
        handled["反馈方式"].ShouldBe("电话");
        handled["反馈内容"].ShouldBe("已办理");
        handled["回访满意度"].ShouldBe("满意");
        var onTheSpot = rows[1];
        onTheSpot["办理结果"].ShouldBe("当场答复：已当场告知办理流程。");
        onTheSpot["纳税人规模"].ShouldBe("自然人");
        onTheSpot["办结时间"].ShouldBe("2026-03-02 10:00");
    }

    [Fact]
    public async Task Personal_data_is_masked_unless_an_approver_asks_for_it_in_clear_which_the_audit_log_records()
    {
        var number = data.Requests["A"].Number;
        var masked = Read(await DownloadAsync("xt.hall"), out _, out _).Single(r => r["受理编号"] == number);
        var clear = Read(await DownloadAsync("xt.approver", "?clear=true"), out _, out _).Single(r => r["受理编号"] == number);
        var refused = await (await data.Factory.WebSignedInAsync("xt.analyst")).GetAsync("/requests/ledger.xlsx?clear=true");

        masked["统一社会信用代码"].ShouldBe(RequestListFixture.CreditCode[..4] + "**********" + RequestListFixture.CreditCode[^4..]);
        clear["统一社会信用代码"].ShouldBe(RequestListFixture.CreditCode);
        clear["联系方式"].ShouldNotContain("*");
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var audit = await (await data.Factory.SignedInAsync("xt.auditor")).GetStringAsync("/api/audit?pageSize=200");
        audit.ShouldContain("web: exported the ledger with personal data in clear");
        audit.ShouldContain("xt.approver");
    }

    [Fact]
    public async Task Without_filters_the_ledger_holds_every_request_of_the_subtree_and_nothing_else()
    {
        var rows = Read(await DownloadAsync("xt.hall"), out _, out _);
        rows.Select(r => r["受理编号"]).ShouldBe(data.NumbersOf("D", "E", "A", "C", "B"));
        rows.Single(r => r["受理编号"] == data.Requests["A"].Number)["是否超期"].ShouldBe("是");
        rows.Single(r => r["受理编号"] == data.Requests["A"].Number)["统一社会信用代码"].ShouldBe(Bpm.Domain.Taxpayers.PersonalDataMask.CreditCode(RequestListFixture.CreditCode));

        Read(await DownloadAsync("wlcb.handler"), out _, out _).Select(r => r["受理编号"]).ShouldBe(data.NumbersOf("W"));
        Read(await DownloadAsync("xt.hall", "?overdue=true&type=Policy"), out _, out _).Select(r => r["受理编号"]).ShouldBe(data.NumbersOf("A"));
    }

    [Fact]
    public async Task Another_bureau_is_404_a_bad_filter_400_and_a_visitor_must_sign_in()
    {
        var web = await data.Factory.WebSignedInAsync("wlcb.handler");
        var other = await web.GetAsync($"/requests/ledger.xlsx?bureau={data.XiantaoId}");
        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Content.ReadAsStringAsync()).ShouldNotContain("XT-2026");

        var bad = await web.GetAsync("/requests/ledger.xlsx?size=Huge");
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).ShouldContain("纳税人规模：未知的取值“Huge”");

        var visitor = await data.Factory.WebClientFor().GetAsync("/requests/ledger.xlsx");
        visitor.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        visitor.Headers.Location!.ToString().ShouldContain("/account/login");
    }
}
