namespace Bpm.Domain.Taxpayers;

/// <summary>
/// 统一社会信用代码 (GB 32100-2015): 18 characters from "0-9 A-Y without I O Z S V"; the last one is a
/// check character. Example: 91440300708461136T — the weighted sum of the first 17 characters is 5 mod 31,
/// so the check character is the (31 − 5) = 26th of the alphabet (counting from 0): 'T'.
/// </summary>
public sealed record UnifiedSocialCreditCode
{
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    private UnifiedSocialCreditCode(string value) => Value = value;

    public string Value { get; }

    /// <summary>Accepts upper or lower case and surrounding blanks; anything else that is not a valid code is refused.</summary>
    public static bool TryParse(string? text, out UnifiedSocialCreditCode? code, out string? reason)
    {
        code = null;
        var value = text?.Trim().ToUpperInvariant() ?? "";
        if (value.Length != 18)
        {
            reason = "统一社会信用代码应为18位 (a unified social credit code has 18 characters)";
            return false;
        }

        foreach (var c in value)
        {
            if (Alphabet.IndexOf(c, StringComparison.Ordinal) < 0)
            {
                reason = $"统一社会信用代码含有非法字符 '{c}' (I, O, Z, S, V are never used)";
                return false;
            }
        }

        if (CheckCharacter(value.AsSpan(0, 17)) != value[17])
        {
            reason = "统一社会信用代码校验位错误 (the check character does not match)";
            return false;
        }

        code = new UnifiedSocialCreditCode(value);
        reason = null;
        return true;
    }

    public static UnifiedSocialCreditCode Parse(string text) =>
        TryParse(text, out var code, out var reason) ? code! : throw new DomainException("taxpayer.credit-code", reason!, "creditCode");

    /// <summary>The check character for the first 17 characters: Alphabet[(31 − Σ value·weight mod 31) mod 31].</summary>
    public static char CheckCharacter(ReadOnlySpan<char> first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        }

        return Alphabet[(31 - sum % 31) % 31];
    }

    public override string ToString() => Value;
}
