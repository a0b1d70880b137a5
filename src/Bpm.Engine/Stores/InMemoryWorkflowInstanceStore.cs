using Bpm.Engine.Runtime;

namespace Bpm.Engine.Stores;

public sealed class InMemoryWorkflowInstanceStore : IWorkflowInstanceStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, WorkflowState> instances = [];

    public Task<WorkflowState?> FindAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(instances.GetValueOrDefault(instanceId)?.Clone());
        }
    }

    public Task<IReadOnlyList<WorkflowState>> ListAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            IReadOnlyList<WorkflowState> found = instances.Values.Where(s => Matches(s, filter)).OrderBy(s => s.CreatedAt).Select(s => s.Clone()).ToList();
            return Task.FromResult(found);
        }
    }

    public Task SaveAsync(WorkflowState state, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            instances[state.InstanceId] = state.Clone();
        }

        return Task.CompletedTask;
    }

    public Task AddAsync(WorkflowState state, CancellationToken cancellationToken) => SaveAsync(state, cancellationToken);

    public Task<int> DeleteAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var ids = instances.Values.Where(s => Matches(s, filter)).Select(s => s.InstanceId).ToList();
            ids.ForEach(id => instances.Remove(id));
            return Task.FromResult(ids.Count);
        }
    }

    public Task<int> CountAsync(WorkflowInstanceFilter filter, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(instances.Values.Count(s => Matches(s, filter)));
        }
    }

    private static bool Matches(WorkflowState s, WorkflowInstanceFilter f) =>
        (f.DefinitionId is null || s.DefinitionId == f.DefinitionId)
        && (f.DefinitionVersionId is null || s.DefinitionVersionId == f.DefinitionVersionId)
        && (f.Status is null || s.Status == f.Status);
}
