using Bpm.Application.Requests;
using Bpm.Application.Statistics;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests;

/// <summary>
/// An index a migration added after the last ANALYZE gets its statistics at the next refresh, however little the rows
/// changed (without them SQLite ignored the new (ReceivedAt, Number) index and sorted every request for the list's first
/// page); an empty partial index, which ANALYZE never describes, does not make every refresh analyze again.
/// </summary>
public sealed class SqliteIndexStatisticsTests(SqliteDatabaseFixture fixture) : StoreTestBase(fixture), IClassFixture<SqliteDatabaseFixture>
{
    private static readonly CancellationToken none = CancellationToken.None;

    private Task RefreshAsync() => InScope(services => services.GetRequiredService<IQueryPlannerStatistics>().RefreshAsync(none));

    [Fact]
    public async Task An_index_added_after_the_last_analyze_gets_statistics_at_the_next_refresh()
    {
        var bureau = await SeedBureauAsync();
        for (int i = 0; i < 3; i++)
        {
            await InScope(services => services.GetRequiredService<RequestRegistrationService>().RegisterAsync(
                bureau.Id, Registration(bureau, At("2026-03-01T02:00:00Z")), none));
        }

        await RefreshAsync();
        await using (var db = Database.CreateContext())
        {
            await db.Database.ExecuteSqlRawAsync("""CREATE INDEX "IX_Test_Industry" ON "TaxpayerRequests" ("Industry")""", none);
            await db.Database.ExecuteSqlRawAsync("""CREATE INDEX "IX_Test_Merged" ON "TaxpayerRequests" ("Number") WHERE "MergedIntoRequestId" IS NOT NULL""", none);
        }

        try
        {
            (await StatisticsOfAsync("IX_Test_Industry")).ShouldBeNull();
            await RefreshAsync();
            (await StatisticsOfAsync("IX_Test_Industry")).ShouldNotBeNull().ShouldStartWith("3 ");

            // The empty partial index has no statistics row after that ANALYZE either; it must not make every refresh analyze
            // again (an ANALYZE would overwrite the marker below).
            (await StatisticsOfAsync("IX_Test_Merged")).ShouldBeNull();
            await using (var db = Database.CreateContext())
            {
                await db.Database.ExecuteSqlRawAsync("""UPDATE sqlite_stat1 SET stat = '3 99' WHERE idx = 'IX_Test_Industry'""", none);
            }

            await RefreshAsync();
            (await StatisticsOfAsync("IX_Test_Industry")).ShouldBe("3 99");
        }
        finally
        {
            await using var db = Database.CreateContext();
            await db.Database.ExecuteSqlRawAsync("""DROP INDEX IF EXISTS "IX_Test_Industry" """, none);
            await db.Database.ExecuteSqlRawAsync("""DROP INDEX IF EXISTS "IX_Test_Merged" """, none);
        }
    }

    private async Task<string?> StatisticsOfAsync(string index)
    {
        await using var db = Database.CreateContext();
        return (await db.Database.SqlQueryRaw<string>("""SELECT stat AS "Value" FROM sqlite_stat1 WHERE idx = {0}""", index).ToListAsync(none)).SingleOrDefault();
    }
}
