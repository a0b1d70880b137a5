using System.Globalization;
using System.Text.RegularExpressions;
using Bpm.Persistence.Migrations;
using Bpm.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>
/// SQLite's trigram indexes of names (<see cref="TaxpayerNameTrigrams"/> of requests, <see cref="InboxSearchNameTrigrams"/> of
/// open tasks): kept equal to the names by their triggers, and read by the searches — once per page view, the inbox's driving
/// from the open tasks it finds — with the planner statistics of a million requests. Fails if a later migration drops the table or its triggers, or a change of the queries
/// makes them read every name or every open task of the unit again.
/// </summary>
public sealed class TaxpayerNameTrigramsOnSqlite(SqliteDatabaseFixture fixture) : NameSearchTestBase(fixture), IClassFixture<SqliteDatabaseFixture>
{
    /// <summary>
    /// sqlite_stat1 of the bench's data set at 10⁶ requests and 2.8 million tasks (its 10⁴ quick set analyzed, scaled by 100:
    /// copies share every value but ids and numbers). The planner of the bundled SQLite reads nothing else (no STAT4).
    /// </summary>
    private static readonly (string Table, string Index, string Statistics)[] millionRequests =
    [
        ("RequestTasks", "IX_RequestTasks_AssigneeUnitId_Status_DueAt", "2793600 558800 310400 1100"),
        ("RequestTasks", "IX_RequestTasks_BookmarkId", "2793600 1000"),
        ("RequestTasks", "IX_RequestTasks_BureauId_Status_Id", "2793600 931200 465600 1"),
        ("RequestTasks", "IX_RequestTasks_ClaimedOpen", "24000 1800 1000"),
        ("RequestTasks", "IX_RequestTasks_RequestId_Status", "2793600 3 3"),
        ("RequestTasks", "IX_RequestTasks_Status_DueAt", "2793600 1396800 1100"),
        ("RequestTasks", "IX_RequestTasks_UnclaimedOpenByType", "85000 28000 4700 1"),
        ("RequestTasks", "sqlite_autoindex_RequestTasks_1", "2793600 1"),
        ("TaxpayerRequests", "IX_TaxpayerRequests_BureauId_Status_ReceivedAt_Type_Channel", "1008000 336000 126000 1000 1000 1000"),
        ("TaxpayerRequests", "IX_TaxpayerRequests_ContactDigest_ReceivedAt", "1008000 1100 1000"),
        ("TaxpayerRequests", "IX_TaxpayerRequests_CreditCodeDigest_ReceivedAt", "1008000 5300 1000"),
        ("TaxpayerRequests", "IX_TaxpayerRequests_Dashboard", "1008000 336000 1000 1000 1000 1000 1000 1000 1000 1000 1000 1000"),
        ("TaxpayerRequests", "IX_TaxpayerRequests_Number", "1008000 1"),
        ("TaxpayerRequests", "IX_TaxpayerRequests_ReceivedAt_Number", "1008000 1000 1"),
        ("TaxpayerRequests", "IX_TaxpayerRequests_ReceivingUnitId", "1008000 252000"),
        ("TaxpayerRequests", "IX_TaxpayerRequests_WorkflowInstanceId", "1008000 12500"),
        ("TaxpayerRequests", "sqlite_autoindex_TaxpayerRequests_1", "1008000 1"),
    ];

    [Fact]
    public async Task The_triggers_keep_the_indexes_equal_to_the_names_through_registrations_changes_completions_deletions_and_vacuum()
    {
        var bureau = await SeedBureauAsync();
        (await ScalarAsync($"""SELECT COUNT(*) AS "Value" FROM sqlite_master WHERE type = 'trigger' AND name LIKE '{TaxpayerNameTrigrams.Table}%'""")).ShouldBe(3);
        (await ScalarAsync($"""SELECT COUNT(*) AS "Value" FROM sqlite_master WHERE type = 'trigger' AND name LIKE '{InboxSearchNameTrigrams.Table}%'""")).ShouldBe(4);
        var kept = await RegisterWithTaskAsync(bureau, "仙桃市恒达纺织有限公司");
        var renamed = await RegisterWithTaskAsync(bureau, "仙桃市恒丰纺织有限公司");
        var completed = await RegisterWithTaskAsync(bureau, "仙桃市恒兴纺织有限公司");
        var requests = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            requests.Add((await RegisterAsync(bureau, $"仙桃市第{i}纺织厂")).Id);
        }

