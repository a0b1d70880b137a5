using Bpm.Domain.Requests;

namespace Bpm.Domain.Tests.Requests;

public sealed class RequestNumberTests
{
    [Fact]
    public void The_123rd_request_of_2026_at_Xiantao_is_XT_2026_000123()
    {
        new RequestNumber("XT", 2026, 123).ToString().ShouldBe("XT-2026-000123");
        RequestNumber.TryParse("XT-2026-000123", out var parsed).ShouldBeTrue();
        parsed.ShouldBe(new RequestNumber("XT", 2026, 123));
    }

    [Theory]
    [InlineData("XT", 2026, 1)]
    [InlineData("XT", 2026, 123)]
    [InlineData("WLCB", 2025, 999_999)]
    [InlineData("JN01", 2000, 10)]
    [InlineData("ABCDEFGH", 9999, 500_000)]
    public void Format_and_parse_round_trip(string prefix, int year, int sequence)
    {
        var number = new RequestNumber(prefix, year, sequence);
        var text = number.ToString();

        text.Length.ShouldBe(prefix.Length + 12);
        text.ShouldStartWith(prefix + "-");
        RequestNumber.TryParse(text, out var parsed).ShouldBeTrue(text);
        parsed.ShouldBe(number);
    }

    [Fact]
    public void Many_numbers_round_trip()
    {
        var random = new Random(123);
        for (var i = 0; i < 1_000; i++)
        {
            var number = new RequestNumber("XT", random.Next(2000, 2100), random.Next(1, RequestNumber.MaxSequence + 1));
            RequestNumber.TryParse(number.ToString(), out var parsed).ShouldBeTrue();
            parsed.ShouldBe(number);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("XT")]
    [InlineData("XT-2026")]
    [InlineData("XT-2026-123")] // sequence not padded to 6
    [InlineData("XT-2026-0000123")] // 7 digits
    [InlineData("XT-26-000123")] // 2-digit year
    [InlineData("xt-2026-000123")] // lower-case prefix
    [InlineData("X-2026-000123")] // prefix too short
    [InlineData("ABCDEFGHI-2026-000123")] // prefix too long
    [InlineData("1X-2026-000123")] // prefix starts with a digit
    [InlineData("仙桃-2026-000123")]
    [InlineData("XT-2026-000000")] // sequences start at 1
    [InlineData("XT_2026_000123")]
    [InlineData("XT-2026-000123-1")]
    [InlineData("XT--2026-000123")]
    [InlineData(" XT-2026-000123")]
    [InlineData("XT-2026-000123 ")]
    [InlineData("XT-2026-00012a")]
    [InlineData("XT-2026-+00123")]
    [InlineData("XT-+026-000123")]
    [InlineData("XT-2026- 00123")]
    [InlineData("XT-２０２６-000123")] // full-width digits
    [InlineData("XT-2026-٠٠٠١٢٣")] // Arabic-Indic digits
    public void Malformed_strings_are_refused(string? text)
    {
        RequestNumber.TryParse(text, out var number).ShouldBeFalse();
        number.ShouldBe(default);
    }

    [Theory]
    [InlineData("XT", true)]
    [InlineData("WLCB", true)]
    [InlineData("JN01", true)]
    [InlineData("ABCDEFGH", true)]
    [InlineData("X", false)]
    [InlineData("ABCDEFGHI", false)]
    [InlineData("xt", false)]
    [InlineData("1X", false)]
    [InlineData("X-T", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Bureau_prefixes_are_two_to_eight_upper_case_letters_or_digits_starting_with_a_letter(string? prefix, bool valid)
    {
        BureauPrefix.IsValid(prefix).ShouldBe(valid);
    }
}
