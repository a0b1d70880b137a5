using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Bpm.Application.Audit;
using Bpm.Domain.Audit;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Calendar;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Domain.Users;
using Bpm.Persistence.Stores;
using Bpm.Persistence.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Bpm.Persistence.Audit;

/// <summary>
/// The audit rows a context owes, per transaction. Every save (and every set-based write of <see cref="BulkWrites"/>) describes
/// what it changed; the rows wait, tagged with their transaction, until that transaction commits (<see cref="AuditCommitInterceptor"/>),
/// are then chained in the same transaction, and are dropped if it rolls back. So an accepted change always has its row and a
/// rolled-back one never does.
/// What is recorded: a request registered or changing status; a task opened, claimed, released, transferred, completed,
/// cancelled, paused or resumed; every <see cref="DeadlineChange"/> (which is how a re-dated task is recorded); any change of bureaus, units, users,
/// categories, SLA lines, calendar days, holidays and workflow definitions. Never request text, contact or credit code.
/// </summary>
internal sealed class AuditRecorder
{
    private readonly List<(Guid Transaction, AuditEvent Event, AuditActor Actor, DateTimeOffset At)> _pending = [];

    public IAuditActorSource? Actors { get; set; }

    public TimeProvider Time { get; set; } = TimeProvider.System;

    public AuditHasher Hasher { get; set; } = new(new AuditOptions(), Sm3.Digest);

    public bool HasPending => _pending.Count > 0;

    private AuditActor CurrentActor => Actors?.Current ?? AuditActor.System;

    /// <summary>Describes tracked changes (a SaveChanges about to run); returns how many rows they owe.</summary>
    public IReadOnlyList<AuditEvent> Describe(IEnumerable<EntityEntry> entries)
    {
        var events = new List<AuditEvent>();
        foreach (var entry in entries)
        {
            var described = entry.State switch
            {
                EntityState.Added => DescribeAdded(entry.Entity),
                EntityState.Modified => DescribeModified(entry),
                EntityState.Deleted => DescribeAdmin(entry, "deleted"),
                _ => null,
            };
            if (described is not null)
            {
                events.Add(described);
            }
        }

        return events;
    }

    public IReadOnlyList<AuditEvent> DescribeInserted<T>(IEnumerable<T> rows)
        where T : class =>
        [.. rows.Select(r => DescribeAdded(r)).OfType<AuditEvent>()];

    /// <summary>Rows to chain when <paramref name="transaction"/> commits.</summary>
    public void Add(IDbContextTransaction transaction, IEnumerable<AuditEvent> events, AuditActor? actor = null)
    {
        var who = actor ?? CurrentActor;
        var at = Time.GetUtcNow();
        foreach (var auditEvent in events)
        {
            _pending.Add((transaction.TransactionId, auditEvent with { BureauId = auditEvent.BureauId ?? who.BureauId }, who, at));
        }
    }

    public void Discard(Guid transactionId) => _pending.RemoveAll(p => p.Transaction == transactionId);

    /// <summary>
    /// Chains the rows of the committing transaction: lock the head row, read it, write the rows, move the head. Rows of
    /// any other (abandoned) transaction are dropped: their changes were never committed.
    /// </summary>
    public async Task FlushAsync(BpmDbContext db, Guid transactionId, CancellationToken cancellationToken)
    {
        while (_pending.Count > 0)
        {
            var mine = _pending.Where(p => p.Transaction == transactionId).ToList();
            _pending.Clear();
            if (mine.Count == 0)
            {
                return;
            }

            var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
                ?? throw new InvalidOperationException("audit rows are chained inside the transaction that made them");
            var sql = db.GetService<ISqlGenerationHelper>();
            var head = sql.DelimitIdentifier("AuditChainHead");
            string Column(string name) => sql.DelimitIdentifier(name);

            // The head row is locked by a no-op update, so concurrent commits chain one after the other, and read: on SQLite and
            // PostgreSQL in the same statement (UPDATE … RETURNING, one round trip less per commit), elsewhere by a SELECT after it.
            var lockHead = $"UPDATE {head} SET {Column("LastSequence")} = {Column("LastSequence")} WHERE {Column("Id")} = 1";
            var readHead = $"{Column("LastSequence")}, {Column("LastHash")}";
            var returning = db.IsSupported();
            if (!returning)
            {
                await ExecuteAsync(transaction, lockHead, cancellationToken);
            }

            var (lastSequence, lastHash) = await ReadHeadAsync(
                transaction, returning ? $"{lockHead} RETURNING {readHead}" : $"SELECT {readHead} FROM {head} WHERE {Column("Id")} = 1", cancellationToken);

            var rows = new List<AuditEntry>(mine.Count);
            foreach (var (_, auditEvent, actor, at) in mine)
            {
                var row = new AuditEntry(
                    ++lastSequence, at, actor.UserId, actor.Name, auditEvent.BureauId, auditEvent.Kind, auditEvent.Subject, auditEvent.Summary,
                    Hasher.Algorithm, lastHash);
                row.Seal(Hasher.Hash(row));
                lastHash = row.Hash;
                rows.Add(row);
            }

            // The head moves past the rows after them, on PostgreSQL in their round trip; it exists (it was just locked and read).
            await db.InsertAsync(rows, [FormattableStringFactory.Create(
                $"UPDATE {head} SET {Column("LastSequence")} = {{0}}, {Column("LastHash")} = {{1}} WHERE {Column("Id")} = 1", lastSequence, lastHash)], cancellationToken);
        }
    }

    private static async Task ExecuteAsync(DbTransaction transaction, string text, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        if (await command.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new InvalidOperationException("the audit chain head row (Id 1) is missing: run the migrations");
        }
    }

