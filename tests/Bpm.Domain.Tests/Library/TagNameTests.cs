using Bpm.Domain.Tags;
using Shouldly;

namespace Bpm.Domain.Tests.Library;

public sealed class TagNameTests
{
    [Fact]
    public void Names_are_trimmed_and_a_repeated_name_counts_once_in_its_first_place()
    {
        TagName.CheckAll(["  发票  ", "出口退税", "发票"], TagName.MaxPerRequest, "tags").ShouldBe(["发票", "出口退税"]);
    }

    [Fact]
    public void Blank_too_long_and_control_character_names_are_each_refused_naming_the_field()
    {
        var refused = Should.Throw<DomainValidationException>(() =>
            TagName.CheckAll(["  ", new string('税', 21), "电子\n税务局", "发票"], TagName.MaxPerRequest, "tags"));

        refused.Errors.Select(e => e.Field).ShouldAllBe(field => field == "tags");
        refused.Errors.Count.ShouldBe(3);
        refused.Errors[1].Reason.ShouldContain("20");
        refused.Errors[2].Reason.ShouldContain("控制字符");
    }

    [Fact]
    public void Twenty_characters_pass_and_an_eleventh_distinct_tag_is_refused()
    {
        TagName.CheckAll([new string('税', 20)], TagName.MaxPerRequest, "tags").ShouldHaveSingleItem().Length.ShouldBe(20);
        var eleven = Enumerable.Range(1, 11).Select(i => $"标签{i}").ToList();

        Should.Throw<DomainValidationException>(() => TagName.CheckAll(eleven, TagName.MaxPerRequest, "tags"))
            .Errors.ShouldHaveSingleItem().Reason.ShouldContain("10");
    }
}
