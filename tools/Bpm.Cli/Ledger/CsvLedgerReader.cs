using System.Text;
using Bpm.Application.Ledger;

namespace Bpm.Cli.Ledger;

/// <summary>
/// A ledger saved as CSV (RFC 4180: commas, "quoted" cells with "" inside, line breaks inside quotes), in UTF-8 with or
/// without BOM, UTF-16 with BOM, or GB18030 as Excel on a Chinese Windows saves it. A row's line is where it starts in
/// the file, so a cell spanning lines does not shift the rows after it out of sight: header = line 1.
/// </summary>
internal sealed class CsvLedgerReader : ILedgerReader
{
    private const int Gb18030CodePage = 54936;

    public async Task<LedgerSheet> ReadAsync(Stream file, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var records = Parse(Decode(buffer.ToArray())).Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (records.Count == 0)
        {
            throw new LedgerFormatException("文件为空：第1行应为表头 (the file is empty)");
        }

        return new LedgerSheet([.. records[0].Cells.Select(c => c ?? "")], records.Skip(1).ToList());
    }

    /// <summary>UTF-8 unless the bytes are not valid UTF-8, which a GB18030 (GBK) file from Excel never is.</summary>
    public static string Decode(byte[] bytes)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            return Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(bytes, 2, bytes.Length - 2);
        }

        if (bytes.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(bytes, 2, bytes.Length - 2);
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
            return Encoding.GetEncoding(Gb18030CodePage).GetString(bytes);
        }
    }

    /// <summary>The records of the text with the line each starts on; a tab-separated file (no comma in its first line) is read by tabs.</summary>
    public static IEnumerable<LedgerRow> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstLineEnd = text.IndexOfAny(['\r', '\n']);
        var firstLine = firstLineEnd < 0 ? text : text[..firstLineEnd];
        var separator = firstLine.Contains('\t') && !firstLine.Contains(',') ? '\t' : ',';

        var cells = new List<string?>();
        var cell = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        var atRecordStart = true;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            atRecordStart = false;
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    if (c == '\n' || (c == '\r' && (i + 1 >= text.Length || text[i + 1] != '\n')))
                    {
                        line++;
                    }

                    cell.Append(c);
                }

                continue;
            }

            if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == separator)
            {
                cells.Add(cell.ToString());
                cell.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                cells.Add(cell.ToString());
                cell.Clear();
                yield return new LedgerRow(recordLine, cells);
                cells = [];
                line++;
                recordLine = line;
                atRecordStart = true;
            }
            else
            {
                cell.Append(c);
            }
        }

        if (!atRecordStart || cell.Length > 0)
        {
            cells.Add(cell.ToString());
            yield return new LedgerRow(recordLine, cells);
        }
    }
}
