using System.Collections.Concurrent;
using Bpm.Application.Users;
using Bpm.Domain;
using Bpm.Domain.Requests;
using Bpm.Domain.Users;
using Bpm.Engine.Model;
using Bpm.Engine.Publishing;
using Bpm.Engine.Runtime;
using Bpm.Engine.Stores;

namespace Bpm.Application.Workflows.Definitions;

/// <summary>
/// What a process owner does to workflow definitions in the designer: save drafts (auto-save), publish, retract,
/// revert, import and delete; the versioning rules are <see cref="WorkflowDefinitionPublisher"/>'s. Rules on top:
/// only process owners write; a version that workflow instances run on is never deleted (the viewer shows an
/// instance on its exact version); the six request workflows (<see cref="RequestWorkflows"/>) are never deleted and
/// never left without a published version, because registering a request of that type starts it. Example:
/// retracting <c>policy</c> is refused, while retracting a new definition <c>pilot</c> is allowed.
/// </summary>
public sealed class WorkflowDefinitionEditing(
    IWorkflowDefinitionStore store,
    IWorkflowInstanceStore instances,
    WorkflowDefinitionPublisher publisher,
    WorkflowGraphCache graphs,
    DefinitionWriteGate gate,
    IUnitOfWork unitOfWork,
    IIdGenerator ids)
{
    /// <summary>Whether the user may change definitions: process owners only; everyone else reads.</summary>
    public static bool CanEdit(ICurrentUser user) => user.Roles.HasFlag(Roles.ProcessOwner);

    /// <summary>
    /// Saves the edited definition as the draft (a published latest version gets exactly one new draft version; a
    /// draft is updated in place) and, when <paramref name="publish"/>, publishes it. An empty definition id makes a
    /// new definition. Publishing a draft that does not validate changes nothing (the save included): 400 with the errors.
    /// </summary>
    /// <returns>the saved (or published) version and whether it was already published.</returns>
    public async Task<(WorkflowDefinition Definition, bool AlreadyPublished)> SaveAsync(
        ICurrentUser user, WorkflowDefinition edited, bool publish, CancellationToken cancellationToken)
    {
        EnsureEditor(user);
        if (string.IsNullOrWhiteSpace(edited.DefinitionId))
        {
            edited.DefinitionId = ids.NewId();
        }

        CheckLimits(edited);

        using var _ = await gate.EnterAsync(edited.DefinitionId, cancellationToken);

        // A version id is global: an imported file must not overwrite another definition's version that has its id.
        if (!string.IsNullOrEmpty(edited.Id) && await store.FindByVersionIdAsync(edited.Id, cancellationToken) is { } holder
            && holder.DefinitionId != edited.DefinitionId)
        {
            edited.Id = "";
        }

        return await unitOfWork.InTransactionAsync(async ct =>
        {
            var saved = await publisher.SaveDraftAsync(edited, ct);
            if (!publish)
            {
                return (saved, false);
            }

            var published = await PublishLockedAsync(saved.DefinitionId, ct);
            return (published.Definition, published.AlreadyPublished);
        }, cancellationToken);
    }

    /// <summary>Imports a definition file (Elsa's export format) as the draft of its definition id, like a save.</summary>
    /// <returns>the draft and whether the definition is new.</returns>
    public async Task<(WorkflowDefinition Definition, bool IsNew)> ImportAsync(ICurrentUser user, WorkflowDefinition imported, CancellationToken cancellationToken)
    {
        EnsureEditor(user);
        var isNew = string.IsNullOrWhiteSpace(imported.DefinitionId)
                    || await store.FindLatestAsync(imported.DefinitionId, cancellationToken) is null;
        var (saved, _) = await SaveAsync(user, imported, publish: false, cancellationToken);
        return (saved, isNew);
    }

    /// <summary>Imports several files (Studio's "Import" button) together: all of them, or none when one fails.</summary>
    /// <returns>how many were imported.</returns>
    public async Task<int> ImportManyAsync(ICurrentUser user, IReadOnlyList<WorkflowDefinition> files, CancellationToken cancellationToken)
    {
        EnsureEditor(user);
        return await unitOfWork.InTransactionAsync(async ct =>
        {
            foreach (var file in files)
            {
                await ImportAsync(user, file, ct);
            }

            return files.Count;
        }, cancellationToken);
    }

    /// <summary>Publishes the latest version; 400 with the validation errors when it does not compile.</summary>
    public async Task<PublishResult> PublishAsync(ICurrentUser user, string definitionId, CancellationToken cancellationToken)
    {
        EnsureEditor(user);
        using var _ = await gate.EnterAsync(definitionId, cancellationToken);
        return await PublishLockedAsync(definitionId, cancellationToken);
    }

    /// <summary>Unpublishes the published version; refused for a request workflow and when nothing is published.</summary>
    public async Task<WorkflowDefinition> RetractAsync(ICurrentUser user, string definitionId, CancellationToken cancellationToken)
    {
        EnsureEditor(user);
        using var _ = await gate.EnterAsync(definitionId, cancellationToken);
        await EnsureExistsAsync(definitionId, cancellationToken);
        if (RequestWorkflows.Contains(definitionId))
        {
            throw Refused("definitionId", $"“{definitionId}”是受理诉求所用的流程，不能撤销发布；请发布新版本代替 (a request workflow must keep a published version: publish a new version instead)");
        }

        if (await store.FindPublishedAsync(definitionId, cancellationToken) is null)
        {
            throw Refused("definitionId", $"流程“{definitionId}”没有已发布的版本 (workflow '{definitionId}' is not published)");
        }

        var retracted = await publisher.RetractAsync(definitionId, cancellationToken);
        graphs.Forget(retracted.Id);
        return retracted;
    }

    /// <summary>Copies version <paramref name="version"/> as the new latest draft.</summary>
    public async Task<WorkflowDefinition> RevertAsync(ICurrentUser user, string definitionId, int version, CancellationToken cancellationToken)
    {
        EnsureEditor(user);
        using var _ = await gate.EnterAsync(definitionId, cancellationToken);
        var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
        if (versions.All(v => v.Version != version))
        {
            throw new NotFoundException($"流程“{definitionId}”没有版本 {version} (no such version)");
        }

        return await publisher.RevertAsync(definitionId, version, cancellationToken);
    }

    /// <summary>Deletes every version of each definition, or nothing when any of them is refused (request workflow, instances).</summary>
    /// <returns>how many definitions existed and were deleted.</returns>
    public async Task<int> DeleteAsync(ICurrentUser user, IReadOnlyCollection<string> definitionIds, CancellationToken cancellationToken)
    {
        EnsureEditor(user);
        var errors = new List<FieldError>();
        var existing = new List<(string DefinitionId, IReadOnlyList<WorkflowDefinition> Versions)>();
        foreach (var definitionId in definitionIds.Distinct())
        {
            var versions = await store.ListVersionsAsync(definitionId, cancellationToken);
            if (versions.Count == 0)
            {
                continue;
            }

            if (RequestWorkflows.Contains(definitionId))
            {
                errors.Add(new FieldError("definitionId", $"“{definitionId}”是受理诉求所用的流程，不能删除 (a request workflow cannot be deleted)"));
                continue;
            }

            var running = await instances.CountAsync(new WorkflowInstanceFilter(DefinitionId: definitionId), cancellationToken);
            if (running > 0)
            {
                errors.Add(new FieldError("definitionId", $"流程“{definitionId}”有 {running} 个流程实例，不能删除 ({running} workflow instances use its versions)"));
                continue;
            }

            existing.Add((definitionId, versions));
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        await unitOfWork.InTransactionAsync(async ct =>
        {
            foreach (var (definitionId, _) in existing)
            {
                await store.DeleteAsync(definitionId, ct);
            }

            return existing.Count;
        }, cancellationToken);
        existing.SelectMany(e => e.Versions).ToList().ForEach(v => graphs.Forget(v.Id));
        return existing.Count;
    }

    /// <summary>
    /// Deletes single versions by version id, or nothing when any is refused: a version instances run on, or the
    /// published version of a request workflow. When the latest version goes, the highest remaining one becomes latest.
    /// </summary>
    /// <returns>how many versions existed and were deleted.</returns>
    public async Task<int> DeleteVersionsAsync(ICurrentUser user, IReadOnlyCollection<string> versionIds, CancellationToken cancellationToken)
    {
        EnsureEditor(user);
        var errors = new List<FieldError>();
        var doomed = new List<WorkflowDefinition>();
        foreach (var id in versionIds.Distinct())
        {
            if (await store.FindByVersionIdAsync(id, cancellationToken) is not { } version)
            {
                continue;
            }

            var running = await instances.CountAsync(new WorkflowInstanceFilter(DefinitionVersionId: id), cancellationToken);
            if (running > 0)
            {
                errors.Add(new FieldError("id", $"版本 {version.DefinitionId} v{version.Version} 有 {running} 个流程实例，不能删除 ({running} workflow instances run on it)"));
            }
            else if (version.IsPublished && RequestWorkflows.Contains(version.DefinitionId))
            {
                errors.Add(new FieldError("id", $"版本 {version.DefinitionId} v{version.Version} 是受理诉求所用的已发布版本，不能删除 (the published version of a request workflow)"));
            }
            else
            {
                doomed.Add(version);
            }
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }

        foreach (var group in doomed.GroupBy(v => v.DefinitionId))
        {
            using var _ = await gate.EnterAsync(group.Key, cancellationToken);
            await unitOfWork.InTransactionAsync(async ct =>
            {
                await store.DeleteVersionsAsync([.. group.Select(v => v.Id)], ct);
                await PromoteLatestAsync(group.Key, ct);
                return group.Count();
            }, cancellationToken);
            group.ToList().ForEach(v => graphs.Forget(v.Id));
        }

        return doomed.Count;
    }

    /// <summary>Maximum lengths of the stored columns.</summary>
    public const int MaxDefinitionIdLength = 128, MaxIdLength = 64, MaxNameLength = 256;

    /// <summary>
    /// Ids travel in URL paths (<c>/workflow-definitions/{definitionId}</c>) and are stored in sized columns: e.g.
    /// "policy/v2" is refused (a slash would split the route), and so is a 300-character name.
    /// </summary>
    private static void CheckLimits(WorkflowDefinition edited)
    {
        var errors = new List<FieldError>();
        if (edited.DefinitionId.Length > MaxDefinitionIdLength || edited.DefinitionId.IndexOfAny(['/', '\\', '?', '#', '%']) >= 0)
        {
            errors.Add(new FieldError("definitionId", $"不超过 {MaxDefinitionIdLength} 个字符，且不含 / \\ ? # % (at most {MaxDefinitionIdLength} characters, none of / \\ ? # %)"));
        }

        if (edited.Id.Length > MaxIdLength || edited.Id.IndexOfAny(['/', '\\', '?', '#', '%']) >= 0)
        {
            errors.Add(new FieldError("id", $"不超过 {MaxIdLength} 个字符，且不含 / \\ ? # % (at most {MaxIdLength} characters, none of / \\ ? # %)"));
        }

        if (edited.Name?.Length > MaxNameLength)
        {
            errors.Add(new FieldError("name", $"名称不超过 {MaxNameLength} 个字符 (at most {MaxNameLength} characters)"));
        }

        if (errors.Count > 0)
        {
            throw new DomainValidationException(errors);
        }
    }

    private async Task<PublishResult> PublishLockedAsync(string definitionId, CancellationToken cancellationToken)
    {
        await EnsureExistsAsync(definitionId, cancellationToken);
        var previous = await store.FindPublishedAsync(definitionId, cancellationToken);
        var result = await publisher.PublishAsync(definitionId, cancellationToken);
        if (!result.Succeeded)
        {
            throw new DomainValidationException([.. result.Errors.Select(ToFieldError)]);
        }

        if (previous is not null && previous.Id != result.Definition.Id)
        {
            graphs.Forget(previous.Id);
        }

        return result;
    }

    /// <summary>After the latest version was deleted: the highest remaining version is latest again.</summary>
    private async Task PromoteLatestAsync(string definitionId, CancellationToken cancellationToken)
    {
        var remaining = await store.ListVersionsAsync(definitionId, cancellationToken);
        if (remaining.Count > 0 && remaining.All(v => !v.IsLatest))
        {
            var highest = remaining.MaxBy(v => v.Version)!;
            highest.IsLatest = true;
            await store.SaveAsync([highest], cancellationToken);
        }
    }

    private async Task EnsureExistsAsync(string definitionId, CancellationToken cancellationToken)
    {
        if (await store.FindLatestAsync(definitionId, cancellationToken) is null)
        {
            throw new NotFoundException($"流程定义“{definitionId}”不存在 (workflow definition not found)");
        }
    }

    /// <summary>A compiler error keyed by the activity Studio should look at, e.g. <c>decide1: JavaScript … does not parse</c> under "decide1".</summary>
    private static FieldError ToFieldError(ValidationError error) => new(error.ActivityId ?? "workflow", error.ToString());

    /// <exception cref="AccessDeniedException">the user is not a process owner.</exception>
    public static void EnsureEditor(ICurrentUser user)
    {
        if (!CanEdit(user))
        {
            throw new AccessDeniedException("只有流程负责人可以修改流程定义 (only process owners may change workflow definitions)");
        }
    }

    private static DomainValidationException Refused(string field, string reason) => new([new FieldError(field, reason)]);
}

/// <summary>The definitions registering a request starts (one per <see cref="RequestType"/>): policy, enforcement, service, it, legal-remedy, other.</summary>
public static class RequestWorkflows
{
    public static readonly IReadOnlySet<string> DefinitionIds =
        Enum.GetValues<RequestType>().Select(t => t.WorkflowDefinitionId()).ToHashSet(StringComparer.Ordinal);

    public static bool Contains(string definitionId) => DefinitionIds.Contains(definitionId);
}

/// <summary>
/// One writer per definition at a time in this process, so two auto-saves racing on a published version make one
/// draft, not two (across servers the unique (definitionId, version) index refuses the second).
/// </summary>
public sealed class DefinitionWriteGate
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    public async Task<IDisposable> EnterAsync(string definitionId, CancellationToken cancellationToken)
    {
        var semaphore = gates.GetOrAdd(definitionId, _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(cancellationToken);
        return new Release(semaphore);
    }

    private sealed class Release(SemaphoreSlim semaphore) : IDisposable
    {
        private int released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
