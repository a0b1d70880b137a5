using Bpm.Engine.Model;
using Bpm.Engine.Runtime;
using Bpm.Engine.Stores;

namespace Bpm.Engine.Publishing;

/// <summary>
/// Versions of a definition (contract §5.4). Invariant: at most one version is latest and at most one is
/// published; after a publish they are the same version. Example: v1 published; saving a draft makes v2
/// (latest, not published) and v1 stays published; publishing v2 unpublishes v1.
/// </summary>
public sealed class WorkflowDefinitionPublisher(IWorkflowDefinitionStore store, WorkflowGraphCompiler compiler, TimeProvider time, IIdGenerator ids)
{
    /// <summary>A new definition: version 1, latest, not published, fresh ids unless given.</summary>
    public WorkflowDefinition New(string? definitionId = null, string? name = null) => new()
    {
        Id = ids.NewId(),
        DefinitionId = definitionId ?? ids.NewId(),
        Name = name,
        Version = 1,
        CreatedAt = time.GetUtcNow(),
        IsLatest = true,
        IsPublished = false,
    };

    /// <summary>
    /// Saves the edited definition as the draft: when the latest version is published it becomes a new version
    /// (last + 1, new id) and the published one stops being latest; otherwise the latest is updated in place.
    /// </summary>
    public async Task<WorkflowDefinition> SaveDraftAsync(WorkflowDefinition edited, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(edited.DefinitionId, cancellationToken);
        var latest = versions.FirstOrDefault(v => v.IsLatest);
        var draft = edited.Clone();
        draft.IsLatest = true;
        draft.IsPublished = false;
        if (latest is null)
        {
            draft.Id = string.IsNullOrEmpty(draft.Id) || versions.Any(v => v.Id == draft.Id) ? ids.NewId() : draft.Id;
            draft.Version = versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1;
            draft.CreatedAt = time.GetUtcNow();
            await store.SaveAsync([draft], cancellationToken);
            return draft;
        }

        if (!latest.IsPublished)
        {
            draft.Id = latest.Id;
            draft.Version = latest.Version;
            draft.CreatedAt = latest.CreatedAt;
            await store.SaveAsync([draft], cancellationToken);
            return draft;
        }

        latest.IsLatest = false;
        draft.Id = ids.NewId();
        draft.Version = versions.Max(v => v.Version) + 1;
        draft.CreatedAt = time.GetUtcNow();
        await store.SaveAsync([latest, draft], cancellationToken);
        return draft;
    }

    /// <summary>Publishes the latest version if it compiles without errors and has no endless loop (<see cref="EndlessLoops"/>).</summary>
    public async Task<PublishResult> PublishAsync(string definitionId, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        var latest = versions.FirstOrDefault(v => v.IsLatest)
            ?? throw new KeyNotFoundException($"Workflow definition '{definitionId}' does not exist.");
        if (latest.IsPublished)
        {
            return new PublishResult(latest, AlreadyPublished: true, []);
        }

        var graph = compiler.Compile(latest);
        var errors = graph.IsValid ? EndlessLoops.Find(graph) : graph.Errors;
        if (errors.Count > 0)
        {
            return new PublishResult(latest, AlreadyPublished: false, errors);
        }

        var changed = versions.Where(v => v.IsLatest || v.IsPublished).ToList();
        foreach (var version in changed)
        {
            version.IsLatest = false;
            version.IsPublished = false;
        }

        latest.IsLatest = true;
        latest.IsPublished = true;
        await store.SaveAsync(changed, cancellationToken);
        return new PublishResult(latest, AlreadyPublished: false, []);
    }

    /// <summary>Unpublishes the published version (it stays latest if it was). Nothing published → <see cref="InvalidOperationException"/>.</summary>
    public async Task<WorkflowDefinition> RetractAsync(string definitionId, CancellationToken cancellationToken)
    {
        var published = await store.FindPublishedAsync(definitionId, cancellationToken)
            ?? throw new InvalidOperationException($"Workflow definition '{definitionId}' has no published version to retract.");
        published.IsPublished = false;
        await store.SaveAsync([published], cancellationToken);
        return published;
    }

    /// <summary>Copies version <paramref name="version"/> as a new latest version (last + 1, not published).</summary>
    public async Task<WorkflowDefinition> RevertAsync(string definitionId, int version, CancellationToken cancellationToken)
    {
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        var source = versions.FirstOrDefault(v => v.Version == version)
            ?? throw new KeyNotFoundException($"Workflow definition '{definitionId}' has no version {version}.");
        var changed = versions.Where(v => v.IsLatest).ToList();
        changed.ForEach(v => v.IsLatest = false);
        var copy = source.Clone();
        copy.Id = ids.NewId();
        copy.Version = versions.Max(v => v.Version) + 1;
        copy.IsLatest = true;
        copy.IsPublished = false;
        copy.CreatedAt = time.GetUtcNow();
        await store.SaveAsync([.. changed, copy], cancellationToken);
        return copy;
    }
}
