using System.IO.Compression;
using Bpm.Application.Spreadsheets;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Bpm.Server.WebUi.RequestList;

/// <summary>A column of the ledger: its header and width in characters (a Chinese character counts about two).</summary>
public sealed record LedgerColumn(string Header, double Width);

/// <summary>
/// Writes one worksheet row by row, so a ledger of 100,000 requests never sits in memory: the SDK builds the package
/// (workbook, styles, an empty sheet) in memory, its parts are copied into a streamed zip on the target, and the sheet
/// part is written there by the SDK's SAX writer (<see cref="OpenXmlWriter"/>) as rows come. (A package opened for
/// read-write keeps every part in memory until it is closed; a write-only one the SDK refuses.) Cells are inline
/// strings (no shared-string table to keep); the header row is bold and frozen; instants are ISO-like local text
/// ("2026-10-09 17:30"), which sorts and filters correctly in Excel and WPS.
/// </summary>
public sealed class LedgerWorkbook : IDisposable
{
    private const uint HeaderStyle = 1;

    private readonly ZipArchive _archive;
    private readonly Stream _sheetStream;
    private readonly OpenXmlWriter _writer;
    private uint _rowIndex;
    private bool _finished;

    private LedgerWorkbook(Stream target, string sheetName, IReadOnlyList<LedgerColumn> columns)
    {
        using var skeleton = new MemoryStream();
        string sheetEntry;
        using (var document = SpreadsheetDocument.Create(skeleton, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            var styles = workbookPart.AddNewPart<WorkbookStylesPart>();
            styles.Stylesheet = XlsxParts.Styles();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            sheetPart.Worksheet = new Worksheet(new SheetData());
            workbookPart.Workbook = new Workbook(new Sheets(new Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
            sheetEntry = sheetPart.Uri.OriginalString.TrimStart('/');
        }

        skeleton.Position = 0;
        _archive = new ZipArchive(target, ZipArchiveMode.Create, leaveOpen: true);
        using (var parts = new ZipArchive(skeleton, ZipArchiveMode.Read))
        {
            foreach (var part in parts.Entries.Where(e => e.FullName != sheetEntry))
            {
                using var from = part.Open();
                using var to = _archive.CreateEntry(part.FullName, CompressionLevel.Fastest).Open();
                from.CopyTo(to);
            }
        }

        _sheetStream = _archive.CreateEntry(sheetEntry, CompressionLevel.Fastest).Open();
        _writer = OpenXmlWriter.Create(_sheetStream);
        _writer.WriteStartDocument();
        _writer.WriteStartElement(new Worksheet());
        _writer.WriteElement(new SheetViews(new SheetView(
            new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen },
            new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue>([new StringValue("A2")]) })
        {
            TabSelected = true,
            WorkbookViewId = 0,
        }));
        _writer.WriteElement(new Columns(columns.Select((c, i) => new Column
        {
            Min = (uint)i + 1, Max = (uint)i + 1, Width = c.Width, CustomWidth = true,
        })));
        _writer.WriteStartElement(new SheetData());
        WriteRow([.. columns.Select(c => c.Header)], HeaderStyle);
    }

    public static LedgerWorkbook Create(Stream target, string sheetName, IReadOnlyList<LedgerColumn> columns) => new(target, sheetName, columns);

    public int RowsWritten => (int)_rowIndex - 1;

    public void WriteRow(IReadOnlyList<string?> values) => WriteRow(values, null);

    /// <summary>Ends the sheet and the workbook; the target then holds a complete .xlsx.</summary>
    public void Finish()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        _writer.WriteEndElement(); // sheetData
        _writer.WriteEndElement(); // worksheet
        _writer.Close();
        _sheetStream.Dispose();
        _archive.Dispose();
    }

    public void Dispose()
    {
        if (!_finished)
        {
            _writer.Dispose();
            _sheetStream.Dispose();
            _archive.Dispose();
        }
    }

    private void WriteRow(IReadOnlyList<string?> values, uint? style)
    {
        _rowIndex++;
        var row = new Row { RowIndex = _rowIndex };
        for (var i = 0; i < values.Count; i++)
        {
            var cell = new Cell { CellReference = XlsxParts.ColumnName(i) + _rowIndex, DataType = CellValues.InlineString };
            if (style is { } index)
            {
                cell.StyleIndex = index;
            }

            cell.AppendChild(new InlineString(new DocumentFormat.OpenXml.Spreadsheet.Text(XlsxParts.Clean(values[i])) { Space = SpaceProcessingModeValues.Preserve }));
            row.AppendChild(cell);
        }

        _writer.WriteElement(row);
    }
}
