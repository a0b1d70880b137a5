using System.Globalization;

namespace Bpm.Server.WebUi.Components;

/// <summary>
/// Query values of pages read as text and parsed here, so that a hand-edited address shows the page instead of an error:
/// Blazor fails the whole request when <c>?year=abc</c> does not fit an <c>int?</c> property. Example: <c>?year=2026</c> → 2026;
/// <c>?year=abc</c>, <c>?year=99999999999</c> or <c>?year=20260</c> (outside 1900–2100) → null, i.e. the default.
/// </summary>
public static class QueryValues
{
    public static int? Int(string? text, int min = 0, int max = int.MaxValue) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max ? value : null;

    public static Guid? Guid(string? text) => System.Guid.TryParse(text, out var value) ? value : null;
}
