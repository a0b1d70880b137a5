using Bpm.Application.Workflows;
using Bpm.Persistence.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>The journal, append-only; <see cref="WorkflowJournalEntry.Sequence"/> is the row's auto-increment key.</summary>
internal sealed class EfWorkflowJournalStore(BpmDbContext db) : IWorkflowJournalStore
{
    public async Task AppendAsync(IReadOnlyCollection<WorkflowJournalEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var records = entries.Select(e => new WorkflowJournalRecord
        {
            RequestId = e.RequestId,
            WorkflowInstanceId = e.WorkflowInstanceId,
            ActivityInstanceId = e.ActivityInstanceId,
            ActivityId = e.ActivityId,
            ActivityNodeId = e.ActivityNodeId,
            ActivityType = e.ActivityType,
            ActivityName = e.ActivityName,
            Status = e.Status,
            Outcomes = [.. e.Outcomes],
            StartedAt = e.StartedAt.ToUniversalTime(),
            CompletedAt = e.CompletedAt.ToUniversalTime(),
            ActorUserId = e.ActorUserId,
            Message = e.Message,
        }).ToList();

        // Sequence orders the entries of one request, and a multi-row insert does not promise identities in the order given
        // everywhere (SQL Server's MERGE … OUTPUT assigns them in any order). There the entries go in waves: wave n holds the
        // n-th entry of each request, one statement per wave; a burst of 500 escalations of 500 requests is one wave
        // (tools/Bpm.Bench `timers`). SQLite writes row by row in the order given, and PostgreSQL takes each row's next
        // sequence value as it reads the VALUES list in order: one wave, so a completion's three entries are one statement —
        // and, in a unit of work, they wait to go with its other new rows (nothing refers to a journal entry, and nothing
        // changes one once written).
        if (db.IsSupported())
        {
            await db.AppendWithTheSaveAsync(records, cancellationToken);
            return;
        }

        var waves = records.Select((record, index) => (record, index))
            .GroupBy(x => x.record.RequestId)
            .SelectMany(g => g.Select((x, n) => (x.record, x.index, wave: n)))
            .GroupBy(x => x.wave)
            .OrderBy(g => g.Key)
            .Select(g => g.OrderBy(x => x.index).Select(x => x.record).ToList())
            .ToList();
        await using var transaction = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
        foreach (var wave in waves)
        {
            await db.InsertAsync(wave, cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    /// <summary>A request's journal, oldest first: every registration's answer and every request page read it.</summary>
    public async Task<IReadOnlyList<WorkflowJournalEntry>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var records = new List<WorkflowJournalRecord>();
        await foreach (var record in OfRequest.For(db)(db, requestId).WithCancellation(cancellationToken))
        {
            records.Add(record);
        }

        return ToEntries(records);
    }

    // Translated once per model instead of on every call: EF's parameter extraction and cache lookup were two fifths of this
    // read's processor time in a registration's answer (tools/Bpm.Bench `http`, profiled).
    private static readonly CompiledPerModel<Func<BpmDbContext, Guid, IAsyncEnumerable<WorkflowJournalRecord>>> OfRequest =
        new(() => EF.CompileAsyncQuery<BpmDbContext, Guid, WorkflowJournalRecord>((db, requestId) =>
            db.WorkflowJournal.AsNoTracking().Where(j => j.RequestId == requestId).OrderBy(j => j.Sequence)));

    public async Task<IReadOnlyList<WorkflowJournalEntry>> ListByInstanceAsync(string workflowInstanceId, CancellationToken cancellationToken) =>
        ToEntries(await db.WorkflowJournal.AsNoTracking().Where(j => j.WorkflowInstanceId == workflowInstanceId).OrderBy(j => j.Sequence)
            .ToListAsync(cancellationToken));

    public Task<string?> FindInstanceOfActivityAsync(string activityInstanceId, CancellationToken cancellationToken) =>
        db.WorkflowJournal.AsNoTracking().Where(j => j.ActivityInstanceId == activityInstanceId)
            .Select(j => j.WorkflowInstanceId).FirstOrDefaultAsync(cancellationToken);

    private static List<WorkflowJournalEntry> ToEntries(List<WorkflowJournalRecord> records) =>
        records.Select(r => new WorkflowJournalEntry(
            r.RequestId, r.WorkflowInstanceId, r.ActivityInstanceId, r.ActivityId, r.ActivityNodeId, r.ActivityType, r.ActivityName,
            r.Status, r.Outcomes, r.StartedAt, r.CompletedAt, r.ActorUserId, r.Message, r.Sequence)).ToList();
}
