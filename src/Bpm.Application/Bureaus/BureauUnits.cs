using Bpm.Domain.Bureaus;

namespace Bpm.Application.Bureaus;

public static class BureauUnits
{
    /// <summary>
    /// The units a request of a bureau can involve: those of the bureau, its ancestors and its sub-bureaus.
    /// Example: for 集宁区 — 集宁区's own units, Ulanqab's (its joint-meeting office) and the national root's.
    /// </summary>
    public static async Task<IReadOnlyList<Unit>> AroundAsync(this IBureauStore store, BureauTree tree, Guid bureauId, CancellationToken cancellationToken)
    {
        var units = new List<Unit>();
        foreach (var bureau in tree.PathFromRoot(bureauId).Concat(tree.Subtree(bureauId)).DistinctBy(b => b.Id))
        {
            units.AddRange(await store.ListUnitsAsync(bureau.Id, cancellationToken));
        }

        return units;
    }
}
