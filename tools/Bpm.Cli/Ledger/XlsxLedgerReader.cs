using System.Globalization;
using Bpm.Application.Ledger;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Bpm.Cli.Ledger;

/// <summary>
/// The first worksheet of an .xlsx: the first non-empty row is the header, each later row keeps its row number as its line.
/// Text cells (shared or inline strings), numbers and booleans are read as text; a date Excel stores as a serial number
/// (46082.395833 = 2026-03-02 09:30) stays a number here and is read as a local date-time by the importer.
/// </summary>
internal sealed class XlsxLedgerReader : ILedgerReader
{
    public async Task<LedgerSheet> ReadAsync(Stream file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        buffer.Position = 0;
        try
        {
            using var document = SpreadsheetDocument.Open(buffer, isEditable: false);
            var workbook = document.WorkbookPart ?? throw new LedgerFormatException("不是有效的 .xlsx 工作簿 (no workbook)");
            var firstSheet = workbook.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault()
                ?? throw new LedgerFormatException("工作簿中没有工作表 (no worksheet)");
            var sheetPart = (WorksheetPart)workbook.GetPartById(firstSheet.Id!.Value!);
            var shared = workbook.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(s => s.InnerText).ToList() ?? [];

            var rows = new List<LedgerRow>();
            using (var reader = OpenXmlReader.Create(sheetPart))
            {
                while (reader.Read())
                {
                    if (reader.ElementType == typeof(Row) && reader.IsStartElement)
                    {
                        var row = (Row)reader.LoadCurrentElement()!;
                        var cells = Cells(row, shared);
                        if (cells.Any(c => !string.IsNullOrWhiteSpace(c)))
                        {
                            rows.Add(new LedgerRow((int)(row.RowIndex?.Value ?? (uint)rows.Count + 1), cells));
                        }
                    }
                }
            }

            if (rows.Count == 0)
            {
                throw new LedgerFormatException("工作表为空：第1行应为表头 (the worksheet is empty)");
            }

            return new LedgerSheet([.. rows[0].Cells.Select(c => c ?? "")], rows.Skip(1).ToList());
        }
        catch (Exception unreadable) when (unreadable is OpenXmlPackageException or InvalidDataException or FileFormatException)
        {
            throw new LedgerFormatException($"不是有效的 .xlsx 文件 ({unreadable.Message})");
        }
    }

    private static List<string?> Cells(Row row, List<string> shared)
    {
        var cells = new List<string?>();
        foreach (var cell in row.Elements<Cell>())
        {
            var index = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : cells.Count;
            while (cells.Count < index)
            {
                cells.Add(null);
            }

            cells.Add(ValueOf(cell, shared));
        }

        return cells;
    }

    private static string? ValueOf(Cell cell, List<string> shared)
    {
        var raw = cell.CellValue?.Text;
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < shared.Count ? shared[index] : null;
        }

        if (cell.DataType?.Value == CellValues.InlineString)
        {
            return cell.InlineString?.InnerText;
        }

        if (cell.DataType?.Value == CellValues.Boolean)
        {
            return raw == "1" ? "是" : "否";
        }

        return raw;
    }

    /// <summary>"C7" → 2 (A = 0), "AA3" → 26.</summary>
    private static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference.TakeWhile(char.IsAsciiLetter))
        {
            index = (index * 26) + (char.ToUpperInvariant(c) - 'A' + 1);
        }

        return index - 1;
    }
}
