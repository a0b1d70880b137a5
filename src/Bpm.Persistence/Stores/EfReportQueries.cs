using System.Text.Json;
using Bpm.Application.Reports;
using Bpm.Application.Statistics;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Stores;

/// <summary>The quarterly report's own figures (the dashboard's come from EfRequestStatistics).</summary>
internal sealed class EfReportQueries(BpmDbContext db) : IReportQueries
{
    /// <summary>The satisfaction values of the revisit form (Revisit activity) that count as a poor rating.</summary>
    private static readonly string[] PoorRatings = ["不满意", "基本满意"];

    public async Task<IReadOnlyList<KeyCount>> TopCategoriesAsync(
        IReadOnlyCollection<Guid> bureauIds, DateTimeOffset from, DateTimeOffset before, int take, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bureauIds);
        var ids = bureauIds.ToList();
        var counts = await db.TaxpayerRequests.AsNoTracking()
            .Where(r => ids.Contains(r.BureauId) && r.ReceivedAt >= from && r.ReceivedAt < before)
            .GroupBy(r => r.CategoryCode)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return [.. counts.OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).Take(take).Select(c => new KeyCount(c.Key, c.Count))];
    }

    /// <summary>
    /// The completed revisits of the period's requests are read with their form data (a quarter has a few thousand) and
    /// the satisfaction is taken from the JSON here: the stored text may escape Chinese characters, so SQL cannot match it.
    /// </summary>
    public async Task<IReadOnlyList<PoorlyRatedItem>> PoorlyRatedAsync(
        IReadOnlyCollection<Guid> bureauIds, DateTimeOffset from, DateTimeOffset before, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(bureauIds);
        var ids = bureauIds.ToList();
        var revisits = await db.TaxpayerRequests.AsNoTracking()
            .Where(r => ids.Contains(r.BureauId) && r.ReceivedAt >= from && r.ReceivedAt < before)
            .Join(db.RequestTasks.AsNoTracking().Where(t => t.SlaStep == SlaStep.Revisit && t.Status == RequestTaskStatus.Completed),
                r => r.Id, t => t.RequestId,
                (r, t) => new { r.Id, r.Number, r.TaxpayerName, r.BureauId, r.CategoryCode, t.DataJson, t.CompletedAt })
            .ToListAsync(cancellationToken);
        var items = new List<PoorlyRatedItem>();
        foreach (var revisit in revisits)
        {
            var (satisfaction, note) = Read(revisit.DataJson);
            if (satisfaction is not null && PoorRatings.Contains(satisfaction, StringComparer.Ordinal))
            {
                items.Add(new PoorlyRatedItem(revisit.Id, revisit.Number, revisit.TaxpayerName, revisit.BureauId, revisit.CategoryCode,
                    satisfaction, note, revisit.CompletedAt ?? DateTimeOffset.MinValue));
            }
        }

        return [.. items.OrderBy(i => i.RevisitedAt).ThenBy(i => i.RequestNumber, StringComparer.Ordinal)];
    }

    private static (string? Satisfaction, string? Note) Read(string? dataJson)
    {
        if (string.IsNullOrWhiteSpace(dataJson))
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(dataJson);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            return (Text(document.RootElement, "satisfaction"), Text(document.RootElement, "note"));
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static string? Text(JsonElement data, string name) =>
        data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
