using Bpm.Engine.Model;

namespace Bpm.Engine.Stores;

/// <summary>Keeps copies, so callers cannot change stored versions by mutating what they got.</summary>
public sealed class InMemoryWorkflowDefinitionStore : IWorkflowDefinitionStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, WorkflowDefinition> byVersionId = [];

    public Task<IReadOnlyList<WorkflowDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken) =>
        Query(d => d.DefinitionId == definitionId);

    public Task<IReadOnlyList<WorkflowDefinition>> ListLatestAsync(CancellationToken cancellationToken) => Query(d => d.IsLatest);

    public async Task<WorkflowDefinition?> FindLatestAsync(string definitionId, CancellationToken cancellationToken) =>
        (await Query(d => d.DefinitionId == definitionId && d.IsLatest)).FirstOrDefault();

    public async Task<WorkflowDefinition?> FindPublishedAsync(string definitionId, CancellationToken cancellationToken) =>
        (await Query(d => d.DefinitionId == definitionId && d.IsPublished)).FirstOrDefault();

    public async Task<WorkflowDefinition?> FindByVersionIdAsync(string id, CancellationToken cancellationToken) =>
        (await Query(d => d.Id == id)).FirstOrDefault();

    public async Task<PublishedVersion?> FindPublishedVersionAsync(string definitionId, CancellationToken cancellationToken) =>
        (await Query(d => d.DefinitionId == definitionId && d.IsPublished)).Select(d => new PublishedVersion(d.Id, d.DefinitionId, d.Version)).LastOrDefault();

    public Task SaveAsync(IReadOnlyCollection<WorkflowDefinition> versions, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            foreach (var version in versions)
            {
                byVersionId[version.Id] = version.Clone();
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> DeleteAsync(string definitionId, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var ids = byVersionId.Values.Where(d => d.DefinitionId == definitionId).Select(d => d.Id).ToList();
            ids.ForEach(id => byVersionId.Remove(id));
            return Task.FromResult(ids.Count);
        }
    }

    public Task<WorkflowDefinitionPage> QueryAsync(WorkflowDefinitionQuery query, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            var matching = byVersionId.Values.Where(d => WorkflowDefinitionQueries.Matches(query, d)).ToList();
            var sorted = WorkflowDefinitionQueries.Sort(matching, query);
            var page = sorted.Skip(query.Skip).Take(query.Take ?? int.MaxValue).Select(d => d.Clone()).ToList();
            return Task.FromResult(new WorkflowDefinitionPage(page, matching.Count));
        }
    }

    public Task<int> DeleteVersionsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        lock (gate)
        {
            return Task.FromResult(ids.Distinct().Count(byVersionId.Remove));
        }
    }

    private Task<IReadOnlyList<WorkflowDefinition>> Query(Func<WorkflowDefinition, bool> predicate)
    {
        lock (gate)
        {
            IReadOnlyList<WorkflowDefinition> found = byVersionId.Values.Where(predicate).OrderBy(d => d.Version).Select(d => d.Clone()).ToList();
            return Task.FromResult(found);
        }
    }
}
