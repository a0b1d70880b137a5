using System.Globalization;
using System.Text.Json.Nodes;

namespace Bpm.Bench.Benchmarks;

/// <summary>
/// The issue's figures, one row each, from the JSON the benchmarks wrote in this run: what Bpm measured, the baseline
/// measured in the same run, their ratio, the goal and whether it holds. A figure whose benchmark did not run (or failed)
/// is absent, not guessed. Example: engine.json with bpm.runsPerSecond 13,279 and baseline.runsPerSecond 199 → the row
/// "engine core, workflow runs/s" | 13279 | 199 | 66.8 | ≥ 50× | yes.
/// </summary>
internal static class SuiteSummary
{
    public sealed record Row(string Figure, string Bpm, string Baseline, double? Ratio, string Goal, bool? Met);

    public static IReadOnlyList<Row> Build(IReadOnlyDictionary<string, JsonNode> results)
    {
        var rows = new List<Row>();
        if (results.TryGetValue("http", out var http))
        {
            double bpm = Number(http["http"]?["perSecond"]);
            double baseline = Number(http["baseline"]?["perSecond"]);
            double? ratio = Ratio(bpm, baseline);
            rows.Add(new Row("register → workflow → first task, HTTP, req/s (SQLite)", Format(bpm, "N1"), Format(baseline, "N1") + " (ADO.NET inserts)", ratio, "≥ 0.5 × baseline", ratio >= 0.5));
        }

        if (results.TryGetValue("scale", out var scale))
        {
            foreach (var run in Runs(scale["providers"]))
            {
                string provider = Text(run["provider"]);
                if (run["completionBurst"] is JsonObject burst)
                {
                    rows.Add(new Row($"completion → next task visible, p99 ms, {Number(burst["handlers"])} handlers all at once ({provider})",
                        Format(Number(burst["p99Milliseconds"]), "N1") + $" ({Format(Number(burst["perSecond"]), "N1")}/s)", "—", null, "(information: capacity)", null));
                }
                if (run["completion"] is JsonObject completion)
                {
                    double p99 = Number(completion["p99Milliseconds"]);
                    bool goalApplies = provider == "PostgreSQL";
                    rows.Add(new Row($"completion → next task visible, p99 ms, {Number(completion["handlers"])} handlers, {Text(completion["mode"])} ({provider})",
                        Format(p99, "N1"), "—", null, goalApplies ? "< 20 ms" : "< 20 ms (goal on PostgreSQL)",
                        goalApplies ? p99 < ScaleBenchmark.CompletionGoalMilliseconds && Number(completion["failed"]) == 0 : null));
                }
            }
        }

        if (results.TryGetValue("engine", out var engine))
        {
            double bpm = Number(engine["bpm"]?["runsPerSecond"]);
            double baseline = Number(engine["baseline"]?["runsPerSecond"]);
            double? ratio = Ratio(bpm, baseline);
            rows.Add(new Row("engine core in memory, workflow runs/s", Format(bpm, "N0"), Format(baseline, "N0") + " (bpmn-engine)", ratio, "≥ 50×", ratio >= 50));
        }

        if (results.TryGetValue("timers", out var timers))
        {
            string open = Format(Number(timers["settings"]?["open"]), "N0");
            double baselineLone = Number(timers["baseline"]?["fire"]?["loneP99Milliseconds"]);
            double baselineBurst = Number(timers["baseline"]?["fire"]?["burstSeconds"]);
            foreach (var run in Runs(timers["runs"]))
            {
                string provider = Text(run["provider"]);
                double lone = Number(run["loneP99Milliseconds"]);
                double burst = Number(run["burstSeconds"]);
                double replan = Number(run["replanSeconds"]);
                rows.Add(new Row($"{open} open SLA timers: firing lateness p99, ms ({provider})", Format(lone, "N1"), Format(baselineLone, "N1") + " (Quartz RAM)", Ratio(lone, baselineLone), "< 1 s", lone < 1000));
                rows.Add(new Row($"{open} open SLA timers: burst applied, s ({provider})", Format(burst, "N2"), Format(baselineBurst, "N2") + " (Quartz RAM)", Ratio(burst, baselineBurst), "< 5 s", burst < 5));
                rows.Add(new Row($"re-plan {Format(Number(run["replanExamined"]), "N0")} deadlines, s ({provider})", Format(replan, "N1"), "—", null, "< 30 s", replan < 30));
            }
        }

        if (results.TryGetValue("scale", out scale))
        {
            foreach (var run in Runs(scale["providers"]))
            {
                string provider = Text(run["provider"]);
                string size = Format(Number(run["requests"]), "N0");
                var queries = Runs(run["queries"]).Where(q => Text(q["kind"]) == "api" && Number(q["runs"]) > 0).ToList();
                foreach (string kind in new[] { "inbox", "list" })
                {
                    var mine = queries.Where(q => Text(q["name"]).StartsWith(kind, StringComparison.Ordinal)).ToList();
                    if (mine.Count == 0)
                    {
                        continue;
                    }
                    var worst = mine.MaxBy(q => Number(q["p95Milliseconds"]))!;
                    double p95 = Number(worst["p95Milliseconds"]);
                    rows.Add(new Row($"{kind} API p95 ms, worst of {mine.Count} ({Text(worst["name"])}), {size} requests ({provider})",
                        Format(p95, "N1"), "—", null, "< 50 ms", p95 < ScaleBenchmark.QueryGoalMilliseconds));
                }
                if (run["memoryHighestMegabytes"] is JsonNode memory)
                {
                    double highest = Number(memory);
                    rows.Add(new Row($"server memory under load (VmRSS), MB, {size} requests ({provider})", Format(highest, "N0"), "—", null, "< 500 MB", highest < ScaleBenchmark.MemoryGoalMegabytes));
                }
            }
        }

        if (results.TryGetValue("calendar", out var calendar))
        {
            foreach (var comparison in Runs(calendar["comparisons"]).Where(c => Text(c["spans"]) == "1-250"))
            {
                double fast = Number(comparison["fastOpsPerSecond"]);
                double naive = Number(comparison["naiveOpsPerSecond"]);
                double? ratio = Ratio(fast, naive);
                rows.Add(new Row($"working-day arithmetic ({Text(comparison["calendar"])}, 1-250 days), ops/s", Format(fast, "N0"), Format(naive, "N0") + " (day-by-day walk)", ratio, "≥ 20×", ratio >= 20));
            }
        }

        if (results.TryGetValue("startup", out var startup))
        {
            double baseline = Number(startup["baseline"]?["p50Seconds"]);
            foreach (var (key, label, judged) in new[] { ("restart", "restart, migrated database", true), ("fresh", "first start, new database", false) })
            {
                if (startup[key] is not JsonObject found)
                {
                    continue;
                }
                double p50 = Number(found["p50Seconds"]);
                double max = Number(found["maxSeconds"]);
                rows.Add(new Row($"server start-up to first 200 on /health, s: {label} (SQLite)", $"{Format(p50, "N2")} (max {Format(max, "N2")})",
                    Format(baseline, "N2") + " (minimal ASP.NET Core)", Ratio(p50, baseline), judged ? "< 3 s" : "< 3 s (information)",
                    judged ? max < StartupBenchmark.GoalSeconds && Number(found["failed"]) == 0 : null));
            }
        }

        if (results.TryGetValue("pages", out var pages))
        {
            foreach (var run in Runs(pages["providers"]))
            {
                var measured = Runs(run["pages"]).Where(p => Number(p["runs"]) > 0).ToList();
                var baseline = measured.FirstOrDefault(p => Text(p["path"]) == "/health");
                var worst = measured.Where(p => p != baseline).MaxBy(p => Number(p["p50Milliseconds"]));
                if (worst is null)
                {
                    continue;
                }
                double p50 = Number(worst["p50Milliseconds"]);
                double health = baseline is null ? 0 : Number(baseline["p50Milliseconds"]);
                rows.Add(new Row($"web pages p50 ms, slowest ({Text(worst["name"])}), {Format(Number(run["requests"]), "N0")} requests ({Text(run["provider"])})",
                    Format(p50, "N1"), Format(health, "N1") + " (/health)", Ratio(p50, health), "< 300 ms", p50 < 300));
            }
        }

        return rows;
    }

