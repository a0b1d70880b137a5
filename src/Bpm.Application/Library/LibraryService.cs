using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Application.Users;
using Bpm.Domain;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Library;
using Bpm.Domain.Requests;
using Bpm.Domain.Texts;
using Bpm.Domain.Users;

namespace Bpm.Application.Library;

/// <summary>
/// The typical-case and standard-answer library (成果运用). A handler proposes an item from a closed request of their subtree;
/// an approver of a bureau above or at the item's bureau publishes or rejects it. Who sees what:
/// <list type="bullet">
/// <item>published items of the user's bureau, of its ancestors (湖北省 publishes for 仙桃) and of its subtree;</item>
/// <item>proposals, rejected and withdrawn items only within the user's subtree.</item>
/// </list>
/// A Ulanqab user never sees a Xiantao item: Xiantao is neither above nor below Ulanqab.
/// </summary>
public sealed class LibraryService(
    IBureauStore bureaus, ITaxpayerRequestStore requests, ILibraryStore library, PublishedLibraryCache cache, TimeProvider time)
{
    /// <summary>
    /// The least similarity (Dice of character bigrams, <see cref="ChineseTextSimilarity"/>) at which a published item is offered
    /// for a request: 0.3 keeps rewordings of one matter ("增值税专用发票额度不足无法开具" vs "专用发票额度不够，开不了票")
    /// and drops texts that merely share a few common pairs such as 纳税 or 发票.
    /// </summary>
    public const double SuggestionThreshold = 0.3;

    /// <summary>At most this many suggestions are offered for one request.</summary>
    public const int MaxSuggestions = 3;

    /// <exception cref="AccessDeniedException">the user is not a handler.</exception>
    /// <exception cref="NotFoundException">no such request in the user's subtree.</exception>
    /// <exception cref="DomainException">the request is not closed (sourceRequestId).</exception>
    /// <exception cref="DomainValidationException">a text or tag is refused.</exception>
    public async Task<LibraryEntry> ProposeAsync(Guid sourceRequestId, LibraryDraft draft, ICurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.Roles.HasFlag(Roles.Handler))
        {
            throw new AccessDeniedException("只有承办人可以推荐典型案例或标准答复");
        }

        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var request = await requests.FindAsync(sourceRequestId, cancellationToken);
        if (request is null || !BureauScope.Below(tree, user.BureauId).Contains(request.BureauId))
        {
            throw new NotFoundException($"诉求 {sourceRequestId} 不存在");
        }

        var now = time.GetUtcNow();
        var entry = LibraryEntry.Propose(Guid.CreateVersion7(now), user.BureauId, request, draft, user.UserId, user.DisplayName, now);
        await library.AddAsync(entry, cancellationToken);
        return entry;
    }

    /// <exception cref="AccessDeniedException">the user is not an approver.</exception>
    /// <exception cref="NotFoundException">no such item in the user's subtree.</exception>
    /// <exception cref="DomainConflictException">the item was already decided.</exception>
    public Task<LibraryEntry> PublishAsync(Guid id, ICurrentUser user, CancellationToken cancellationToken) =>
        DecideAsync(id, user, entry => entry.Publish(user.UserId, user.DisplayName, time.GetUtcNow()), cancellationToken);

    /// <exception cref="DomainValidationException">no reason, or longer than 500 characters (field reason).</exception>
    public Task<LibraryEntry> RejectAsync(Guid id, string? reason, ICurrentUser user, CancellationToken cancellationToken) =>
        DecideAsync(id, user, entry => entry.Reject(user.UserId, user.DisplayName, reason, time.GetUtcNow()), cancellationToken);

    /// <summary>An item the user may see (see the class summary).</summary>
    /// <exception cref="NotFoundException">unknown, or not visible to the user.</exception>
    public async Task<LibraryEntry> FindAsync(Guid id, ICurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var entry = await library.FindAsync(id, cancellationToken);
        return entry is not null && Visibility.Of(tree, user.BureauId).Sees(entry)
            ? entry
            : throw new NotFoundException($"条目 {id} 不存在");
    }

    /// <summary>
    /// Items matching the query that the user may see. Text matches by substring of title, question, answer or policy basis,
    /// or by similarity of the question ≥ <see cref="SuggestionThreshold"/>; with a text the best matches come first,
    /// otherwise the newest proposals.
    /// </summary>
    /// <exception cref="NotFoundException">the query names a bureau outside the user's subtree.</exception>
    public async Task<IReadOnlyList<LibraryMatch>> SearchAsync(LibraryQuery query, ICurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(user);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var viewpoint = query.BureauId ?? user.BureauId;
        if (!BureauScope.Below(tree, user.BureauId).Contains(viewpoint))
        {
            throw new NotFoundException($"机构 {viewpoint} 不存在");
        }

        var visibility = Visibility.Of(tree, viewpoint);
        var status = query.Status ?? LibraryEntryStatus.Published;
        var entries = await library.ListAsync(
            new LibraryFilter
            {
                BureauIds = status == LibraryEntryStatus.Published ? visibility.Published : visibility.Subtree,
                Status = status,
                Kind = query.Kind,
                Type = query.Type,
            },
            cancellationToken);
        var tag = query.Tag?.Trim();
        var text = query.Text?.Trim();
        var fingerprint = string.IsNullOrEmpty(text) ? null : ChineseTextSimilarity.Fingerprint.Of(text);
        var matches = entries
            .Where(e => string.IsNullOrEmpty(tag) || e.Tags.Contains(tag, StringComparer.Ordinal))
            .Select(e => new LibraryMatch(e, fingerprint is null ? 0 : ChineseTextSimilarity.Score(fingerprint, ChineseTextSimilarity.Fingerprint.Of(e.Question))))
            .Where(m => string.IsNullOrEmpty(text) || m.Score >= SuggestionThreshold || Contains(m.Entry, text))
            .ToList();
        return fingerprint is null ? matches : [.. matches.OrderByDescending(m => Contains(m.Entry, text!) ? Math.Max(m.Score, 1) : m.Score)];
    }

    /// <summary>
    /// The published items offered for a request: of its type, published by its bureau or one above it, question similar to the
    /// request's text (≥ <see cref="SuggestionThreshold"/>), best first, at most <see cref="MaxSuggestions"/>.
    /// </summary>
    /// <exception cref="NotFoundException">no such request in the user's subtree.</exception>
    public async Task<IReadOnlyList<LibraryMatch>> SuggestAsync(Guid requestId, ICurrentUser user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var request = await requests.FindAsync(requestId, cancellationToken);
        if (request is null || !BureauScope.Below(tree, user.BureauId).Contains(request.BureauId))
        {
            throw new NotFoundException($"诉求 {requestId} 不存在");
        }

        var candidates = await cache.GetAsync(request.BureauId, request.Type, async ct =>
        {
            var path = tree.PathFromRoot(request.BureauId).Select(b => b.Id).ToList();
            return await library.ListAsync(
                new LibraryFilter { BureauIds = path, Status = LibraryEntryStatus.Published, Type = request.Type }, ct);
        }, cancellationToken);
        var fingerprint = ChineseTextSimilarity.Fingerprint.Of(request.Text);
        return [.. candidates
            .Select(c => new LibraryMatch(c.Entry, ChineseTextSimilarity.Score(fingerprint, c.Fingerprint)))
            .Where(m => m.Score >= SuggestionThreshold)
            .OrderByDescending(m => m.Score)
            .ThenByDescending(m => m.Entry.DecidedAt)
            .Take(MaxSuggestions)];
    }

    private async Task<LibraryEntry> DecideAsync(Guid id, ICurrentUser user, Action<LibraryEntry> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.Roles.HasFlag(Roles.Approver))
        {
            throw new AccessDeniedException("只有审批人可以发布或驳回");
        }

        var tree = await bureaus.LoadTreeAsync(cancellationToken);
        var entry = await library.FindAsync(id, cancellationToken);
        if (entry is null || !BureauScope.Below(tree, user.BureauId).Contains(entry.BureauId))
        {
            throw new NotFoundException($"条目 {id} 不存在");
        }

        decide(entry);
        await library.UpdateAsync(entry, cancellationToken);
        cache.Invalidate();
        return entry;
    }

    private static bool Contains(LibraryEntry entry, string text) =>
        entry.Title.Contains(text, StringComparison.OrdinalIgnoreCase)
        || entry.Question.Contains(text, StringComparison.OrdinalIgnoreCase)
        || entry.Answer.Contains(text, StringComparison.OrdinalIgnoreCase)
        || (entry.PolicyBasis?.Contains(text, StringComparison.OrdinalIgnoreCase) ?? false);

    /// <summary>What a user of one bureau sees: published items on the path to the root and in the subtree; the rest in the subtree.</summary>
    private sealed record Visibility(IReadOnlyCollection<Guid> Published, IReadOnlyCollection<Guid> Subtree)
    {
        public static Visibility Of(BureauTree tree, Guid bureauId)
        {
            var subtree = BureauScope.Below(tree, bureauId).BureauIds;
            var path = tree.Contains(bureauId) ? tree.PathFromRoot(bureauId).Select(b => b.Id) : Enumerable.Empty<Guid>();
            return new Visibility([.. subtree.Union(path)], subtree);
        }

        public bool Sees(LibraryEntry entry) =>
            entry.Status == LibraryEntryStatus.Published ? Published.Contains(entry.BureauId) : Subtree.Contains(entry.BureauId);
    }
}

/// <summary>What to look for: free text, one tag, kind, request type, status (default Published), from which bureau's view.</summary>
public sealed record LibraryQuery(
    string? Text = null, string? Tag = null, LibraryEntryKind? Kind = null, RequestType? Type = null,
    LibraryEntryStatus? Status = null, Guid? BureauId = null);

/// <summary>An item and how alike its question is to the text looked for (0–1; 0 when no text was given).</summary>
public sealed record LibraryMatch(LibraryEntry Entry, double Score);
