using Bpm.Domain.Taxpayers;

namespace Bpm.Domain.Tests.Taxpayers;

public sealed class UnifiedSocialCreditCodeTests
{
    /// <summary>GB 32100-2015 character set: 0-9 and A-Z without I, O, Z, S, V (31 characters).</summary>
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>
    /// The check character as GB 32100-2015 §5 defines it, written here independently of the product:
    /// weight of position i (0-based) is 3^i mod 31, C18 = 31 − (Σ value·weight mod 31), with 31 read as 0.
    /// </summary>
    private static char ReferenceCheckCharacter(string first17)
    {
        var sum = 0;
        var weight = 1;
        foreach (var c in first17)
        {
            sum += Alphabet.IndexOf(c, StringComparison.Ordinal) * weight;
            weight = weight * 3 % 31;
        }

        var check = 31 - sum % 31;
        return Alphabet[check == 31 ? 0 : check];
    }

    [Theory]
    [InlineData("91440300708461136T")] // 华为技术有限公司
    [InlineData("91110000802100433B")] // 中国石油化工股份有限公司
    [InlineData("911100001000044477")] // 中国石油天然气集团有限公司
    [InlineData("91350100M000100Y43")] // 福耀玻璃工业集团股份有限公司
    public void Published_codes_are_valid(string published)
    {
        UnifiedSocialCreditCode.TryParse(published, out var code, out var reason).ShouldBeTrue(reason);
        code!.Value.ShouldBe(published);
        reason.ShouldBeNull();
        ReferenceCheckCharacter(published[..17]).ShouldBe(published[17]); // the oracle agrees with reality
    }

    [Theory]
    [InlineData("91440300708461136t", "91440300708461136T")]
    [InlineData("91350100m000100y43", "91350100M000100Y43")]
    [InlineData("  91110000802100433B  ", "91110000802100433B")]
    [InlineData("\t91110000802100433b\r\n", "91110000802100433B")]
    public void Lower_case_and_surrounding_blanks_are_accepted_and_normalised(string input, string normalised)
    {
        UnifiedSocialCreditCode.TryParse(input, out var code, out _).ShouldBeTrue();
        code!.Value.ShouldBe(normalised);
        UnifiedSocialCreditCode.Parse(input).ShouldBe(code);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("91440300708461136")] // 17
    [InlineData("91440300708461136T0")] // 19
    [InlineData("9144 0300 7084 6113 6T")] // inner blanks are not part of a code
    public void Wrong_length_is_refused_with_a_reason(string? input)
    {
        UnifiedSocialCreditCode.TryParse(input, out var code, out var reason).ShouldBeFalse();
        code.ShouldBeNull();
        reason.ShouldNotBeNullOrWhiteSpace();
        reason.ShouldContain("18");
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('Z')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('i')]
    [InlineData('-')]
    [InlineData('Ａ')] // full-width A
    public void Forbidden_characters_are_refused_naming_the_character(char forbidden)
    {
        // Put the character in the organisation-code part of a valid code; the check character no longer
        // matters because the character set is checked first.
        var input = "91440300" + forbidden + "08461136T";
        input.Length.ShouldBe(18);

        UnifiedSocialCreditCode.TryParse(input, out var code, out var reason).ShouldBeFalse();
        code.ShouldBeNull();
        reason.ShouldNotBeNull();
        reason.ShouldContain(char.ToUpperInvariant(forbidden).ToString());
    }

    [Theory]
    [InlineData("91440300708461136T")]
    [InlineData("91110000802100433B")]
    [InlineData("911100001000044477")]
    [InlineData("91350100M000100Y43")]
    public void Every_other_check_character_is_refused(string published)
    {
        foreach (var wrong in Alphabet.Where(c => c != published[17]))
        {
            var input = published[..17] + wrong;
            UnifiedSocialCreditCode.TryParse(input, out var code, out var reason).ShouldBeFalse(input);
            code.ShouldBeNull();
            reason.ShouldNotBeNull();
            reason.ShouldContain("校验");
        }
    }

    [Fact]
    public void Parse_throws_a_domain_exception_for_the_creditCode_field()
    {
        var thrown = Should.Throw<DomainException>(() => UnifiedSocialCreditCode.Parse("91440300708461136A"));
        thrown.Field.ShouldBe("creditCode");
        thrown.Code.ShouldBe("taxpayer.credit-code");
        thrown.Message.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void For_random_prefixes_exactly_one_of_the_31_check_characters_is_accepted()
    {
        var random = new Random(20260213);
        for (var n = 0; n < 2_000; n++)
        {
            var prefix = new string(Enumerable.Range(0, 17).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            var accepted = Alphabet.Where(c => UnifiedSocialCreditCode.TryParse(prefix + c, out _, out _)).ToList();

            accepted.Count.ShouldBe(1, prefix);
            accepted[0].ShouldBe(ReferenceCheckCharacter(prefix), prefix);
            UnifiedSocialCreditCode.CheckCharacter(prefix).ShouldBe(accepted[0]);
        }
    }

    [Fact]
    public void Any_single_substituted_character_in_a_valid_code_is_detected()
    {
        // 31 is prime and no weight is 0 mod 31, so changing one character always changes the sum mod 31.
        var random = new Random(32100);
        for (var n = 0; n < 300; n++)
        {
            var prefix = new string(Enumerable.Range(0, 17).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
            var valid = prefix + ReferenceCheckCharacter(prefix);
            var position = random.Next(17);
            var replacement = Alphabet.Where(c => c != valid[position]).ElementAt(random.Next(30));
            var corrupted = valid[..position] + replacement + valid[(position + 1)..];

            UnifiedSocialCreditCode.TryParse(valid, out _, out _).ShouldBeTrue(valid);
            UnifiedSocialCreditCode.TryParse(corrupted, out _, out _).ShouldBeFalse(corrupted);
        }
    }
}
