using System.Text;
using System.Xml.Linq;
using Bpm.Application.Bureaus;
using Bpm.Application.Ledger;
using Bpm.Application.Requests;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Persistence;
using Bpm.Testing;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Cli.Tests;

/// <summary>
/// <c>bpm ledger import</c> on a temporary database with 仙桃 (two units, the national categories, published workflows).
/// The ledger below has a good closed row (line 2), a good open row whose text spans lines 3–4, and two bad rows (5, 6).
/// </summary>
[Collection(nameof(SettingsEnvironmentCollection))]
public sealed class LedgerImportCommandTests : IAsyncLifetime
{
    private const string Header = "受理编号,受理机构,受理时间,纳税人名称,统一社会信用代码,联系方式,纳税人规模,诉求渠道,诉求分类,诉求内容,受理单位,受理人,办结时间,办理结果";

    private const string GoodRows =
        "XT-2025-000017,国家税务总局仙桃市税务局,2026-03-02 09:30,仙桃市甲商贸有限公司,,13812345678,小微,12366纳税缴费服务热线,政策落实类,咨询留抵退税政策。,纳税服务中心,张三,2026-03-04 16:00,已电话答复政策口径\n"
        + ",xiantao,2026-03-03 10:00,仙桃市乙科技有限公司,,0728-3312345,中型,12345政务服务便民热线,POLICY,\"发票额度不足，\n请协助处理。\",纳税服务科,李四,,\n";

    private const string BadRows =
        ",,2026-03-03 10:00,仙桃市丙公司,,12345,巨型,传真,政策落实类,内容,纳税服务中心,王五,,\n"
        + ",,2026-13-40,仙桃市丁公司,,13812345678,,微信公众号,OTHER,诉求,纳税服务中心,赵六,,\n";

    private readonly string _folder = Directory.CreateTempSubdirectory("bpm-cli-ledger").FullName;

    private string DatabaseFile => Path.Combine(_folder, "data", "bpm.db");

    public async Task InitializeAsync()
    {
        await File.WriteAllTextAsync(
            Path.Combine(_folder, "appsettings.json"),
            """{ "Database": { "Provider": "Sqlite", "ConnectionString": "Data Source=data/bpm.db" } }""");
        Environment.SetEnvironmentVariable("BPM_SETTINGS", Path.Combine(_folder, "appsettings.json"));
        (await CliRunner.RunAsync("database", "migrate")).ExitCode.ShouldBe(0);
        (await CliRunner.RunAsync("workflows", "import", "--folder", RepositoryFolders.Workflows)).ExitCode.ShouldBe(0);

        await using var services = Services();
        var store = services.GetRequiredService<IBureauStore>();
        var national = new Bureau(Guid.NewGuid(), "national", "国家税务总局", null, "SAT");
        var xiantao = new Bureau(Guid.NewGuid(), "xiantao", "国家税务总局仙桃市税务局", national.Id, "XT");
        await store.AddBureauAsync(national, CancellationToken.None);
        await store.AddBureauAsync(xiantao, CancellationToken.None);
        await store.AddUnitAsync(new Unit(Guid.NewGuid(), xiantao.Id, "nsfwzx", "纳税服务中心", UnitKind.Center), CancellationToken.None);
        await store.AddUnitAsync(new Unit(Guid.NewGuid(), xiantao.Id, "nsfwk", "纳税服务科", UnitKind.Section, UnitDuties.TaxService), CancellationToken.None);
        await store.ReplaceCategoriesAsync(national.Id, [.. CategoryTaxonomies.For(national.Id, CategoryTaxonomies.National)], CancellationToken.None);
        foreach (var rule in SlaProfiles.For(national.Id, SlaProfiles.NationalDefault).Concat(SlaProfiles.For(xiantao.Id, SlaProfiles.Xiantao)))
        {
            await store.SetSlaRuleAsync(rule, CancellationToken.None);
        }
    }

    private ServiceProvider Services()
    {
        var services = new ServiceCollection();
        services.AddSingleton(TimeProvider.System);
        services.AddBpmPersistence(new DatabaseOptions { ConnectionString = $"Data Source={DatabaseFile}" });
        Bpm.Application.ApplicationServices.AddBpmApplication(services);
        return services.BuildServiceProvider();
    }

    private async Task<IReadOnlyList<TaxpayerRequest>> RequestsAsync()
    {
        await using var services = Services();
        return (await services.GetRequiredService<ITaxpayerRequestStore>().ListAsync(new TaxpayerRequestFilter { PageSize = 100 }, CancellationToken.None)).Items;
    }

