namespace Bpm.Application.Paging;

/// <summary>
/// How far a list counts its matches. A page view counts at most <see cref="DefaultCap"/> rows (or up to the end of the page
/// asked for, if further): 1,000,000 matching requests show "1,000+" instead of costing a full count on every page view.
/// Example: 24,310 matches, page 1 of 50 → total 1,000, a lower bound; page 30 of 50 → counts to 1,501, total 1,500, a
/// lower bound; 7 matches → total 7, exact. Why 1,000: at 10⁶ requests on SQLite, counting a unit's 47,400 open tasks up
/// to 10,001 took 100 ms, up to 1,001 13 ms; the overdue requests up to 10,001 380 ms, up to 1,001 46 ms.
/// </summary>
public static class PageTotals
{
    public const int DefaultCap = 1_000;

    /// <summary>How many rows to count for this page: at least the cap, and always past the end of the page asked for.</summary>
    public static int CountLimit(int cap, int page, int pageSize) => Math.Max(Math.Max(1, cap), checked(page * pageSize)) + 1;

    /// <summary>The total to show from a capped count: the counted rows, or one less than the limit and a lower bound when it was reached.</summary>
    public static (int Total, bool IsLowerBound) FromCount(int counted, int limit) =>
        counted >= limit ? (limit - 1, true) : (counted, false);
}
