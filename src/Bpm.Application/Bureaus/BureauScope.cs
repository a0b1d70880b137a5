using Bpm.Domain.Bureaus;

namespace Bpm.Application.Bureaus;

/// <summary>
/// The bureaus a user may see: their own and everything below it. Example: a Ulanqab user sees Ulanqab
/// and 集宁区; a 集宁区 user sees only 集宁区; a Xiantao user sees neither.
/// </summary>
public sealed class BureauScope
{
    private readonly HashSet<Guid> _bureauIds;

    private BureauScope(Guid rootBureauId, HashSet<Guid> bureauIds)
    {
        RootBureauId = rootBureauId;
        _bureauIds = bureauIds;
    }

    public Guid RootBureauId { get; }

    public IReadOnlyCollection<Guid> BureauIds => _bureauIds;

    /// <summary>The subtree of <paramref name="bureauId"/>; empty when the bureau no longer exists (a stale token sees nothing).</summary>
    public static BureauScope Below(BureauTree tree, Guid bureauId) =>
        new(bureauId, tree.Contains(bureauId) ? [.. tree.Subtree(bureauId).Select(b => b.Id)] : []);

    public bool Contains(Guid bureauId) => _bureauIds.Contains(bureauId);
}
