using System.Globalization;
using System.Text;
using Bpm.Domain.Library;
using Bpm.Domain.Requests;

namespace Bpm.Server.Library;

/// <summary>
/// Published items for publication outside Bpm: a JSON array of <see cref="LibraryEntryDto"/>, or a Markdown document with
/// one "## 政策落实类" section per request type (in the types' order), one "### title" per item with its kind, question,
/// answer, policy basis and tags.
/// </summary>
public static class LibraryExport
{
    public static string Markdown(IEnumerable<LibraryEntry> entries, string heading)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var text = new StringBuilder();
        text.Append("# ").AppendLine(heading).AppendLine();
        foreach (var group in entries.GroupBy(e => e.RequestType).OrderBy(g => g.Key))
        {
            text.Append("## ").AppendLine(group.Key.ChineseName()).AppendLine();
            foreach (var entry in group.OrderBy(e => e.Kind).ThenBy(e => e.Title, StringComparer.Ordinal))
            {
                text.Append("### ").AppendLine(OneLine(entry.Title)).AppendLine();
                text.Append("- 类别：").AppendLine(LibraryEntry.KindName(entry.Kind));
                if (entry.DecidedAt is { } published)
                {
                    text.Append("- 发布日期：").AppendLine(published.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }

                if (entry.Tags.Count > 0)
                {
                    text.Append("- 标签：").AppendLine(string.Join("、", entry.Tags));
                }

                text.AppendLine();
                text.AppendLine("**问题**").AppendLine().AppendLine(Block(entry.Question)).AppendLine();
                text.AppendLine("**答复**").AppendLine().AppendLine(Block(entry.Answer)).AppendLine();
                if (entry.PolicyBasis is { } basis)
                {
                    text.AppendLine("**政策依据**").AppendLine().AppendLine(Block(basis)).AppendLine();
                }
            }
        }

        return text.ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>Paragraph text with each line as a quote, so a line starting with "#" in an answer never becomes a heading.</summary>
    private static string Block(string text) => string.Join(Environment.NewLine, text.ReplaceLineEndings("\n").Split('\n').Select(line => "> " + line));
}
