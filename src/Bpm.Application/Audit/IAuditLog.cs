using Bpm.Domain.Audit;

namespace Bpm.Application.Audit;

/// <summary>
/// The end of the chain and the retention checkpoint. Nothing pruned yet: checkpoint (0, <see cref="AuditChain.Genesis"/>).
/// After pruning rows 1–500: checkpoint (500, hash of row 500), so row 501's previous hash is still checked.
/// </summary>
public sealed record AuditChainHead(long LastSequence, string LastHash, long CheckpointSequence, string CheckpointHash);

/// <summary>Filters of <c>GET /api/audit</c>; all optional. Page numbers start at 1.</summary>
public sealed record AuditQuery(
    IReadOnlyCollection<Guid> BureauIds, DateTimeOffset? From = null, DateTimeOffset? To = null, AuditKind? Kind = null, string? Subject = null,
    Guid? ActorUserId = null, int Page = 1, int PageSize = 50);

public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total);

/// <summary>Reads the audit log; the only write besides appending is retention pruning.</summary>
public interface IAuditLog
{
    Task<AuditChainHead> HeadAsync(CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="count"/> rows from <paramref name="fromSequence"/> on, in sequence order.</summary>
    Task<IReadOnlyList<AuditEntry>> ReadChainAsync(long fromSequence, int count, CancellationToken cancellationToken);

    /// <summary>Newest first, rows of the given bureaus (plus rows of no bureau when <see cref="AuditQuery.BureauIds"/> is empty: a central auditor).</summary>
    Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes rows written before <paramref name="before"/> and moves the checkpoint to the last of them, in one transaction,
    /// and appends a Retention row saying so. Returns how many rows went.
    /// </summary>
    Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
