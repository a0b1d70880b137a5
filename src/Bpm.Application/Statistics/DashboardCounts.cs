using Bpm.Domain.Requests;
using Bpm.Domain.Taxpayers;

namespace Bpm.Application.Statistics;

/// <summary>One request as the dashboard counts it: the facts its figures need, nothing else (no personal data).</summary>
public readonly record struct DashboardRow(
    DateTimeOffset ReceivedAt,
    RequestStatus Status,
    bool HandledLate,
    bool Responded,
    string? RevisitOutcome,
    RequestType Type,
    Channel Channel,
    TaxpayerSize? Size,
    string? Industry,
    bool RepeatRequester);

/// <summary>A counted key: the figure ("type") and the group within it ("Policy"; "" for "not recorded" or for a plain count).</summary>
public readonly record struct CountKey(string Figure, string Key);

/// <summary>
/// What one request adds to the dashboard's counts: one for "total", one per group it falls in ("type"/"Policy",
/// "channel"/"Hall", "industry"/"" when not recorded …) and one per fact that holds ("responded", "repeat" …).
/// Both the daily counters (kept in the same transaction as every request change) and the row scan count with it,
/// so they cannot disagree. Example: a closed Policy request handled late and revisited Satisfied adds total, type/Policy,
/// channel/…, industry/…, size/…, status/Closed, closedLate, revisited and satisfied.
/// </summary>
public static class DashboardCounts
{
    public const string Total = "total";
    public const string Type = "type";
    public const string Channel = "channel";
    public const string Industry = "industry";
    public const string Size = "size";
    public const string Status = "status";
    public const string ClosedLate = "closedLate";
    public const string Responded = "responded";
    public const string Revisited = "revisited";
    public const string Satisfied = "satisfied";
    public const string Repeat = "repeat";

    /// <summary>The longest key: an industry name (registration refuses longer ones).</summary>
    public const int MaxKeyLength = RequestRegistrationRules.MaxIndustryLength;

    private const string SatisfiedOutcome = "Satisfied";

    public static IEnumerable<CountKey> Of(DashboardRow row)
    {
        yield return new CountKey(Total, "");
        yield return new CountKey(Type, row.Type.ToString());
        yield return new CountKey(Channel, row.Channel.ToString());
        yield return new CountKey(Industry, row.Industry ?? "");
        yield return new CountKey(Size, row.Size?.ToString() ?? "");
        yield return new CountKey(Status, row.Status.ToString());
        if (row.Status == RequestStatus.Closed && row.HandledLate)
        {
            yield return new CountKey(ClosedLate, "");
        }

        if (row.Responded)
        {
            yield return new CountKey(Responded, "");
        }

        if (row.RevisitOutcome is { } outcome)
        {
            yield return new CountKey(Revisited, "");
            if (outcome == SatisfiedOutcome)
            {
                yield return new CountKey(Satisfied, "");
            }
        }

        if (row.RepeatRequester)
        {
            yield return new CountKey(Repeat, "");
        }
    }
}
