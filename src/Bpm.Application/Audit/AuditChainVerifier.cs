using Bpm.Domain.Audit;

namespace Bpm.Application.Audit;

/// <summary>Outcome of a walk: rows checked, and the first sequence at which the chain breaks (null: intact).</summary>
public sealed record AuditVerification(long RowsChecked, long? BrokenAt, string? Reason)
{
    public bool IsIntact => BrokenAt is null;
}

/// <summary>
/// Walks the chain in batches and names the first broken sequence: an edited row (its hash no longer matches its fields),
/// a deleted row (a gap in the numbers, or the next row's previous hash points at something else), a reordered row
/// (previous hash mismatch), a deleted tail (the chain ends before the head says it does).
/// Example: row 7's summary changed with raw SQL → "broken at 7: hash does not match the row".
/// </summary>
public sealed class AuditChainVerifier(IAuditLog log, AuditHasher hasher)
{
    public const int BatchSize = 1_000;

    /// <param name="fromSequence">start there, trusting that row's previous hash; null: from the retention checkpoint.</param>
    public async Task<AuditVerification> VerifyAsync(long? fromSequence, CancellationToken cancellationToken)
    {
        var head = await log.HeadAsync(cancellationToken);
        var expected = Math.Max(fromSequence ?? head.CheckpointSequence + 1, head.CheckpointSequence + 1);
        string? previousHash = expected == head.CheckpointSequence + 1 ? head.CheckpointHash : null;
        long checkedRows = 0;
        while (true)
        {
            var batch = await log.ReadChainAsync(expected, BatchSize, cancellationToken);
            foreach (var row in batch)
            {
                if (row.Sequence != expected)
                {
                    return new AuditVerification(checkedRows, expected, $"row {expected} is missing (next row is {row.Sequence})");
                }

                if (previousHash is not null && row.PreviousHash != previousHash)
                {
                    return new AuditVerification(checkedRows, row.Sequence, "previous hash does not match the row before (a row was deleted, replaced or moved)");
                }

                if (hasher.Hash(row) != row.Hash)
                {
                    return new AuditVerification(checkedRows, row.Sequence, "hash does not match the row (the row was edited)");
                }

                checkedRows++;
                previousHash = row.Hash;
                expected++;
            }

            if (batch.Count < BatchSize)
            {
                break;
            }
        }

        var last = expected - 1;
        if (last < head.LastSequence)
        {
            return new AuditVerification(checkedRows, expected, $"the chain ends at {last} but its head says {head.LastSequence} (rows deleted at the end)");
        }

        if (last > head.CheckpointSequence && last == head.LastSequence && previousHash != head.LastHash)
        {
            return new AuditVerification(checkedRows, last, "the last row's hash differs from the chain head's");
        }

        return new AuditVerification(checkedRows, null, null);
    }
}
