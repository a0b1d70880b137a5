namespace Bpm.Domain.Requests;

/// <summary>What registration found out about a new request and an earlier one. Stored by name; never rename a member.</summary>
public enum RequestLinkKind
{
    /// <summary>重复诉求人: the same credit code or contact asked before, within the repeat window.</summary>
    Repeat,

    /// <summary>疑似重复诉求: the same taxpayer, the same request type and a similar text.</summary>
    LikelyDuplicate,
}

/// <summary>
/// A finding of duplicate detection, written once at registration: the new request <see cref="RequestId"/> and the
/// earlier <see cref="RelatedRequestId"/>. Example: XT-2026-000140 (仙桃恒达, 开专票提示税控设备异常) → XT-2026-000121 of the
/// same taxpayer a week earlier, LikelyDuplicate, score 0.48. A hint for the handler, never a decision.
/// </summary>
public sealed class RequestLink
{
    private RequestLink()
    {
    }

    public RequestLink(Guid id, Guid requestId, Guid relatedRequestId, RequestLinkKind kind, double? score, DateTimeOffset createdAt)
    {
        if (requestId == relatedRequestId)
        {
            throw new ArgumentException("A request is not linked to itself.", nameof(relatedRequestId));
        }

        Id = id;
        RequestId = requestId;
        RelatedRequestId = relatedRequestId;
        Kind = kind;
        Score = score is { } value ? Math.Round(value, 3) : null;
        CreatedAt = createdAt.ToUniversalTime();
    }

    public Guid Id { get; private set; }

    /// <summary>The request registered later, whose registration found the link.</summary>
    public Guid RequestId { get; private set; }

    /// <summary>The earlier request.</summary>
    public Guid RelatedRequestId { get; private set; }

    public RequestLinkKind Kind { get; private set; }

    /// <summary>Text similarity 0–1 of a likely duplicate (0.86 shows as 86%); null for a repeat.</summary>
    public double? Score { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }
}
