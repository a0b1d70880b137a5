using System.Globalization;

namespace Bpm.Engine.Stores;

/// <summary>Which versions of a definition a query selects, as Elsa names them in <c>versionOptions</c>.</summary>
public enum VersionSelection
{
    /// <summary>No version filter: every version (Elsa's empty <c>versionOptions=</c> on the list).</summary>
    AllVersions,
    Latest,
    Published,

    /// <summary>Versions that are latest or published (a definition with a draft over a published version gives two).</summary>
    LatestOrPublished,

    /// <summary>Versions that are both latest and published.</summary>
    LatestAndPublished,

    /// <summary>Versions that are not published.</summary>
    Draft,

    /// <summary>The one version with <see cref="VersionOptions.Version"/>.</summary>
    SpecificVersion,
}

/// <summary>
/// Elsa's <c>versionOptions</c> text: <c>Latest</c>, <c>Published</c>, <c>LatestOrPublished</c>,
/// <c>LatestAndPublished</c>, <c>Draft</c>, <c>AllVersions</c> or a version number (<c>"3"</c>), case-insensitive.
/// Example: <c>VersionOptions.Parse("3", VersionOptions.Latest)</c> selects version 3; <c>Parse("", Latest)</c> → Latest.
/// </summary>
public sealed record VersionOptions(VersionSelection Selection, int Version = 0)
{
    public static readonly VersionOptions AllVersions = new(VersionSelection.AllVersions);
    public static readonly VersionOptions Latest = new(VersionSelection.Latest);
    public static readonly VersionOptions Published = new(VersionSelection.Published);

    public static VersionOptions SpecificVersion(int version) => new(VersionSelection.SpecificVersion, version);

    /// <summary>Reads the text; empty means <paramref name="whenEmpty"/>; anything else unknown → null.</summary>
    public static VersionOptions? Parse(string? text, VersionOptions whenEmpty)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return whenEmpty;
        }

        var trimmed = text.Trim();
        if (int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var version) && version > 0)
        {
            return SpecificVersion(version);
        }

        return Enum.TryParse<VersionSelection>(trimmed, ignoreCase: true, out var selection)
               && selection != VersionSelection.SpecificVersion && !int.TryParse(trimmed, out _)
            ? new VersionOptions(selection)
            : null;
    }

    /// <summary>Whether a version with these flags is selected.</summary>
    public bool Matches(int version, bool isLatest, bool isPublished) => Selection switch
    {
        VersionSelection.Latest => isLatest,
        VersionSelection.Published => isPublished,
        VersionSelection.LatestOrPublished => isLatest || isPublished,
        VersionSelection.LatestAndPublished => isLatest && isPublished,
        VersionSelection.Draft => !isPublished,
        VersionSelection.SpecificVersion => version == Version,
        _ => true,
    };

    public override string ToString() => Selection == VersionSelection.SpecificVersion ? Version.ToString(CultureInfo.InvariantCulture) : Selection.ToString();
}
