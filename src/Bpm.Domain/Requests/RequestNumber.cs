using System.Globalization;

namespace Bpm.Domain.Requests;

/// <summary>
/// The number staff and taxpayers quote: bureau prefix, year of receipt (bureau-local), and a sequence
/// that restarts every year per bureau. Example: the 123rd request of 2026 at Xiantao → XT-2026-000123.
/// </summary>
public readonly record struct RequestNumber(string Prefix, int Year, int Sequence)
{
    public const int MaxSequence = 999_999;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{Year:D4}-{Sequence:D6}");

    public static bool TryParse(string? text, out RequestNumber number)
    {
        number = default;
        var parts = (text ?? "").Split('-');
        if (parts.Length != 3 || !BureauPrefix.IsValid(parts[0]) || parts[1].Length != 4 || parts[2].Length != 6
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence == 0)
        {
            return false;
        }

        number = new RequestNumber(parts[0], year, sequence);
        return true;
    }
}

/// <summary>A bureau's number prefix: 2–8 upper-case ASCII letters or digits starting with a letter, e.g. XT, WLCB, JN01.</summary>
public static class BureauPrefix
{
    public static bool IsValid(string? prefix) =>
        prefix is { Length: >= 2 and <= 8 } && char.IsAsciiLetterUpper(prefix[0])
        && prefix.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
}
