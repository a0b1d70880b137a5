using System.Text.Json.Nodes;
using Bpm.Bench.Benchmarks;

namespace Bpm.Bench.Tests;

/// <summary>The one table of `all`: each figure against its same-run baseline and goal, from the JSON the benchmarks wrote.</summary>
public sealed class SuiteSummaryTests
{
    private static Dictionary<string, JsonNode> Results(params (string Name, string Json)[] files) =>
        files.ToDictionary(f => f.Name, f => JsonNode.Parse(f.Json)!);

    [Fact]
    public void The_engine_ratio_is_bpm_over_the_baseline_and_meets_50x_at_66x()
    {
        var rows = SuiteSummary.Build(Results(("engine", """{"bpm":{"runsPerSecond":13279},"baseline":{"runsPerSecond":199}}""")));

        var row = rows.ShouldHaveSingleItem();
        row.Ratio.ShouldBe(66.73);
        row.Goal.ShouldBe("≥ 50×");
        row.Met.ShouldBe(true);
    }

    [Fact]
    public void Registration_at_a_twentieth_of_the_plain_inserts_misses_half()
    {
        var rows = SuiteSummary.Build(Results(("http", """{"http":{"perSecond":75},"baseline":{"perSecond":1500}}""")));

        rows.ShouldHaveSingleItem().Met.ShouldBe(false);
        rows[0].Ratio.ShouldBe(0.05);
    }

    [Fact]
    public void The_completion_goal_is_judged_on_PostgreSQL_only_and_a_failed_completion_misses_it()
    {
        var rows = SuiteSummary.Build(Results(("scale", """
            {"providers":[
              {"provider":"SQLite","requests":1000000,"queries":[],"completion":{"handlers":200,"p99Milliseconds":900,"failed":0}},
              {"provider":"PostgreSQL","requests":1000000,"queries":[],"completion":{"handlers":200,"p99Milliseconds":12,"failed":1}}]}
            """)));

        rows.Single(r => r.Figure.Contains("(SQLite)")).Met.ShouldBeNull();
        rows.Single(r => r.Figure.Contains("(PostgreSQL)")).Met.ShouldBe(false);
    }

    [Fact]
    public void Inbox_and_list_report_their_slowest_api_query_and_leave_the_pages_out()
    {
        var rows = SuiteSummary.Build(Results(("scale", """
            {"providers":[{"provider":"SQLite","requests":1000000,"memoryHighestMegabytes":420,"queries":[
              {"name":"inbox, unit handler","kind":"api","runs":30,"p95Milliseconds":31},
              {"name":"inbox, unit handler, overdue","kind":"api","runs":30,"p95Milliseconds":44},
              {"name":"list, national admin","kind":"api","runs":30,"p95Milliseconds":61},
              {"name":"list, bureau admin","kind":"api","runs":0,"p95Milliseconds":0},
              {"name":"inbox page","kind":"page","runs":30,"p95Milliseconds":900}]}]}
            """)));

        var inbox = rows.Single(r => r.Figure.StartsWith("inbox", StringComparison.Ordinal));
        inbox.Bpm.ShouldBe("44.0");
        inbox.Figure.ShouldContain("worst of 2 (inbox, unit handler, overdue)");
        inbox.Met.ShouldBe(true);
        var list = rows.Single(r => r.Figure.StartsWith("list", StringComparison.Ordinal));
        list.Figure.ShouldContain("worst of 1");
        list.Met.ShouldBe(false);
        rows.Single(r => r.Figure.StartsWith("server memory", StringComparison.Ordinal)).Met.ShouldBe(true);
    }

    [Fact]
    public void Start_up_is_judged_on_the_slowest_restart_against_3_seconds()
    {
        var rows = SuiteSummary.Build(Results(("startup", """
            {"baseline":{"p50Seconds":0.5},"restart":{"p50Seconds":2.1,"maxSeconds":3.4,"failed":0},"fresh":{"p50Seconds":4.0,"maxSeconds":4.5,"failed":0}}
            """)));

        var restart = rows.Single(r => r.Figure.Contains("restart"));
        restart.Met.ShouldBe(false);
        restart.Ratio.ShouldBe(4.2);
        rows.Single(r => r.Figure.Contains("first start")).Met.ShouldBeNull();
    }

    [Fact]
    public void A_benchmark_that_did_not_run_leaves_no_row_and_the_table_still_renders()
    {
        var rows = SuiteSummary.Build(Results());

        rows.ShouldBeEmpty();
        SuiteSummary.Render(rows).ShouldStartWith("figure");
    }

    [Fact]
    public void The_rendered_table_says_yes_NO_or_a_dash()
    {
        string table = SuiteSummary.Render(
        [
            new SuiteSummary.Row("a", "1", "—", null, "< 3 s", true),
            new SuiteSummary.Row("b", "9", "—", null, "< 3 s", false),
            new SuiteSummary.Row("c", "2", "—", null, "(information)", null),
        ]);

        string[] lines = table.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[2].ShouldEndWith("| yes");
        lines[3].ShouldEndWith("| NO");
        lines[4].ShouldEndWith("| —");
    }
}
