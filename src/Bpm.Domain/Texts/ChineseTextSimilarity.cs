using System.Globalization;
using System.Text;

namespace Bpm.Domain.Texts;

/// <summary>
/// How alike two request texts are, from 0 (nothing shared) to 1 (the same characters in the same pairs).
/// Chinese is not split into words: the texts are compared as sets of overlapping character pairs (bigrams)
/// after normalisation, so "发票开不出来" and "无法开具发票" share 发票 and 开具/开不 only partly, while a
/// rewording of the same matter keeps most pairs. The score is the Dice coefficient of the two bigram sets:
/// 2·|A∩B| / (|A|+|B|).
/// </summary>
public static class ChineseTextSimilarity
{
    /// <summary>Score of two raw texts, e.g. Score("增值税专用发票无法开具", "专用发票开不出来") = 6/17 ≈ 0.35.</summary>
    public static double Score(string? first, string? second) => Score(Fingerprint.Of(first), Fingerprint.Of(second));

    /// <summary>Score of two prepared fingerprints (prepare once when one text is compared with many).</summary>
    public static double Score(Fingerprint first, Fingerprint second)
    {
        if (first.Bigrams.Count == 0 || second.Bigrams.Count == 0)
        {
            return 0;
        }

        var (small, large) = first.Bigrams.Count <= second.Bigrams.Count ? (first, second) : (second, first);
        var shared = small.Bigrams.Count(large.Bigrams.Contains);
        return 2.0 * shared / (first.Bigrams.Count + second.Bigrams.Count);
    }

    /// <summary>
    /// Normal form compared: full-width letters and digits folded to ASCII, Latin letters lower-cased,
    /// punctuation, symbols and spaces dropped, e.g. "ＡＢＣ，发票！ 12" → "abc发票12".
    /// </summary>
    public static string Normalize(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var folded = text.Normalize(NormalizationForm.FormKC);
        var builder = new StringBuilder(folded.Length);
        foreach (var character in folded)
        {
            if (char.IsLetterOrDigit(character))
            {
                builder.Append(char.ToLower(character, CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>The bigram set of one text; a one-character text keeps that character as its only member.</summary>
    public sealed class Fingerprint
    {
        private Fingerprint(IReadOnlySet<string> bigrams) => Bigrams = bigrams;

        public IReadOnlySet<string> Bigrams { get; }

        public static Fingerprint Of(string? text)
        {
            var normal = Normalize(text);
            var bigrams = new HashSet<string>(StringComparer.Ordinal);
            if (normal.Length == 1)
            {
                bigrams.Add(normal);
            }

            for (var index = 0; index + 1 < normal.Length; index++)
            {
                bigrams.Add(normal.Substring(index, 2));
            }

            return new Fingerprint(bigrams);
        }
    }
}
