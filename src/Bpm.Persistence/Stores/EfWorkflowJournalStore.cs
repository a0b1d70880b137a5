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
        await using var transaction = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
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
