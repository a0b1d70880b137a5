using Bpm.Domain.Bureaus;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Bureaus;

/// <summary>
/// The bureau tree shared by every request of this node, with the <see cref="BureauTreeVersionRow"/> value it was read at.
/// Each scope reads the one-row counter (one small query instead of the five tables) and reuses the tree while the counter
/// has not moved; a change made on another node, or on this one, moves it in its own transaction and the next scope reads
/// the tree again. A tree read inside a transaction that changed the tree itself is never shared: that transaction may
/// still roll back. The units of every bureau are kept the same way: a unit write moves the counter too, so a registration
/// reads no unit (it used to read the units of each bureau on the path from the root and below, 4 queries at Xiantao).
/// </summary>
internal sealed class BureauTreeCache
{
    private Snapshot? _current;
    private UnitsSnapshot? _units;

    public BureauTree? Find(long version) => _current is { } current && current.Version == version ? current.Tree : null;

    public void Keep(long version, BureauTree tree)
    {
        ArgumentNullException.ThrowIfNull(tree);
        _current = new Snapshot(version, tree);
    }

    /// <summary>Every unit by bureau, code order, as read at this counter value; null if not kept for it.</summary>
    public IReadOnlyDictionary<Guid, IReadOnlyList<Unit>>? FindUnits(long version) =>
        _units is { } units && units.Version == version ? units.ByBureau : null;

    public void KeepUnits(long version, IReadOnlyDictionary<Guid, IReadOnlyList<Unit>> byBureau)
    {
        ArgumentNullException.ThrowIfNull(byBureau);
        _units = new UnitsSnapshot(version, byBureau);
    }

    /// <summary>
    /// Reads the counter; rows written before it by this context's transaction count (they are its own). Every HTTP request
    /// asks, so the query is compiled once (EF's per-query expression work was 5 % of a registration's processor time).
    /// </summary>
    public static Task<long> VersionAsync(BpmDbContext db, CancellationToken cancellationToken) => Counter.For(db)(db, cancellationToken);

    private static readonly CompiledPerModel<Func<BpmDbContext, CancellationToken, Task<long>>> Counter = new(() =>
        EF.CompileAsyncQuery((BpmDbContext db, CancellationToken _) =>
            db.BureauTreeVersion.AsNoTracking().Where(v => v.Id == BureauTreeVersionRow.SingletonId).Select(v => v.Value).Single()));

    /// <summary>Moves the counter up by one, in the caller's transaction if it runs one.</summary>
    public static Task BumpAsync(BpmDbContext db, CancellationToken cancellationToken)
    {
        db.ChangedBureauTree = true;
        return db.BureauTreeVersion.Where(v => v.Id == BureauTreeVersionRow.SingletonId)
            .ExecuteUpdateAsync(s => s.SetProperty(v => v.Value, v => v.Value + 1), cancellationToken);
    }

    /// <inheritdoc cref="BumpAsync"/>
    public static void Bump(BpmDbContext db)
    {
        db.ChangedBureauTree = true;
        db.BureauTreeVersion.Where(v => v.Id == BureauTreeVersionRow.SingletonId).ExecuteUpdate(s => s.SetProperty(v => v.Value, v => v.Value + 1));
    }

    private sealed record Snapshot(long Version, BureauTree Tree);

    private sealed record UnitsSnapshot(long Version, IReadOnlyDictionary<Guid, IReadOnlyList<Unit>> ByBureau);
}
