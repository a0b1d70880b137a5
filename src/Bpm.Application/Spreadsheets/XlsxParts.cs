using DocumentFormat.OpenXml.Spreadsheet;

namespace Bpm.Application.Spreadsheets;

/// <summary>What every .xlsx Bpm writes shares (the ledger export, the quarterly report): cell addresses, safe text, styles.</summary>
public static class XlsxParts
{
    /// <summary>Style index of a bold cell (headers) in <see cref="Styles"/>; 0 is the plain one.</summary>
    public const uint Bold = 1;

    /// <summary>A1-style column letters: 0 → A, 25 → Z, 26 → AA.</summary>
    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    /// <summary>XML 1.0 cannot carry most control characters; a cell holds at most 32,767 characters: "a\u0001b" → "ab".</summary>
    public static string Clean(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        var text = new string([.. value.Where(c => !char.IsControl(c) || c is '\n' or '\r' or '\t')]);
        return text.Length > 32_767 ? text[..32_767] : text;
    }

    /// <summary>Two cell formats: plain (0) and <see cref="Bold"/> (1).</summary>
    public static Stylesheet Styles() => new(
        new Fonts(new Font(), new Font(new DocumentFormat.OpenXml.Spreadsheet.Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
}
