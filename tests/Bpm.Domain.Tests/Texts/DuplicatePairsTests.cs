using System.Globalization;
using System.Text.Json;
using Bpm.Domain.Texts;
using Shouldly;
using Xunit.Abstractions;

namespace Bpm.Domain.Tests.Texts;

/// <summary>
/// Duplicate detection on the written test set (DuplicatePairs.json): 33 pairs of one matter told twice and 33 pairs of
/// different matters, most of them hard (same tax, same channel, different problem).
/// </summary>
public sealed class DuplicatePairsTests(ITestOutputHelper output)
{
    private sealed record Pair(bool Same, string Topic, string First, string Second);

    private sealed record PairFile(string About, IReadOnlyList<Pair> Pairs);

    private static IReadOnlyList<Pair> Pairs()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Texts", "DuplicatePairs.json");
        var file = JsonSerializer.Deserialize<PairFile>(File.ReadAllText(path), new JsonSerializerOptions(JsonSerializerDefaults.Web));
        return file!.Pairs;
    }

    [Fact]
    public void The_test_set_has_at_least_thirty_pairs_of_each_kind()
    {
        var pairs = Pairs();
        pairs.Count(p => p.Same).ShouldBeGreaterThanOrEqualTo(30);
        pairs.Count(p => !p.Same).ShouldBeGreaterThanOrEqualTo(30);
    }

    [Fact]
    public void At_the_threshold_rewritten_texts_are_found_and_different_matters_mostly_ignored()
    {
        var scored = Pairs().Select(p => (Pair: p, Score: ChineseTextSimilarity.Score(p.First, p.Second))).ToList();
        var flagged = scored.Where(s => s.Score >= ChineseTextSimilarity.DuplicateThreshold).ToList();
        var truePositives = flagged.Count(s => s.Pair.Same);
        var precision = (double)truePositives / flagged.Count;
        var recall = (double)truePositives / scored.Count(s => s.Pair.Same);

        foreach (var (pair, score) in scored.OrderBy(s => s.Score))
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{score:0.000} {(pair.Same ? "same" : "diff")} {pair.Topic}"));
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"threshold {ChineseTextSimilarity.DuplicateThreshold}: precision {precision:0.00}, recall {recall:0.00} ({truePositives} of {scored.Count(s => s.Pair.Same)} found, {flagged.Count - truePositives} false flags)"));
        precision.ShouldBeGreaterThanOrEqualTo(0.9);
        recall.ShouldBeGreaterThanOrEqualTo(0.95);
    }

    [Fact]
    public void Politeness_and_boilerplate_do_not_make_two_matters_alike()
    {
        var plain = ChineseTextSimilarity.Score("出口退税审核进度太慢", "留抵退税条件是什么");
        var polite = ChineseTextSimilarity.Score("您好，请问我们公司出口退税审核进度太慢，谢谢", "您好，请问我们公司留抵退税条件是什么，谢谢");

        (polite - plain).ShouldBeLessThan(0.1);
    }
}
