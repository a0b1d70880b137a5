using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bpm.Application.Collections;
using Bpm.Application.Reports;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Server.Api;
using Bpm.Testing;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Periodic;

/// <summary>
/// The quarterly report of Q1 2026 on a small data set: 仙桃 registers 3 requests (2 政策落实类, 1 纳税服务类) on
/// Mon 2026-03-02, one of which goes all the way to a revisit rated 基本满意; 乌兰察布 registers 1, which 仙桃's report
/// never shows. The clock stands at ApiClient.Now (2026-03-02 10:00 Shanghai) until the test moves it.
/// </summary>
public sealed class QuarterlyReportTests : IDisposable
{
    private readonly ManualTimeProvider _clock = new(ApiClient.Now);
    private readonly BpmServerFactory _factory;

    public QuarterlyReportTests() => _factory = new BpmServerFactory(time: _clock);

    [Fact]
    public async Task The_xlsx_opens_with_the_quarter_s_figures_topics_and_poorly_rated_items_of_the_subtree_only()
    {
        await SeedAsync();

        var analyst = await _factory.SignedInAsync("xt.analyst");
        var response = await analyst.GetAsync("/api/reports/quarterly.xlsx?bureau=xiantao&year=2026&quarter=1");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        response.Content.Headers.ContentType!.MediaType.ShouldBe(QuarterlyReportWorkbook.ContentType);
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe("季度报告-xiantao-2026Q1.xlsx");
        var sheets = ReadWorkbook(await response.Content.ReadAsByteArrayAsync());

        sheets.Keys.ShouldBe(["概况", "分类统计", "热点", "超期", "差评"]);
        var summary = sheets["概况"].ToDictionary(r => r[0], r => r[1]);
        summary["税务机关"].ShouldBe("国家税务总局仙桃市税务局");
        summary["报告期"].ShouldStartWith("2026年第1季度");
        summary["诉求总数"].ShouldBe("3");
        summary["满意率"].ShouldBe("100.0%", "基本满意 is not 不满意: the revisit went the Satisfied way");
        summary["差评件数"].ShouldBe("1");

        sheets["分类统计"].ShouldContain(r => r[0] == "诉求类型" && r[1] == "政策落实类" && r[2] == "2" && r[3] == "66.7%");
        sheets["分类统计"].ShouldContain(r => r[0] == "渠道" && r[1] == "12366纳税缴费服务热线" && r[2] == "3");
        sheets["热点"].Skip(1).Select(r => (r[1], r[3])).ShouldBe([("POLICY", "2"), ("SERVICE", "1")]);
        var poor = sheets["差评"].Skip(1).ShouldHaveSingleItem();
        (poor[4], poor[6]).ShouldBe(("基本满意", "办理时间偏长"));
        poor[0].ShouldStartWith("XT-2026-");
        sheets.Values.SelectMany(rows => rows).SelectMany(r => r).ShouldNotContain(cell => cell.Contains("乌兰察布某公司"));
    }

