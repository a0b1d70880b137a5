using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Application.Users;
using Bpm.Application.Workflows;
using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Tags;
using Bpm.Domain.Users;

namespace Bpm.Application.Library;

/// <summary>
/// Tags on requests and the per-bureau vocabulary. A vocabulary is inherited like other settings: the nearest bureau on
/// the path to the root that sets one wins (集宁区 sets none → Ulanqab's). A request's tags are set by a handler whose
/// subtree holds it; a name of the vocabulary is marked as such, any other is a free tag. Each change is journalled
/// ("标签：发票 → 发票、出口退税").
/// </summary>
public sealed class TagService(IBureauStore bureaus, ITaxpayerRequestStore requests, ITagStore tags, IWorkflowJournalStore journal, TimeProvider time)
{
    public const string JournalActivityType = "Bpm.Tags";

    /// <summary>The vocabulary that holds at the bureau and the bureau that set it (null: nobody on the path sets one).</summary>
    public async Task<Inherited<IReadOnlyList<string>>> VocabularyOfAsync(BureauTree tree, Guid bureauId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(tree);
        var path = tree.PathFromRoot(bureauId);
        var own = await tags.VocabulariesAsync([.. path.Select(b => b.Id)], cancellationToken);
        var setter = path.LastOrDefault(b => own.TryGetValue(b.Id, out var names) && names.Count > 0);
        return setter is null ? new([], null) : new(own[setter.Id], setter.Id);
    }

    /// <summary>The vocabulary for a bureau of the user's subtree.</summary>
    /// <exception cref="NotFoundException">the bureau is unknown or outside the user's subtree.</exception>
    public async Task<Inherited<IReadOnlyList<string>>> VocabularyAsync(Guid bureauId, ICurrentUser user, CancellationToken cancellationToken)
    {
        var tree = await ScopedTreeAsync(bureauId, user, cancellationToken);
        return await VocabularyOfAsync(tree, bureauId, cancellationToken);
    }

    /// <summary>An administrator sets the bureau's own vocabulary (empty: inherit again).</summary>
    /// <exception cref="AccessDeniedException">the user is not an administrator.</exception>
    /// <exception cref="DomainValidationException">a name is refused (field "tags"), or more than 200.</exception>
    public async Task<Inherited<IReadOnlyList<string>>> ReplaceVocabularyAsync(
        Guid bureauId, IEnumerable<string?>? names, ICurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tree = await ScopedTreeAsync(bureauId, user, cancellationToken);
        if (!user.Roles.HasFlag(Roles.Administrator))
        {
            throw new AccessDeniedException("只有管理员可以维护标签词表");
        }

        var checkedNames = TagName.CheckAll(names, TagName.MaxPerVocabulary, "tags");
        await tags.ReplaceVocabularyAsync(bureauId, checkedNames, cancellationToken);
        return await VocabularyOfAsync(tree, bureauId, cancellationToken);
    }

    /// <exception cref="NotFoundException">no such request in the user's subtree.</exception>
    public async Task<IReadOnlyList<RequestTag>> TagsOfAsync(Guid requestId, ICurrentUser user, CancellationToken cancellationToken)
    {
        await ReadableAsync(requestId, user, cancellationToken);
        return await tags.ListByRequestAsync(requestId, cancellationToken);
    }

    /// <summary>
    /// Replaces the request's tags (at most 10, each 1–20 characters, no control characters); journals the change when there is one.
    /// Example: vocabulary [发票, 出口退税], given ["发票", "电子税务局卡顿"] → 发票 (vocabulary), 电子税务局卡顿 (free).
    /// </summary>
    /// <exception cref="NotFoundException">no such request in the user's subtree.</exception>
    /// <exception cref="AccessDeniedException">the user is not a handler.</exception>
    /// <exception cref="DomainValidationException">a tag is refused (field "tags").</exception>
    public async Task<IReadOnlyList<RequestTag>> SetTagsAsync(Guid requestId, IEnumerable<string?>? names, ICurrentUser user, CancellationToken cancellationToken)
    {
        var (request, tree) = await ReadableAsync(requestId, user, cancellationToken);
        if (!user.Roles.HasFlag(Roles.Handler))
        {
            throw new AccessDeniedException("只有承办人可以修改诉求标签");
        }

        var checkedNames = TagName.CheckAll(names, TagName.MaxPerRequest, "tags");
        var vocabulary = (await VocabularyOfAsync(tree, request.BureauId, cancellationToken)).Value.ToHashSet(StringComparer.Ordinal);
        var before = await tags.ListByRequestAsync(requestId, cancellationToken);
        var after = checkedNames.Select(name => new RequestTag(requestId, name, vocabulary.Contains(name))).ToList();
        if (before.Select(t => t.Name).Order(StringComparer.Ordinal).SequenceEqual(checkedNames.Order(StringComparer.Ordinal), StringComparer.Ordinal))
        {
            return before;
        }

        await tags.ReplaceRequestTagsAsync(requestId, after, cancellationToken);
        var now = time.GetUtcNow();
        var message = $"标签：{Names(before.Select(t => t.Name))} → {Names(checkedNames)}";
        await journal.AppendAsync(
            [new WorkflowJournalEntry(requestId, request.WorkflowInstanceId ?? "", Guid.CreateVersion7(now).ToString("N"), "tags", "tags",
                JournalActivityType, "标签", "Changed", [], now, now, user.UserId, message)],
            cancellationToken);
        return [.. after.OrderBy(t => t.Name, StringComparer.Ordinal)];
    }

    private static string Names(IEnumerable<string> names) => names.Any() ? string.Join("、", names) : "（无）";

    private async Task<BureauTree> ScopedTreeAsync(Guid bureauId, ICurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        return BureauScope.Below(tree, user.BureauId).Contains(bureauId) ? tree : throw new NotFoundException($"机构 {bureauId} 不存在");
    }

    private async Task<(Domain.Requests.TaxpayerRequest Request, BureauTree Tree)> ReadableAsync(Guid requestId, ICurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var request = await requests.FindAsync(requestId, cancellationToken);
        return request is null || !BureauScope.Below(tree, user.BureauId).Contains(request.BureauId)
            ? throw new NotFoundException($"诉求 {requestId} 不存在")
            : (request, tree);
    }
}
