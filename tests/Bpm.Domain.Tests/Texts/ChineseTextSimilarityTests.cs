using Bpm.Domain.Texts;
using Shouldly;

namespace Bpm.Domain.Tests.Texts;

public sealed class ChineseTextSimilarityTests
{
    [Fact]
    public void Same_text_with_other_punctuation_and_width_scores_one()
    {
        ChineseTextSimilarity.Score("增值税专用发票无法开具，请协助！", "增值税专用发票无法开具 请协助").ShouldBe(1);
        ChineseTextSimilarity.Score("ＡＢＣ公司发票", "abc公司发票").ShouldBe(1);
    }

    [Fact]
    public void A_rewording_of_the_same_matter_scores_above_an_unrelated_request()
    {
        const string original = "电子税务局开具增值税专用发票时提示税控设备异常，无法开票";
        var rewording = ChineseTextSimilarity.Score(original, "在电子税务局开增值税专用发票，系统提示税控设备异常，开不出发票");
        var unrelated = ChineseTextSimilarity.Score(original, "个人所得税汇算清缴时专项附加扣除中的住房租金怎么填报");

        rewording.ShouldBeGreaterThan(0.4);
        unrelated.ShouldBeLessThan(0.1);
    }

    [Fact]
    public void Empty_or_punctuation_only_text_scores_zero()
    {
        ChineseTextSimilarity.Score("", "发票").ShouldBe(0);
        ChineseTextSimilarity.Score("，。！", "，。！").ShouldBe(0);
        ChineseTextSimilarity.Score((string?)null, null).ShouldBe(0);
    }

    [Fact]
    public void Normal_form_drops_punctuation_and_folds_width_and_case()
    {
        ChineseTextSimilarity.Normalize("ＡＢＣ，发票！ 12").ShouldBe("abc发票12");
    }
}