    [Fact]
    public async Task Only_analysts_and_administrators_of_the_subtree_get_a_report()
    {
        var url = "/api/reports/quarterly.xlsx?bureau=xiantao&year=2026&quarter=1";
        (await (await _factory.SignedInAsync("wlcb.analyst")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await _factory.SignedInAsync("xt.handler")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await _factory.SignedInAsync("xt.admin")).GetAsync(url)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var refused = await (await _factory.SignedInAsync("xt.analyst")).GetAsync("/api/reports/quarterly.xlsx?year=2026&quarter=5");
        (await refused.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["quarter"]);
    }

    [Fact]
    public async Task The_schedule_stores_one_report_per_bureau_on_the_first_working_day_of_the_next_quarter()
    {
        await SeedAsync();
        var duties = _factory.Services.GetRequiredService<PeriodicDuties>();

        // Q1 ends Tue 03-31; Q2's first working day is Wed 04-01, generation from 09:00 in Shanghai (01:00Z).
        _clock.SetUtcNow(At("2026-04-01T00:59:00Z"));
        (await duties.RunAsync(CancellationToken.None)).ReportsGenerated.ShouldBe(0);
        _clock.SetUtcNow(At("2026-04-01T01:00:00Z"));
        (await duties.RunAsync(CancellationToken.None)).ReportsGenerated.ShouldBe(4, "national, 仙桃, 乌兰察布, 集宁区");
        _clock.SetUtcNow(At("2026-04-20T01:00:00Z"));
        (await duties.RunAsync(CancellationToken.None)).ReportsGenerated.ShouldBe(0, "one per bureau and quarter, however often it runs");

        var analyst = await _factory.SignedInAsync("xt.analyst");
        var listed = (await analyst.GetFromJsonAsync<List<GeneratedReportDto>>("/api/reports", ApiClient.Json))!;
        var report = listed.ShouldHaveSingleItem("仙桃's analyst sees 仙桃's report only");
        (report.Bureau, report.Year, report.Quarter, report.FileName).ShouldBe(("xiantao", 2026, 1, "季度报告-xiantao-2026Q1.xlsx"));
        var download = await analyst.GetAsync(report.Download);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        ReadWorkbook(await download.Content.ReadAsByteArrayAsync())["概况"].ShouldContain(r => r[0] == "诉求总数" && r[1] == "3");

        var ulanqab = await _factory.SignedInAsync("wlcb.analyst");
        var theirs = (await ulanqab.GetFromJsonAsync<List<GeneratedReportDto>>("/api/reports", ApiClient.Json))!;
        theirs.Select(r => r.Bureau).ShouldBe(["jining", "ulanqab"], ignoreOrder: true);
        (await ulanqab.GetAsync(report.Download)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    /// <summary>3 requests at 仙桃 (one revisited 基本满意), 1 at 乌兰察布, all received on 2026-03-02.</summary>
    private async Task SeedAsync()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var revisited = await hall.RegisterAsync(ApiClient.Registration("POLICY"));
        await hall.RegisterAsync(ApiClient.Registration("POLICY", ("channel", "Hotline12366")));
        await hall.RegisterAsync(ApiClient.Registration("SERVICE"));
        var ulanqab = await _factory.SignedInAsync("wlcb.dispatcher");
        await ulanqab.RegisterAsync(ApiClient.Registration("ZCYW", ("taxpayerName", "乌兰察布某公司"), ("contact", "0474-8123456")));

        var driver = new WorkflowDriver(_factory);
        for (var step = 0; step < 30; step++)
        {
            var task = (await driver.RequestAsync(revisited.Id)).Tasks!.Single(t => t.Status == RequestTaskStatus.Open);
            if (task.SlaStep == SlaStep.Revisit)
            {
                await driver.CompleteOkAsync(task, "Satisfied", new JsonObject { ["satisfaction"] = "基本满意", ["note"] = "办理时间偏长" });
                return;
            }

            await driver.CompleteOkAsync(task, task.Outcomes[0]);
        }

        throw new ShouldAssertException("the request never reached its revisit");
    }

    /// <summary>Every sheet by name, as rows of cell texts (inline strings and numbers).</summary>
    private static Dictionary<string, List<string[]>> ReadWorkbook(byte[] content)
    {
        using var stream = new MemoryStream(content);
        using var document = SpreadsheetDocument.Open(stream, false);
        var workbook = document.WorkbookPart!;
        var sheets = new Dictionary<string, List<string[]>>();
        foreach (var sheet in workbook.Workbook.Sheets!.Elements<Sheet>())
        {
            var part = (WorksheetPart)workbook.GetPartById(sheet.Id!);
            sheets[sheet.Name!] = [.. part.Worksheet.GetFirstChild<SheetData>()!.Elements<Row>()
                .Select(row => row.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "").ToArray())];
        }

        return sheets;
    }

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
