using System.Globalization;
using Bpm.Application.Spreadsheets;
using Bpm.Application.Statistics;
using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Bpm.Application.Reports;

/// <summary>
/// The quarterly report as an .xlsx of five sheets: 概况 (counts and rates), 分类统计 (by type, channel, status, size,
/// industry), 热点 (most frequent categories), 超期 (open tasks overdue) and 差评 (revisits rated 不满意/基本满意).
/// Counts are number cells, so Excel and WPS can sum them; rates are percentages with one decimal ("87.5%"), or "—"
/// when nothing was counted; instants are bureau-local text ("2026-10-09 17:30"). Header rows are bold. A report is a
/// few thousand rows at most, so it is built in memory.
/// </summary>
public static class QuarterlyReportWorkbook
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public const string SummarySheet = "概况";
    public const string BreakdownSheet = "分类统计";
    public const string TopicsSheet = "热点";
    public const string OverdueSheet = "超期";
    public const string PoorlyRatedSheet = "差评";

    private const uint BoldStyle = 1;

    public static byte[] Write(QuarterlyReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = XlsxParts.Styles();
            var sheets = new Sheets();
            workbookPart.Workbook = new Workbook(sheets);
            AddSheet(workbookPart, sheets, SummarySheet, [14, 40], Summary(report));
            AddSheet(workbookPart, sheets, BreakdownSheet, [12, 28, 10, 10], Breakdown(report));
            AddSheet(workbookPart, sheets, TopicsSheet, [8, 16, 28, 10, 10], Topics(report));
            AddSheet(workbookPart, sheets, OverdueSheet, [18, 30, 34, 20, 20], Overdue(report));
            AddSheet(workbookPart, sheets, PoorlyRatedSheet, [18, 30, 34, 20, 12, 20, 40], PoorlyRated(report));
            workbookPart.Workbook.Save();
        }

        return stream.ToArray();
    }

    private static IEnumerable<object?[]> Summary(QuarterlyReport report)
    {
        var f = report.Figures;
        yield return ["项目", "内容"];
        yield return ["税务机关", report.BureauName];
        yield return ["报告期", $"{report.Quarter.Year}年第{report.Quarter.Quarter}季度（{report.Quarter.FirstDay:yyyy-MM-dd} 至 {report.Quarter.LastDay:yyyy-MM-dd}）"];
        yield return ["生成时间", Local(report, report.GeneratedAt)];
        yield return ["诉求总数", f.Requests];
        yield return ["按期办结率", Rate(f.OnTime)];
        yield return ["响应率", Rate(f.Responded)];
        yield return ["满意率", Rate(f.Satisfied)];
        yield return ["重复诉求率", Rate(f.Repeat)];
        yield return ["超期未办任务", f.OverdueTasks];
        yield return ["差评件数", report.PoorlyRated.Count];
    }

    private static IEnumerable<object?[]> Breakdown(QuarterlyReport report)
    {
        var f = report.Figures;
        yield return ["维度", "项目", "件数", "占比"];
        foreach (var row in Group("诉求类型", f.ByType, key => Enum.TryParse<RequestType>(key, out var t) ? t.ChineseName() : key, f.Requests))
        {
            yield return row;
        }

        foreach (var row in Group("渠道", f.ByChannel, key => Enum.TryParse<Channel>(key, out var c) ? c.ChineseName() : key, f.Requests))
        {
            yield return row;
        }

        foreach (var row in Group("状态", f.ByStatus, key => Enum.TryParse<RequestStatus>(key, out var s) ? s.ChineseName() : key, f.Requests))
        {
            yield return row;
        }

        foreach (var row in Group("纳税人规模", f.BySize, SizeName, f.Requests))
        {
            yield return row;
        }

        foreach (var row in Group("行业", f.ByIndustry, key => key, f.Requests))
        {
            yield return row;
        }
    }

    private static IEnumerable<object?[]> Group(string dimension, IReadOnlyList<KeyCount> counts, Func<string, string> name, int whole) =>
        counts.OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal)
            .Select(c => new object?[] { dimension, c.Key is null ? "未记录" : name(c.Key), c.Count, Rate(new Ratio(c.Count, whole)) });

    private static IEnumerable<object?[]> Topics(QuarterlyReport report)
    {
        yield return ["排名", "分类代码", "分类名称", "件数", "占比"];
        var rank = 0;
        foreach (var category in report.TopCategories)
        {
            rank++;
            yield return [rank, category.Key ?? "", report.CategoryNameOf(category.Key), category.Count, Rate(new Ratio(category.Count, report.Figures.Requests))];
        }
    }

    private static IEnumerable<object?[]> Overdue(QuarterlyReport report)
    {
        yield return ["诉求编号", "纳税人", "税务机关", "任务", "应办结时间"];
        foreach (var task in report.Figures.Overdue)
        {
            yield return [task.RequestNumber, Bpm.Domain.Taxpayers.PersonalDataMask.Name(task.TaxpayerName), report.BureauNameOf(task.BureauId), task.Title, Local(report, task.DueAt)];
        }
    }

    private static IEnumerable<object?[]> PoorlyRated(QuarterlyReport report)
    {
        yield return ["诉求编号", "纳税人", "税务机关", "分类", "满意度", "回访时间", "回访记录"];
        foreach (var item in report.PoorlyRated)
        {
            yield return [item.RequestNumber, Bpm.Domain.Taxpayers.PersonalDataMask.Name(item.TaxpayerName), report.BureauNameOf(item.BureauId), report.CategoryNameOf(item.CategoryCode),
                item.Satisfaction, Local(report, item.RevisitedAt), item.Note ?? ""];
        }
    }

    private static string SizeName(string key) => Enum.TryParse<TaxpayerSize>(key, out var size)
        ? size switch
        {
            TaxpayerSize.Large => "大型",
            TaxpayerSize.Medium => "中型",
            TaxpayerSize.SmallMicro => "小微",
            TaxpayerSize.IndividualBusiness => "个体工商户",
            TaxpayerSize.NaturalPerson => "自然人",
            _ => key,
        }
        : key;

    /// <summary>3 of 4 → "75.0%"; nothing counted → "—".</summary>
    public static string Rate(Ratio ratio)
    {
        ArgumentNullException.ThrowIfNull(ratio);
        return ratio.Percent is { } percent ? percent.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";
    }

    private static string Local(QuarterlyReport report, DateTimeOffset instant) =>
        TimeZoneInfo.ConvertTime(instant, report.Clock.TimeZone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static void AddSheet(WorkbookPart workbookPart, Sheets sheets, string name, double[] widths, IEnumerable<object?[]> rows)
    {
        var part = workbookPart.AddNewPart<WorksheetPart>();
        var data = new SheetData();
        uint index = 0;
        foreach (var values in rows)
        {
            index++;
            var row = new Row { RowIndex = index };
            for (var i = 0; i < values.Length; i++)
            {
                var cell = CellOf(values[i]);
                cell.CellReference = XlsxParts.ColumnName(i) + index;
                if (index == 1)
                {
                    cell.StyleIndex = BoldStyle;
                }

                row.AppendChild(cell);
            }

            data.AppendChild(row);
        }

        var columns = new Columns(widths.Select((w, i) => new Column { Min = (uint)i + 1, Max = (uint)i + 1, Width = w, CustomWidth = true }));
        part.Worksheet = new Worksheet(columns, data);
        sheets.AppendChild(new Sheet { Id = workbookPart.GetIdOfPart(part), SheetId = (uint)sheets.ChildElements.Count + 1, Name = name });
    }

    private static Cell CellOf(object? value) => value switch
    {
        int number => new Cell { DataType = CellValues.Number, CellValue = new CellValue(number.ToString(CultureInfo.InvariantCulture)) },
        _ => new Cell(new InlineString(new Text(XlsxParts.Clean(value?.ToString())) { Space = SpaceProcessingModeValues.Preserve })) { DataType = CellValues.InlineString },
    };
}
