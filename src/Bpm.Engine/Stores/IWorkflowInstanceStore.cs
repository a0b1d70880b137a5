using Bpm.Engine.Runtime;

namespace Bpm.Engine.Stores;

/// <summary>Which instances to list: any criterion left null matches all.</summary>
public sealed record WorkflowInstanceFilter(string? DefinitionId = null, string? DefinitionVersionId = null, WorkflowStatus? Status = null);

/// <summary>Workflow instances, stored as their <see cref="WorkflowState"/>.</summary>
public interface IWorkflowInstanceStore
{
    Task<WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken);
    Task<IReadOnlyList<WorkflowState>> ListAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken);
    Task SaveAsync(WorkflowState state, CancellationToken cancellationToken);

    /// <summary>
    /// Saves a just-started instance: no instance of its id exists (it was made a moment ago), so none is looked for — a
    /// registration used to read the instance it was about to insert.
    /// </summary>
    Task AddAsync(WorkflowState state, CancellationToken cancellationToken);
    Task<int> DeleteAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken);

    /// <summary>How many instances match, e.g. those still running on a definition version one wants to delete.</summary>
    Task<int> CountAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken);
}
