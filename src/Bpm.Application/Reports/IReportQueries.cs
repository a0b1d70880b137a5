using Bpm.Application.Statistics;

namespace Bpm.Application.Reports;

/// <summary>
/// The figures the quarterly report needs beyond the dashboard's (<see cref="IRequestStatistics"/>), over the requests of
/// some bureaus received in [from, before). Implementation: Bpm.Persistence, one contract test class per provider.
/// </summary>
public interface IReportQueries
{
    /// <summary>The most frequent categories (CategoryCode), most frequent first, ties by code; at most <paramref name="take"/>.</summary>
    Task<IReadOnlyList<KeyCount>> TopCategoriesAsync(
        IReadOnlyCollection<Guid> bureauIds, DateTimeOffset from, DateTimeOffset before, int take, CancellationToken cancellationToken);

    /// <summary>
    /// Completed revisits (SLA step Revisit) of the requests whose satisfaction was 不满意 or 基本满意, oldest revisit first.
    /// A revisit recorded as 满意 is not listed.
    /// </summary>
    Task<IReadOnlyList<PoorlyRatedItem>> PoorlyRatedAsync(
        IReadOnlyCollection<Guid> bureauIds, DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>A revisit rated 不满意 or 基本满意, with the request it was about.</summary>
public sealed record PoorlyRatedItem(
    Guid RequestId, string RequestNumber, string TaxpayerName, Guid BureauId, string CategoryCode, string Satisfaction, string? Note, DateTimeOffset RevisitedAt);