        await CheckIndexesAsync();
        await ExecuteAsync("""UPDATE "TaxpayerRequests" SET "TaxpayerName" = '仙桃市恒发纺织厂' WHERE "Id" = {0}""", requests[0]);
        await ExecuteAsync("""UPDATE "TaxpayerRequests" SET "TaxpayerName" = '仙桃市新丰纺织厂' WHERE "Id" = {0}""", renamed.Id);
        await CompleteTasksAsync(completed.Id);
        await ExecuteAsync("""DELETE FROM "TaxpayerRequests" WHERE "Id" = {0} OR "Id" = {1}""", requests[1], requests[4]);
        await CheckIndexesAsync();
        (await ScalarAsync($"""SELECT COUNT(*) AS "Value" FROM "{InboxSearchNameTrigrams.Table}" WHERE "{InboxSearchNameTrigrams.Table}" MATCH '纺织有限'""")).ShouldBe(1);

        // VACUUM copies each row with its rowid (no INTEGER PRIMARY KEY here, but SQLite 3.35 keeps it all the same), so the
        // indexes still point at the right names, gaps of deleted rows and all.
        await ExecuteAsync("VACUUM");
        await CheckIndexesAsync();
        (await ListAsync(bureau, "恒发纺织")).ShouldBe([requests[0]]);
        (await ListAsync(bureau, "第2纺织")).ShouldBe([requests[2]]);
        (await ListAsync(bureau, "第4纺织")).ShouldBeEmpty();
        (await InboxAsync(bureau, "恒达纺织")).ShouldBe([kept.Id]);
        (await InboxAsync(bureau, "新丰纺织")).ShouldBe([renamed.Id]);
        (await InboxAsync(bureau, "恒丰纺织")).ShouldBeEmpty();
        (await InboxAsync(bureau, "恒兴纺织")).ShouldBeEmpty();
    }

    [Fact]
    public async Task At_a_million_requests_a_search_reads_the_open_tasks_index_once_and_only_the_open_tasks_it_finds()
    {
        var bureau = await SeedBureauAsync();
        var found = await RegisterWithTaskAsync(bureau, "基准测试纳税人777");
        await RegisterWithTaskAsync(bureau, "基准测试纳税人42");
        await UseStatisticsAsync(millionRequests);

        using var recorder = new SqlCommandRecorder(Database);
        (await InboxAsync(bureau, "基准测试纳税人777")).ShouldBe([found.Id]);
        var inbox = recorder.Commands.Where(c => c.Text.Contains(InboxSearchNameTrigrams.Table, StringComparison.Ordinal)).ShouldHaveSingleItem();
        var plan = await recorder.PlanAsync(inbox);
        plan.ShouldContain(line => line.StartsWith($"SCAN TABLE {InboxSearchNameTrigrams.Table} VIRTUAL TABLE INDEX", StringComparison.Ordinal), Show(plan));
        // The open tasks found are read by id: not the unit's 40,000 open tasks, nor the names of all requests.
        plan.ShouldContain(line => line.StartsWith("SEARCH TABLE RequestTasks AS r USING", StringComparison.Ordinal) && line.EndsWith(" AND Id=?)", StringComparison.Ordinal), Show(plan));
        plan.ShouldContain(line => line.StartsWith("SEARCH TABLE RequestTasks USING INTEGER PRIMARY KEY (rowid=?)", StringComparison.Ordinal), Show(plan));
        plan.ShouldNotContain(line => line.StartsWith("SCAN TABLE RequestTasks", StringComparison.Ordinal), Show(plan));
        plan.ShouldNotContain(line => line.Contains("AssigneeUnitId", StringComparison.Ordinal), Show(plan));
        plan.ShouldNotContain(line => line.Contains(TaxpayerNameTrigrams.Table, StringComparison.Ordinal), Show(plan));
        plan.ShouldNotContain(line => line.StartsWith("SCAN TABLE TaxpayerRequests", StringComparison.Ordinal), Show(plan));

        // A number's beginning in the same box: read as a range of the number's index, beside the name and the credit code.
        var prefix = $"{bureau.Prefix}-2026-0";
        (await InboxAsync(bureau, prefix.ToLowerInvariant())).Length.ShouldBe(2);
        plan = await recorder.PlanAsync(recorder.Commands.Last(c => c.Text.Contains(InboxSearchNameTrigrams.Table, StringComparison.Ordinal)));
        plan.ShouldContain(line => line.Contains("USING INDEX IX_TaxpayerRequests_Number (Number>? AND Number<?)", StringComparison.Ordinal), Show(plan));
        plan.ShouldContain(line => line.Contains("USING INDEX IX_TaxpayerRequests_CreditCodeDigest_ReceivedAt (CreditCodeDigest=?)", StringComparison.Ordinal), Show(plan));

        var before = recorder.Commands.Count;
        (await ListAsync(bureau, "基准测试纳税人777")).ShouldBe([found.Id]);
        var list = recorder.Commands.Skip(before).Where(c => c.Text.Contains(TaxpayerNameTrigrams.Table, StringComparison.Ordinal)).ShouldHaveSingleItem();
        plan = await recorder.PlanAsync(list);
        plan.ShouldContain(line => line.StartsWith($"SCAN TABLE {TaxpayerNameTrigrams.Table} VIRTUAL TABLE INDEX", StringComparison.Ordinal), Show(plan));
        plan.ShouldNotContain(line => line.StartsWith("SCAN TABLE TaxpayerRequests", StringComparison.Ordinal), Show(plan));
        plan.ShouldNotContain(line => line.Contains("IX_TaxpayerRequests_ReceivedAt_Number", StringComparison.Ordinal), Show(plan));
    }


    /// <summary>FTS5's own check of each external-content index against the names it was made from (rank 1: read the content too).</summary>
    private async Task CheckIndexesAsync()
    {
        await ExecuteAsync($"""INSERT INTO "{TaxpayerNameTrigrams.Table}" ("{TaxpayerNameTrigrams.Table}", rank) VALUES ('integrity-check', 1)""");
        await ExecuteAsync($"""INSERT INTO "{InboxSearchNameTrigrams.Table}" ("{InboxSearchNameTrigrams.Table}", rank) VALUES ('integrity-check', 1)""");
    }

    /// <summary>Planner statistics as given, read by every connection opened from now on.</summary>
    private async Task UseStatisticsAsync(IEnumerable<(string Table, string Index, string Statistics)> statistics)
    {
        await ExecuteAsync("ANALYZE");
        foreach (var (table, index, figures) in statistics)
        {
            await ExecuteAsync("INSERT OR REPLACE INTO sqlite_stat1 (tbl, idx, stat) VALUES ({0}, {1}, {2})", table, index, figures);
        }

        // Pooled connections loaded the old statistics with the schema.
        SqliteConnection.ClearAllPools();
    }
}

