using Bpm.Domain.Audit;

namespace Bpm.Persistence.Audit;

/// <summary>
/// The single row (Id 1) at the end of the audit chain. Appending locks it (an UPDATE of the row, so PostgreSQL and SQL Server
/// make concurrent writers, on any server node, queue here until the holder commits; SQLite serialises writers anyway),
/// reads the last sequence and hash, writes the new rows and moves the head. The lock is taken only at commit time, so a
/// registration holds it for the few milliseconds of its audit rows, not for its whole transaction.
/// </summary>
internal sealed class AuditChainHeadRow
{
    public const int SingletonId = 1;

    public int Id { get; set; } = SingletonId;

    public long LastSequence { get; set; }

    public string LastHash { get; set; } = AuditChain.Genesis;

    /// <summary>The last pruned row (0 when none was); the first kept row's previous hash must equal <see cref="CheckpointHash"/>.</summary>
    public long CheckpointSequence { get; set; }

    public string CheckpointHash { get; set; } = AuditChain.Genesis;
}
