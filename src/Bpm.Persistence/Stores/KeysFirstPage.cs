using Bpm.Application.Paging;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>
/// A page of a list whose filter is costly to evaluate (a search through the trigram index, ~20 ms at 10⁶ requests):
/// one statement reads the ids of the matches in the list's order up to the count limit (<see cref="PageTotals"/>), which
/// gives both the capped total and the page; the page's rows are then read by id. Counting and paging as two statements
/// would run the costly filter twice, the inbox's halves four to six times.
/// Example: 7 matches, page 1 of 50 → one read of 7 ids, total 7, then the 7 rows.
/// </summary>
internal static class KeysFirstPage
{
    /// <summary>The ids of page <paramref name="page"/> in order, and the total to show.</summary>
    public static async Task<(Guid[] PageIds, int Total, bool TotalIsLowerBound)> ReadAsync(
        IQueryable<Guid> idsInOrder, int cap, int page, int pageSize, CancellationToken cancellationToken)
    {
        var limit = PageTotals.CountLimit(cap, page, pageSize);
        var ids = await idsInOrder.Take(limit).ToListAsync(cancellationToken);
        var (total, lowerBound) = PageTotals.FromCount(ids.Count, limit);
        return ([.. ids.Skip((page - 1) * pageSize).Take(pageSize)], total, lowerBound);
    }

    /// <summary>The rows read by id, put back in the order of <paramref name="ids"/>.</summary>
    public static List<T> InOrderOf<T>(Guid[] ids, IEnumerable<T> rows, Func<T, Guid> idOf)
    {
        var byId = rows.ToDictionary(idOf);
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }
}