/// <summary>
/// PostgreSQL's trigram index (pg_trgm, GIN): installed by the migration as the test role (the database's owner, as the
/// product's role would be), and used for a Chinese name — which needs a database whose LC_CTYPE calls Chinese characters
/// letters (C.UTF-8 here): under plain C pg_trgm makes no trigram of them and the index would hand back every row.
/// </summary>
public sealed class TaxpayerNameTrigramsOnPostgreSql(PostgreSqlDatabaseFixture fixture) : NameSearchTestBase(fixture), IClassFixture<PostgreSqlDatabaseFixture>
{
    [PostgresFact]
    public async Task A_chinese_name_is_found_through_the_gin_index_which_hands_back_only_the_names_holding_its_trigrams()
    {
        var bureau = await SeedBureauAsync();
        var template = await RegisterWithTaskAsync(bureau, "模板企业");
        // 30,000 more requests, each with an open task in the unit, named 测试企业 and two characters of their own
        // (测试企业一丁 …): copies of the template in SQL, then fresh planner statistics.
        await CopyRowsAsync("TaxpayerRequests", """FROM "TaxpayerRequests" t, generate_series(1, 30000) g WHERE t."Id" = {0}""", [template.Id], new()
        {
            ["Id"] = "gen_random_uuid()",
            ["Number"] = "t.\"Number\" || '-' || g",
            ["TaxpayerName"] = "'测试企业' || chr(19968 + g % 20000) || chr(19968 + (g * 7) % 3001)",
        });
        await CopyRowsAsync("RequestTasks", """FROM "RequestTasks" t JOIN "TaxpayerRequests" r ON r."Number" LIKE {1} WHERE t."RequestId" = {0}""",
            [template.Id, template.Number + "-%"], new() { ["Id"] = "gen_random_uuid()", ["RequestId"] = "r.\"Id\"", ["InboxSearchName"] = "r.\"TaxpayerName\"" });
        await ExecuteAsync("""ANALYZE "TaxpayerRequests"; ANALYZE "RequestTasks";""");
        var name = "测试企业" + char.ConvertFromUtf32(19968 + 1500) + char.ConvertFromUtf32(19968 + (1500 * 7) % 3001);

        using var recorder = new SqlCommandRecorder(Database);
        (await ListAsync(bureau, name)).Length.ShouldBe(1);
        (await InboxAsync(bureau, name)).Length.ShouldBe(1);
        (await ScalarAsync("""SELECT COUNT(*) AS "Value" FROM pg_extension WHERE extname = 'pg_trgm'""")).ShouldBe(1);

        var searches = recorder.Commands.Where(c => c.Text.Contains("LIKE", StringComparison.Ordinal)).ToList();
        searches.Count.ShouldBe(2, "one statement with the name's LIKE for the list, one for the inbox");
        // The list looks among all requests' names, the inbox among the open tasks' copies only.
        foreach (var (command, index) in searches.Zip(["IX_TaxpayerRequests_TaxpayerName_Trigrams", "IX_RequestTasks_InboxSearchName_Trigrams"]))
        {
            // At 30,000 rows reading the table is about as cheap, and the planner may; with sequential scans off it shows
            // whether the index can answer the search at all, and how many rows it hands back (the bench's 10⁶ decide the rest).
            var plan = await recorder.PlanAsync(command, "SET enable_seqscan = off", analyze: true);
            var indexScan = plan.SingleOrDefault(line => line.Contains($"Bitmap Index Scan on \"{index}\"", StringComparison.Ordinal));
            indexScan.ShouldNotBeNull(Show(plan));
            // Under a C LC_CTYPE this would be every one of the 30,000 names (Chinese characters make no trigrams there).
            int.Parse(Regex.Match(indexScan, @"rows=(\d+)").Groups[1].Value, CultureInfo.InvariantCulture).ShouldBeLessThan(5, Show(plan));
        }
    }

    /// <summary>
    /// <c>INSERT INTO table (every column) SELECT … FROM …</c>, each column copied from the row <c>t</c> unless
    /// <paramref name="expressions"/> gives its value, e.g. <c>["Id"] = "gen_random_uuid()"</c>.
    /// </summary>
    private async Task CopyRowsAsync(string table, string from, object[] parameters, Dictionary<string, string> expressions)
    {
        var columns = await ColumnsAsync(table);
        var values = columns.Select(column => expressions.GetValueOrDefault(column, $"t.\"{column}\""));
        await ExecuteAsync(
            $"""INSERT INTO "{table}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) SELECT {string.Join(", ", values)} """ + from, parameters);
    }

    private async Task<List<string>> ColumnsAsync(string table)
    {
        await using var db = Database.CreateContext();
        return await db.Database.SqlQueryRaw<string>(
            """SELECT column_name AS "Value" FROM information_schema.columns WHERE table_name = {0} ORDER BY ordinal_position""", table).ToListAsync();
    }
}