    private async Task<string> LedgerAsync(string content, string name = "台账.csv", Encoding? encoding = null)
    {
        var path = Path.Combine(_folder, name);
        await File.WriteAllTextAsync(path, content, encoding ?? new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        return path;
    }

    [Fact]
    public async Task In_file_mode_one_bad_row_imports_nothing_and_each_bad_row_is_reported_with_its_line_and_reason()
    {
        var file = await LedgerAsync(Header + "\n" + GoodRows + BadRows);

        var (exitCode, output, error) = await CliRunner.RunAsync("ledger", "import", file, "--bureau", "xiantao");

        error.ShouldBeEmpty();
        exitCode.ShouldBe(1);
        output.ShouldContain("line 5: 联系方式 — ");
        output.ShouldContain("line 5: 纳税人规模 — 未知的纳税人规模“巨型”");
        output.ShouldContain("line 5: 诉求渠道 — 未知的诉求渠道“传真”");
        output.ShouldContain("line 6: 受理时间 — 时间格式不正确");
        output.ShouldNotContain("line 2:");
        output.ShouldNotContain("line 3:");
        output.ShouldContain("read 4 rows: 2 valid, 2 rejected; nothing imported (--mode file");
        (await RequestsAsync()).ShouldBeEmpty();

        var report = await File.ReadAllLinesAsync(file + ".report.csv");
        report[0].ShouldBe("行号,结果,受理编号,原受理编号,列,原因");
        report.ShouldContain(l => l.StartsWith("5,拒绝,,,联系方式,", StringComparison.Ordinal));
        report.ShouldContain(l => l.StartsWith("6,拒绝,,,受理时间,", StringComparison.Ordinal));
        report.ShouldContain("2,未导入,,XT-2025-000017,,");
    }

    [Fact]
    public async Task In_row_mode_the_good_rows_are_imported_closed_or_open_and_the_bad_ones_reported()
    {
        var file = await LedgerAsync(Header + "\n" + GoodRows + BadRows);

        var (exitCode, output, _) = await CliRunner.RunAsync("ledger", "import", file, "--bureau", "xiantao", "--mode", "row", "--report", Path.Combine(_folder, "r.csv"));

        exitCode.ShouldBe(1);
        output.ShouldContain("read 4 rows: 2 valid, 2 rejected; 2 imported (--mode row)");
        output.ShouldContain("line 6: 受理时间");
        var requests = (await RequestsAsync()).OrderBy(r => r.ReceivedAt).ToList();
        requests.Count.ShouldBe(2);

        var closed = requests[0];
        closed.TaxpayerName.ShouldBe("仙桃市甲商贸有限公司");
        closed.ReceivedAt.ShouldBe(new DateTimeOffset(2026, 3, 2, 1, 30, 0, TimeSpan.Zero)); // 09:30 in Xiantao
        closed.Status.ShouldBe(RequestStatus.Closed);
        closed.ClosedAt.ShouldBe(new DateTimeOffset(2026, 3, 4, 8, 0, 0, TimeSpan.Zero));
        closed.WorkflowInstanceId.ShouldBeNull();
        closed.Channel.ShouldBe(Channel.Hotline12366);
        closed.Size.ShouldBe(Bpm.Domain.Taxpayers.TaxpayerSize.SmallMicro);
        closed.Number.ShouldStartWith("XT-2026-");

        var open = requests[1];
        open.Text.ShouldBe("发票额度不足，\n请协助处理。");
        open.Status.ShouldBe(RequestStatus.Registered);
        open.WorkflowInstanceId.ShouldNotBeNull();
        open.CategoryCode.ShouldBe("POLICY");

        await using var services = Services();
        var note = (await services.GetRequiredService<IRequestNoteStore>().ListByRequestAsync(closed.Id, CancellationToken.None)).Single();
        note.Text.ShouldBe("台账导入：原受理编号 XT-2025-000017；办理结果：已电话答复政策口径");
        (await services.GetRequiredService<Bpm.Application.Tasks.IRequestTaskStore>().ListByRequestAsync(open.Id, CancellationToken.None)).ShouldNotBeEmpty();

        var report = await File.ReadAllLinesAsync(Path.Combine(_folder, "r.csv"));
        report.ShouldContain($"2,已导入,{closed.Number},XT-2025-000017,,");
        report.ShouldContain($"3,已导入,{open.Number},,,");
    }

    [Fact]
    public async Task A_file_of_good_rows_imports_whole_with_exit_0_and_a_dry_run_imports_nothing()
    {
        var file = await LedgerAsync(Header + "\n" + GoodRows);

        var dryRun = await CliRunner.RunAsync("ledger", "import", file, "--bureau", "xiantao", "--dry-run");
        dryRun.ExitCode.ShouldBe(0);
        dryRun.Output.ShouldContain("read 2 rows: 2 valid, 0 rejected; nothing imported (--dry-run)");
        (await RequestsAsync()).ShouldBeEmpty();

        var (exitCode, output, _) = await CliRunner.RunAsync("ledger", "import", file, "--bureau", "xiantao");
        exitCode.ShouldBe(0);
        output.ShouldContain("检查 2/2");
        output.ShouldContain("导入 2/2");
        output.ShouldContain("2 imported (--mode file)");
        (await RequestsAsync()).Count.ShouldBe(2);
    }

    [Fact]
    public async Task A_csv_saved_by_excel_in_gb18030_reads_the_same()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        var file = await LedgerAsync(Header + "\r\n" + GoodRows.Replace("\n", "\r\n", StringComparison.Ordinal), encoding: Encoding.GetEncoding(54936));

        var (exitCode, output, _) = await CliRunner.RunAsync("ledger", "import", file, "--bureau", "xiantao", "--dry-run");

        exitCode.ShouldBe(0, output);
        output.ShouldContain("2 valid, 0 rejected");
    }