    private static async Task<(long Sequence, string Hash)> ReadHeadAsync(DbTransaction transaction, string text, CancellationToken cancellationToken)
    {
        await using var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            throw new InvalidOperationException("the audit chain head row (Id 1) is missing: run the migrations");
        }

        return (Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1));
    }

    private static AuditEvent? DescribeAdded(object entity) => entity switch
    {
        TaxpayerRequest r => new AuditEvent(AuditKind.StateChange, AuditEvent.RequestSubject(r.Id),
            $"{r.Number} registered: {r.Type}, {r.Channel}, status {r.Status}", r.BureauId),
        RequestTask t => new AuditEvent(AuditKind.StateChange, AuditEvent.RequestSubject(t.RequestId),
            $"task {t.Id:D} '{t.Title}' opened ({t.Status}), due {Instant(t.DueAt)}", t.BureauId),
        DeadlineChange d => new AuditEvent(AuditKind.DeadlineChange, AuditEvent.RequestSubject(d.RequestId),
            $"{d.Cause}: {d.Step?.ToString() ?? "request"} due {Instant(d.OldDueAt)} → {Instant(d.NewDueAt)}" + (d.TaskId is { } task ? $" (task {task:D})" : "")),
        User u => new AuditEvent(AuditKind.AdminChange, AuditEvent.UserSubject(u.UserName), $"user added: roles {u.Roles}, bureau {u.BureauId:D}", u.BureauId),
        _ when IsAdministrative(entity) => new AuditEvent(AuditKind.AdminChange, entity.GetType().Name, "added"),
        _ => null,
    };

    private static AuditEvent? DescribeModified(EntityEntry entry)
    {
        string? Changed(string property) =>
            entry.Properties.FirstOrDefault(p => p.Metadata.Name == property) is { IsModified: true } p && !Equals(p.OriginalValue, p.CurrentValue)
                ? $"{Text(p.OriginalValue)} → {Text(p.CurrentValue)}"
                : null;

        switch (entry.Entity)
        {
            case TaxpayerRequest r:
                return Changed(nameof(TaxpayerRequest.Status)) is { } status
                    ? new AuditEvent(AuditKind.StateChange, AuditEvent.RequestSubject(r.Id), $"{r.Number} status {status}", r.BureauId)
                    : null;
            case RequestTask t:
                var parts = new List<string>();
                if (Changed(nameof(RequestTask.Status)) is { } taskStatus)
                {
                    parts.Add($"status {taskStatus}" + (t.Outcome is { } outcome ? $", outcome {outcome}" : ""));
                }

                if (Changed(nameof(RequestTask.ClaimedBy)) is { } claim)
                {
                    parts.Add(t.ClaimedBy is null ? "released" : $"claimed by {t.ClaimedBy:D}");
                    _ = claim;
                }

                if (Changed(nameof(RequestTask.AssigneeUnitId)) is { } unit)
                {
                    parts.Add($"transferred, unit {unit}");
                }

                // A new due instant is not described here: every re-dating writes a DeadlineChange row (old → new due, cause,
                // reason), whose own audit row says it, e.g. "CalendarChange: Handling due 10-08 → 10-09 (task …)"; saying it
                // twice doubled the audit rows of a re-plan of 100,000 deadlines.
                var deadline = new List<string>();
                if (Changed(nameof(RequestTask.PausedAt)) is not null)
                {
                    deadline.Add(t.PausedAt is null ? "resumed" : "paused");
                }

                if (parts.Count == 0 && deadline.Count == 0)
                {
                    return null;
                }

                var kind = parts.Count > 0 ? AuditKind.StateChange : AuditKind.DeadlineChange;
                return new AuditEvent(kind, AuditEvent.RequestSubject(t.RequestId), $"task {t.Id:D} '{t.Title}': {string.Join("; ", parts.Concat(deadline))}", t.BureauId);
            case User u:
                var changes = entry.Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue))
                    .Select(p => p.Metadata.Name == nameof(User.PasswordHash) ? "password changed" : $"{p.Metadata.Name} {Text(p.OriginalValue)} → {Text(p.CurrentValue)}")
                    .ToList();
                return changes.Count == 0 ? null : new AuditEvent(AuditKind.AdminChange, AuditEvent.UserSubject(u.UserName), string.Join("; ", changes), u.BureauId);
            default:
                return DescribeAdmin(entry, "changed");
        }
    }

    private static AuditEvent? DescribeAdmin(EntityEntry entry, string what)
    {
        if (!IsAdministrative(entry.Entity) && entry.Entity is not User)
        {
            return null;
        }

        var key = string.Join(",", entry.Metadata.FindPrimaryKey()!.Properties.Select(p => Text(entry.Property(p.Name).CurrentValue)));
        var changed = entry.State == EntityState.Modified
            ? ": " + string.Join("; ", entry.Properties.Where(p => p.IsModified && !Equals(p.OriginalValue, p.CurrentValue) && p.Metadata.Name != BpmDbContext.Version)
                .Select(p => $"{p.Metadata.Name} {Text(p.OriginalValue)} → {Text(p.CurrentValue)}"))
            : "";
        if (entry.State == EntityState.Modified && changed == ": ")
        {
            return null;
        }

        return new AuditEvent(AuditKind.AdminChange, $"{entry.Metadata.ClrType.Name}:{key}", what + changed);
    }

    private static bool IsAdministrative(object entity) =>
        entity is Bureau or Unit or BureauCalendarDay or RequestCategory or SlaRule or PublishedHoliday or WorkflowDefinitionRecord;

    private static string Instant(DateTimeOffset? at) =>
        at?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture) ?? "none";

    private static string Text(object? value) => value switch
    {
        null => "∅",
        DateTimeOffset at => Instant(at),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        string { Length: > 60 } => "(text)",
        _ => value.ToString() ?? "",
    };
}
