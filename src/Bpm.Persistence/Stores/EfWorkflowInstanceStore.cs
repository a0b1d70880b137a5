using Bpm.Application.Requests;
using Bpm.Engine.Runtime;
using Bpm.Engine.Stores;
using Bpm.Persistence.Workflows;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>
/// Instances as their <see cref="WorkflowState"/> JSON plus query columns, with optimistic concurrency on the
/// row although the state carries no version: the row version stays in the store.
/// <list type="bullet">
/// <item><see cref="FindAsync"/> keeps the row it read tracked by the scope's context; <see cref="SaveAsync"/> of
/// that instance in the same scope updates the row only if its version is still the one read. So the runner's
/// "find → run → save" in one scope (one HTTP request, one unit of work) turns a second, stale completion into a
/// <see cref="ConcurrencyConflictException"/> (409), never a double step.</item>
/// <item>A state of a row this scope did not load (a new instance, or one from <see cref="ListAsync"/> or another
/// scope) is inserted if the row does not exist; if it does, it is written only when the stored row is not newer
/// (<see cref="WorkflowState.UpdatedAt"/> stored ≤ the state's), else conflict. That catches a state older than
/// the stored one, but not two writers that both read the same row elsewhere: for that guarantee, find and save in one scope.</item>
/// </list>
/// After a conflict the row is forgotten, so the caller can find it again in the same scope and retry.
/// </summary>
internal sealed class EfWorkflowInstanceStore(BpmDbContext db) : IWorkflowInstanceStore
{
    public async Task<WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken)
    {
        // A row this scope already tracks is returned as tracked, version and all, without asking the database (read with its
        // task, EfRequestTaskStore.FindToActOnAsync), so a second Find in the same scope still saves against the first read.
        var record = await db.WorkflowInstances.FindAsync([instanceId], cancellationToken);
        return record is null ? null : WorkflowState.FromJson(record.StateJson);
    }

    public async Task<IReadOnlyList<WorkflowState>> ListAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var json = await Filter(filter).AsNoTracking().OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Select(i => i.StateJson).ToListAsync(cancellationToken);
        return json.Select(WorkflowState.FromJson).ToList();
    }

    public async Task SaveAsync(WorkflowState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var record = db.WorkflowInstances.Local.FirstOrDefault(i => i.Id == state.InstanceId);
        if (record is null)
        {
            record = await db.WorkflowInstances.SingleOrDefaultAsync(i => i.Id == state.InstanceId, cancellationToken);
            if (record is null)
            {
                record = new WorkflowInstanceRecord { Id = state.InstanceId };
                db.WorkflowInstances.Add(record);
            }
            else if (record.UpdatedAt > state.UpdatedAt.ToUniversalTime())
            {
                db.Entry(record).State = EntityState.Detached;
                throw Conflict(state);
            }
        }

        await WriteAsync(record, state, cancellationToken);
    }

    public Task AddAsync(WorkflowState state, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(state);
        var record = new WorkflowInstanceRecord { Id = state.InstanceId };
        db.WorkflowInstances.Add(record);
        return WriteAsync(record, state, cancellationToken);
    }

    /// <summary>Copies the state onto its tracked row and saves it (or leaves it for the unit of work's one save).</summary>
    private async Task WriteAsync(WorkflowInstanceRecord record, WorkflowState state, CancellationToken cancellationToken)
    {
        record.DefinitionId = state.DefinitionId;
        record.DefinitionVersionId = state.DefinitionVersionId;
        record.DefinitionVersion = state.DefinitionVersion;
        record.Name = state.Name;
        record.CorrelationId = state.CorrelationId;
        record.IncidentCount = state.Incidents.Count;
        record.Status = state.Status;
        record.SubStatus = state.SubStatus;
        record.CreatedAt = state.CreatedAt.ToUniversalTime();
        record.UpdatedAt = state.UpdatedAt.ToUniversalTime();
        record.FinishedAt = state.FinishedAt?.ToUniversalTime();
        record.StateJson = state.ToJson();

        // Marked modified now (Entry compares this one row with its snapshot), so that a save the unit of work makes before its
        // end, such as the one before the run's journal is inserted, writes it in the same batch as the task and the request.
        _ = db.Entry(record).State;
        try
        {
            await db.SaveUnlessDeferredAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.Entry(record).State = EntityState.Detached;
            throw Conflict(state);
        }
    }

    /// <summary>Deletes the instances and the bookmarks they wait on, which no stimulus could resume any more.</summary>
    public async Task<int> DeleteAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var transaction = await db.Database.BeginUnlessAmbientAsync(cancellationToken);
        var ids = await Filter(filter).Select(i => i.Id).ToListAsync(cancellationToken);
        foreach (var chunk in ids.Chunk(500))
        {
            await db.Bookmarks.Where(b => chunk.Contains(b.WorkflowInstanceId)).ExecuteDeleteAsync(cancellationToken);
            await db.WorkflowInstances.Where(i => chunk.Contains(i.Id)).ExecuteDeleteAsync(cancellationToken);
        }

        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        foreach (var tracked in db.WorkflowInstances.Local.Where(i => ids.Contains(i.Id)).ToList())
        {
            db.Entry(tracked).State = EntityState.Detached;
        }

        return ids.Count;
    }

    public Task<int> CountAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken) =>
        Filter(filter).CountAsync(cancellationToken);

    private IQueryable<WorkflowInstanceRecord> Filter(WorkflowInstanceFilter filter)
    {
        var query = db.WorkflowInstances.AsQueryable();
        if (filter.DefinitionId is { } definitionId)
        {
            query = query.Where(i => i.DefinitionId == definitionId);
        }

        if (filter.DefinitionVersionId is { } versionId)
        {
            query = query.Where(i => i.DefinitionVersionId == versionId);
        }

        if (filter.Status is { } status)
        {
            query = query.Where(i => i.Status == status);
        }

        return query;
    }

    private static ConcurrencyConflictException Conflict(WorkflowState state) =>
        new($"流程实例 {state.InstanceId} 已被他人推进，请刷新后重试");
}