    public static string Render(IReadOnlyList<Row> rows)
    {
        int figure = Math.Max(6, rows.Select(r => r.Figure.Length).DefaultIfEmpty(0).Max());
        int bpm = Math.Max(3, rows.Select(r => r.Bpm.Length).DefaultIfEmpty(0).Max());
        int baseline = Math.Max(8, rows.Select(r => r.Baseline.Length).DefaultIfEmpty(0).Max());
        int goal = Math.Max(4, rows.Select(r => r.Goal.Length).DefaultIfEmpty(0).Max());
        var text = new System.Text.StringBuilder();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{"figure".PadRight(figure)} | {"Bpm".PadRight(bpm)} | {"baseline".PadRight(baseline)} | {"ratio",8} | {"goal".PadRight(goal)} | met?"));
        text.AppendLine(new string('-', figure + bpm + baseline + goal + 30));
        foreach (var row in rows)
        {
            string ratio = row.Ratio is { } r ? r.ToString(r >= 100 ? "N0" : "N2", CultureInfo.InvariantCulture) : "—";
            string met = row.Met switch { true => "yes", false => "NO", null => "—" };
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"{row.Figure.PadRight(figure)} | {row.Bpm.PadRight(bpm)} | {row.Baseline.PadRight(baseline)} | {ratio,8} | {row.Goal.PadRight(goal)} | {met}"));
        }
        return text.ToString();
    }

    private static IEnumerable<JsonObject> Runs(JsonNode? array) => (array as JsonArray ?? []).OfType<JsonObject>();

    private static double Number(JsonNode? node) => node is JsonValue value && value.TryGetValue<double>(out double number) ? number : 0;

    private static string Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out string? text) ? text : "";

    private static double? Ratio(double value, double baseline) => baseline > 0 ? Math.Round(value / baseline, 2) : null;

    private static string Format(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);
}
