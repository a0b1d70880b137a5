using Bpm.Engine.Model;

namespace Bpm.Engine.Stores;

/// <summary>Workflow definition versions. A definition (definitionId) has versions (id); see WorkflowDefinitionPublisher for the rules.</summary>
public interface IWorkflowDefinitionStore
{
    Task<IReadOnlyList<WorkflowDefinition>> ListVersionsAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>The latest version of every definition, for the definition list.</summary>
    Task<IReadOnlyList<WorkflowDefinition>> ListLatestAsync(CancellationToken cancellationToken);

    Task<WorkflowDefinition?> FindLatestAsync(string definitionId, CancellationToken cancellationToken);
    Task<WorkflowDefinition?> FindPublishedAsync(string definitionId, CancellationToken cancellationToken);
    Task<WorkflowDefinition?> FindByVersionIdAsync(string id, CancellationToken cancellationToken);

    /// <summary>
    /// Which version of a definition is published, without its JSON (nothing to read or parse): e.g. ("9f3c0a7e1b2d4c5f",
    /// "policy", 3); null if none is. A published version is never edited, so its graph can be kept by version id.
    /// </summary>
    Task<PublishedVersion?> FindPublishedVersionAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>Inserts or replaces versions by their version id, all at once.</summary>
    Task SaveAsync(IReadOnlyCollection<WorkflowDefinition> versions, CancellationToken cancellationToken);

    /// <summary>Deletes every version; returns how many there were.</summary>
    Task<int> DeleteAsync(string definitionId, CancellationToken cancellationToken);

    /// <summary>A filtered, sorted page of versions (Studio's definition list, version history, names of listed instances).</summary>
    Task<WorkflowDefinitionPage> QueryAsync(WorkflowDefinitionQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes the versions with these version ids; returns how many existed.</summary>
    Task<int> DeleteVersionsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);
}

/// <summary>The published version of a definition: its version id, definition id and number.</summary>
public sealed record PublishedVersion(string Id, string DefinitionId, int Version);
