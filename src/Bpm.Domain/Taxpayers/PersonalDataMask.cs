namespace Bpm.Domain.Taxpayers;

/// <summary>
/// How personal data shows where the viewer does not need it in clear (lists, exports, logs): enough to tell two
/// taxpayers apart on a screen, not enough to call one. 张三 → 张*, 张小三 → 张*三, 欧阳娜娜 → 欧**娜,
/// 仙桃市某某贸易有限公司 → 仙桃*******公司; 13812345678 → 138****5678; 0728-3312345 → 0728-***2345;
/// zhang.san@example.com → z***@example.com; 91429004MA4F2A1B3X → 9142**********1B3X.
/// </summary>
public static class PersonalDataMask
{
    public static string Name(string? name)
    {
        var letters = (name ?? "").Trim();
        return letters.Length switch
        {
            0 => "",
            1 => "*",
            2 => letters[..1] + "*",
            < 6 => letters[..1] + new string('*', letters.Length - 2) + letters[^1..],
            _ => letters[..2] + new string('*', letters.Length - 4) + letters[^2..],
        };
    }

    public static string Contact(string? contact)
    {
        var text = (contact ?? "").Trim();
        var at = text.LastIndexOf('@');
        if (at > 0)
        {
            return text[..1] + "***" + text[at..];
        }

        var hyphen = text.IndexOf('-', StringComparison.Ordinal);
        if (hyphen > 0)
        {
            var number = text[(hyphen + 1)..];
            return text[..(hyphen + 1)] + KeepLast(number, 4);
        }

        return text.Length == 11 ? text[..3] + "****" + text[^4..] : KeepLast(text, 4);
    }

    public static string? CreditCode(string? code)
    {
        if (code is null)
        {
            return null;
        }

        var text = code.Trim();
        return text.Length > 8 ? text[..4] + new string('*', text.Length - 8) + text[^4..] : new string('*', text.Length);
    }

    private static string KeepLast(string text, int visible) =>
        text.Length <= visible ? new string('*', text.Length) : new string('*', text.Length - visible) + text[^visible..];
}
