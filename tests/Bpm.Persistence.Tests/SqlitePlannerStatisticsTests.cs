using Bpm.Application.Requests;
using Bpm.Application.Statistics;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests;

/// <summary>
/// SQLite's planner statistics are taken again only when the requests have grown by half since the last ANALYZE:
/// 4 requests, never analyzed → analyzed at 4; 6 → again at 6; 7 → left at 6.
/// </summary>
public sealed class SqlitePlannerStatisticsTests(SqliteDatabaseFixture fixture) : StoreTestBase(fixture), IClassFixture<SqliteDatabaseFixture>
{
    private static readonly CancellationToken none = CancellationToken.None;

    private async Task RegisterAsync(SeededBureau bureau, int count)
    {
        for (int i = 0; i < count; i++)
        {
            await InScope(services => services.GetRequiredService<RequestRegistrationService>().RegisterAsync(
                bureau.Id, Registration(bureau, At("2026-03-01T02:00:00Z")), none));
        }
    }

    private Task RefreshAsync() => InScope(services => services.GetRequiredService<IQueryPlannerStatistics>().RefreshAsync(none));

    private async Task<long> AnalyzedRequestsAsync()
    {
        await using var db = Database.CreateContext();
        var stats = await db.Database.SqlQueryRaw<string>("""SELECT stat AS "Value" FROM sqlite_stat1 WHERE tbl = 'TaxpayerRequests'""").ToListAsync(none);
        return stats.Select(s => long.Parse(s.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).Max();
    }

    [Fact]
    public async Task Statistics_are_taken_again_only_after_the_requests_grew_by_half()
    {
        var bureau = await SeedBureauAsync();
        await RegisterAsync(bureau, 4);
        await RefreshAsync();
        (await AnalyzedRequestsAsync()).ShouldBe(4);

        await RegisterAsync(bureau, 2);
        await RefreshAsync();
        (await AnalyzedRequestsAsync()).ShouldBe(6);

        await RegisterAsync(bureau, 1);
        await RefreshAsync();
        (await AnalyzedRequestsAsync()).ShouldBe(6);
    }
}
