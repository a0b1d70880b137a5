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

        // One entry per SaveChanges: the sequence must follow the order given, and a batched insert does not
        // promise that everywhere (SQL Server's MERGE … OUTPUT assigns identities in any order). A run appends a few.
        // Adding a row changes no tracked entity, so the tracker is scanned for changes once, before the first row (whose
        // save carries whatever else was pending, as before), not twice per row: the SLA timer batch appends 200 entries
        // while tracking 200 timers and 200 tasks (tools/Bpm.Bench `timers`).
        await using var transaction = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
        db.ChangeTracker.DetectChanges();
        var autoDetect = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            foreach (var record in records)
            {
                db.WorkflowJournal.Add(record);
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                }
                finally
                {
                    db.Entry(record).State = EntityState.Detached;
                }
            }
        }
        finally
        {
            db.ChangeTracker.AutoDetectChangesEnabled = autoDetect;
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }
    }

    public async Task<IReadOnlyList<WorkflowJournalEntry>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken)
    {
        var records = await db.WorkflowJournal.AsNoTracking().Where(j => j.RequestId == requestId).OrderBy(j => j.Sequence).ToListAsync(cancellationToken);
        return records.Select(r => new WorkflowJournalEntry(
            r.RequestId, r.WorkflowInstanceId, r.ActivityInstanceId, r.ActivityId, r.ActivityNodeId, r.ActivityType, r.ActivityName,
            r.Status, r.Outcomes, r.StartedAt, r.CompletedAt, r.ActorUserId, r.Message, r.Sequence)).ToList();
    }
}
