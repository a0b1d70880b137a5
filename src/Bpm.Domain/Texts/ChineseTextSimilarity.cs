using System.Globalization;
using System.Text;

namespace Bpm.Domain.Texts;

/// <summary>
/// How alike two request texts are, from 0 (nothing shared) to 1 (the same characters in the same pairs).
/// Chinese is not split into words: the texts are compared as sets of overlapping character pairs (bigrams)
/// and of single characters after normalisation, so "发票开不出来" and "无法开具发票" share 发票 and 开具/开不 only
/// partly, while a rewording of the same matter keeps most pairs. The score is 0.7 × the Dice coefficient of the
/// bigram sets (2·|A∩B| / (|A|+|B|)) + 0.3 × that of the character sets: the characters carry a rewording whose word
/// order changed ("九点取号" / "9点拿的号"), the bigrams keep unrelated texts on one topic apart. Words that nearly
/// every request has (纳税人, 税务局, 请问, 您好, 谢谢, 我公司 …) are cut out first, so politeness and boilerplate do not count.
/// Tuned on tests/Bpm.Domain.Tests/Texts/DuplicatePairs.json (66 pairs): at <see cref="DuplicateThreshold"/> 0.32,
/// precision 0.92 and recall 1.00.
/// </summary>
public static class ChineseTextSimilarity
{
    /// <summary>
    /// From this score on, two texts of the same taxpayer and request type are flagged as a likely duplicate:
    /// "开专票时提示税控设备异常" told twice in other words scores 0.33–0.73; different matters on one topic score up to 0.44
    /// (two questions about 个税专项附加扣除), so a flag is a hint for the handler, never a decision.
    /// </summary>
    public const double DuplicateThreshold = 0.32;

    private const double BigramWeight = 0.7;

    /// <summary>
    /// Words found in most requests whatever they are about (纳税人, 税务局, 请问, 您好, 谢谢, 我公司 …), longest first: they are
    /// cut out of the normal form before comparing, so "您好，请问我公司出口退税进度太慢，谢谢" compares as "出口退税进度太慢".
    /// </summary>
    private static readonly string[] CommonWords = [.. new[]
    {
        "纳税人", "纳税", "税务机关", "税务局", "税务", "请问", "你好", "您好", "谢谢", "麻烦", "我们", "本公司", "我公司", "公司",
        "本企业", "企业", "一下", "帮忙", "处理", "一直", "已经", "怎么", "什么", "能否", "是否", "请求", "恳请", "提示", "系统", "请", "吗",
    }.OrderByDescending(word => word.Length)];

    /// <summary>Score of two raw texts, e.g. Score("增值税专用发票无法开具", "专用发票开不出来") ≈ 0.4.</summary>
    public static double Score(string? first, string? second) => Score(Fingerprint.Of(first), Fingerprint.Of(second));

    /// <summary>Score of two prepared fingerprints (prepare once when one text is compared with many).</summary>
    public static double Score(Fingerprint first, Fingerprint second)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        var bigrams = Dice(first.Bigrams, second.Bigrams);
        var characters = Dice(first.Characters, second.Characters);
        return BigramWeight * bigrams + (1 - BigramWeight) * characters;
    }

    private static double Dice(IReadOnlySet<string> first, IReadOnlySet<string> second)
    {
        if (first.Count == 0 || second.Count == 0)
        {
            return 0;
        }

        var (small, large) = first.Count <= second.Count ? (first, second) : (second, first);
        var shared = small.Count(large.Contains);
        return 2.0 * shared / (first.Count + second.Count);
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

    /// <summary>
    /// Cuts the common words out of a normal form: "请问我公司出口退税" → "出口退税".
    /// </summary>
    private static string WithoutCommonWords(string normal)
    {
        var builder = new StringBuilder(normal.Length);
        var index = 0;
        while (index < normal.Length)
        {
            var word = Array.Find(CommonWords, w => string.CompareOrdinal(normal, index, w, 0, w.Length) == 0);
            if (word is null)
            {
                builder.Append(normal[index]);
                index++;
            }
            else
            {
                index += word.Length;
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// The bigram set and the character set of one text once common words are cut out; a one-character text keeps that
    /// character as its only bigram.
    /// </summary>
    public sealed class Fingerprint
    {
        private Fingerprint(IReadOnlySet<string> bigrams, IReadOnlySet<string> characters)
        {
            Bigrams = bigrams;
            Characters = characters;
        }

        public IReadOnlySet<string> Bigrams { get; }

        public IReadOnlySet<string> Characters { get; }

        public static Fingerprint Of(string? text)
        {
            var normal = WithoutCommonWords(Normalize(text));
            var bigrams = new HashSet<string>(StringComparer.Ordinal);
            var characters = new HashSet<string>(StringComparer.Ordinal);
            if (normal.Length == 1)
            {
                bigrams.Add(normal);
            }

            for (var index = 0; index < normal.Length; index++)
            {
                characters.Add(normal.Substring(index, 1));
                if (index + 1 < normal.Length)
                {
                    bigrams.Add(normal.Substring(index, 2));
                }
            }

            return new Fingerprint(bigrams, characters);
        }
    }
}
