using System.Globalization;
using Bpm.Domain;

namespace Bpm.Server.Api;

/// <summary>
/// Parsing of query-string values taken as text, collecting one <see cref="FieldError"/> per bad value so a query is
/// refused with every reason at once: <c>?type=Lost&amp;page=0</c> → errors for <c>type</c> and <c>page</c>.
/// </summary>
internal static class QueryText
{
    /// <summary>Names only, any case (<c>closed</c> = <c>Closed</c>); numbers are refused, since they would silently change meaning if the enum grew.</summary>
    public static TEnum? Enum<TEnum>(List<FieldError> errors, string name, string? text)
        where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var match = System.Enum.GetNames<TEnum>().FirstOrDefault(n => string.Equals(n, text.Trim(), StringComparison.OrdinalIgnoreCase));
        if (match is null)
        {
            errors.Add(new FieldError(name, $"未知的取值“{text}”；可选：{string.Join(", ", System.Enum.GetNames<TEnum>())}"));
            return null;
        }

        return System.Enum.Parse<TEnum>(match);
    }

    /// <summary>"true" or "false" in any case; absent = false.</summary>
    public static bool Flag(List<FieldError> errors, string name, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        if (bool.TryParse(text.Trim(), out var flag))
        {
            return flag;
        }

        errors.Add(new FieldError(name, $"应为 true 或 false (got “{text}”)"));
        return false;
    }

    /// <summary>A whole number in [<paramref name="min"/>, <paramref name="max"/>]; absent = <paramref name="fallback"/>.</summary>
    public static int Int(List<FieldError> errors, string name, string? text, int fallback, int min, int max)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(new FieldError(name, $"应为{min}到{max}之间的整数 (got “{text}”)"));
        return fallback;
    }
}
