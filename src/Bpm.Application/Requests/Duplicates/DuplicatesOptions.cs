namespace Bpm.Application.Requests.Duplicates;

/// <summary>The <c>Duplicates</c> section of appsettings.json.</summary>
public sealed class DuplicatesOptions
{
    public const string Section = "Duplicates";

    /// <summary>
    /// A requester is a repeat requester when the same credit code or contact asked within this many calendar days before:
    /// 30 by default (a month, the period of the units' monthly report on requests and risk points).
    /// </summary>
    public int RepeatWindowDays { get; set; } = 30;

    /// <summary>At most this many links of each kind per request (the newest repeats, the most similar duplicates).</summary>
    public int MaxLinksPerKind { get; set; } = 10;
}
