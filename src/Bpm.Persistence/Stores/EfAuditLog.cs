using Bpm.Application.Audit;
using Bpm.Domain.Audit;
using Bpm.Persistence.Audit;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>Appends explicit audit rows (sign-ins, data views) and reads the chain; see <see cref="AuditRecorder"/> for the rest.</summary>
internal sealed class EfAuditLog(BpmDbContext db) : IAuditLog, IAuditTrail
{
    public async Task AppendAsync(AuditEvent auditEvent, AuditActor? actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (db.Database.CurrentTransaction is { } ambient)
        {
            db.Audit.Add(ambient, [auditEvent], actor);
            return;
        }

        using var writer = await SqliteWriterGate.EnterAsync(db, cancellationToken);
        await using var own = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Audit.Add(own, [auditEvent], actor);
        await own.CommitAsync(cancellationToken);
    }

    public async Task<AuditChainHead> HeadAsync(CancellationToken cancellationToken)
    {
        var head = await db.AuditChainHead.AsNoTracking().SingleAsync(h => h.Id == AuditChainHeadRow.SingletonId, cancellationToken);
        return new AuditChainHead(head.LastSequence, head.LastHash, head.CheckpointSequence, head.CheckpointHash);
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadChainAsync(long fromSequence, int count, CancellationToken cancellationToken) =>
        await db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= fromSequence).OrderBy(e => e.Sequence).Take(count).ToListAsync(cancellationToken);

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var rows = db.AuditEntries.AsNoTracking();
        if (query.BureauIds.Count > 0)
        {
            var bureaus = query.BureauIds.ToList();
            rows = rows.Where(e => e.BureauId != null && bureaus.Contains(e.BureauId.Value));
        }

        if (query.From is { } from)
        {
            rows = rows.Where(e => e.At >= from);
        }

        if (query.To is { } to)
        {
            rows = rows.Where(e => e.At < to);
        }

        if (query.Kind is { } kind)
        {
            rows = rows.Where(e => e.Kind == kind);
        }

        if (!string.IsNullOrEmpty(query.Subject))
        {
            rows = rows.Where(e => e.Subject == query.Subject);
        }

        if (query.ActorUserId is { } actor)
        {
            rows = rows.Where(e => e.ActorUserId == actor);
        }

        var total = await rows.CountAsync(cancellationToken);
        var page = await rows.OrderByDescending(e => e.Sequence).Skip((Math.Max(1, query.Page) - 1) * query.PageSize).Take(query.PageSize)
            .ToListAsync(cancellationToken);
        return new AuditPage(page, total);
    }

    public async Task<int> PruneAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        using var writer = await SqliteWriterGate.EnterAsync(db, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var head = await db.AuditChainHead.SingleAsync(h => h.Id == AuditChainHeadRow.SingletonId, cancellationToken);
        var cutoff = AuditEntry.TruncateToMilliseconds(before);
        var last = await db.AuditEntries.AsNoTracking().Where(e => e.At < cutoff).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancellationToken);
        if (last is null)
        {
            await transaction.CommitAsync(cancellationToken);
            return 0;
        }

        // PostgreSQL's trigger (AuditTableGuards) lets a DELETE through only when this transaction says it is pruning.
        if (db is PostgreSqlBpmDbContext)
        {
            await db.Database.ExecuteSqlRawAsync("SET LOCAL bpm.audit_pruning = 'on'", cancellationToken);
        }

        var pruned = await db.AuditEntries.Where(e => e.Sequence <= last.Sequence).ExecuteDeleteAsync(cancellationToken);
        head.CheckpointSequence = last.Sequence;
        head.CheckpointHash = last.Hash;
        db.Audit.Add(transaction, [new AuditEvent(AuditKind.Retention, "audit", $"{pruned} rows written before {cutoff.UtcDateTime:yyyy-MM-dd'T'HH:mm'Z'} pruned; checkpoint {last.Sequence}")]);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return pruned;
    }
}