    [Fact]
    public async Task An_xlsx_ledger_imports_with_its_row_numbers_as_lines_and_excel_serial_dates()
    {
        var path = Path.Combine(_folder, "台账.xlsx");
        WriteWorkbook(path, [
            Header.Split(','),
            ["", "xiantao", "46083.5", "仙桃市戊公司", "", "13812345678", "", "WeChat", "SERVICE", "微信咨询办税地点。", "nsfwk", "孙七", "", ""],
            ["", "xiantao", "2026-03-03 10:00", "仙桃市己公司", "", "not-a-phone", "", "微信公众号", "SERVICE", "内容", "nsfwk", "孙七", "", ""],
        ]);

        var (exitCode, output, _) = await CliRunner.RunAsync("ledger", "import", path, "--mode", "row");

        exitCode.ShouldBe(1);
        output.ShouldContain("line 3: 联系方式 — ");
        output.ShouldNotContain("line 2:");
        var imported = (await RequestsAsync()).Single();
        imported.ReceivedAt.ShouldBe(new DateTimeOffset(2026, 3, 2, 4, 0, 0, TimeSpan.Zero)); // serial 46083.5 = 2026-03-02 12:00 local
        imported.Channel.ShouldBe(Channel.WeChat);
    }

    [Fact]
    public async Task A_ledger_without_a_required_column_is_refused_before_any_row()
    {
        var file = await LedgerAsync("纳税人名称,联系方式\n张三,13812345678\n");

        var (exitCode, _, error) = await CliRunner.RunAsync("ledger", "import", file, "--bureau", "xiantao");

        exitCode.ShouldBe(1);
        error.ShouldContain("第1行（表头）缺少列：受理时间、诉求渠道、诉求分类、诉求内容、受理单位、受理人");
    }

    [Fact]
    public async Task An_unknown_bureau_or_a_missing_file_is_a_bad_argument()
    {
        var file = await LedgerAsync(Header + "\n" + GoodRows);

        (await CliRunner.RunAsync("ledger", "import", file, "--bureau", "nowhere")).ExitCode.ShouldBe(2);
        (await CliRunner.RunAsync("ledger", "import", Path.Combine(_folder, "missing.csv"))).ExitCode.ShouldBe(2);
    }

    /// <summary>The ledger export writes these headers (RequestListText.resx, Col*): every column the import reads is among them.</summary>
    [Fact]
    public void Every_column_the_import_reads_is_a_header_of_our_ledger_export()
    {
        var resx = XDocument.Load(Path.Combine(RepositoryFolders.Root, "src", "Bpm.Server", "WebUi", "Text", "RequestListText.resx"));
        var exportHeaders = resx.Root!.Elements("data")
            .Where(d => ((string?)d.Attribute("name"))?.StartsWith("Col", StringComparison.Ordinal) == true)
            .Select(d => (string?)d.Element("value"))
            .ToHashSet();

        LedgerColumns.All.Where(c => !exportHeaders.Contains(c)).ShouldBeEmpty();
    }

    private static void WriteWorkbook(string path, IReadOnlyList<string[]> rows)
    {
        using var document = SpreadsheetDocument.Create(path, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        for (var r = 0; r < rows.Count; r++)
        {
            var row = new Row { RowIndex = (uint)r + 1 };
            for (var c = 0; c < rows[r].Length; c++)
            {
                var value = rows[r][c];
                var reference = $"{(char)('A' + c)}{r + 1}";
                row.AppendChild(double.TryParse(value, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out _)
                    ? new Cell { CellReference = reference, CellValue = new CellValue(value) }
                    : new Cell { CellReference = reference, DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value)) });
            }

            data.AppendChild(row);
        }

        sheetPart.Worksheet = new Worksheet(data);
        workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = "诉求台账" }));
    }

    public Task DisposeAsync()
    {
        Environment.SetEnvironmentVariable("BPM_SETTINGS", null);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }
}
