using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bpm.Engine;
using Bpm.Engine.Model;
using Bpm.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Bench.Benchmarks;

/// <summary>
/// The engine core in memory: Start → human task (suspends on a bookmark) → End, parsed and compiled once;
/// each run is StartAsync, then ResumeAsync of the task's bookmark to completion, one run after another on
/// one thread. Baseline in the same run: bpmn-engine (Node) on the equivalent BPMN (startEvent → userTask →
/// endEvent), parsed once, then per run execute, signal the user task, wait for the end
/// (baselines/engine-baseline.mjs, a child process with a time limit).
/// </summary>
internal static class EngineBenchmark
{
    private sealed record Settings(TimeSpan WarmUp, TimeSpan PerRepetition, int Repetitions);

    public sealed record Baseline(string Engine, string Version, string Node, double RunsPerSecond, double BestRunsPerSecond);

    private static readonly JsonObject ResumeInput = new() { ["outcome"] = "Done" };

    /// <summary>The Elsa 3 JSON of the measured workflow (what a designer would export).</summary>
    public static readonly string WorkflowJson = """
        {
          "id": "bench-v1", "definitionId": "bench-human-task", "name": "Bench: start, one human task, end",
          "createdAt": "2026-11-21T00:00:00+00:00", "version": 1, "toolVersion": "3.8.2.0",
          "variables": [], "inputs": [], "outputs": [], "outcomes": [], "customProperties": {},
          "isReadonly": false, "isSystem": false, "isLatest": true, "isPublished": true,
          "options": { "autoUpdateConsumingWorkflows": false },
          "root": {
            "type": "Elsa.Flowchart", "version": 1, "id": "flow1", "nodeId": "Workflow1:flow1", "name": "Flowchart1",
            "customProperties": {}, "metadata": {}, "variables": [],
            "activities": [
              { "id": "start", "nodeId": "Workflow1:flow1:start", "name": "Start1", "type": "Elsa.Start", "version": 1,
                "customProperties": {}, "metadata": {} },
              { "id": "task", "nodeId": "Workflow1:flow1:task", "name": "Task1", "type": "Bench.HumanTask", "version": 1,
                "assignee": { "typeName": "String", "expression": { "type": "Literal", "value": "xt.dispatcher" } },
                "customProperties": {}, "metadata": {} },
              { "id": "end", "nodeId": "Workflow1:flow1:end", "name": "End1", "type": "Elsa.End", "version": 1,
                "customProperties": {}, "metadata": {} }
            ],
            "connections": [
              { "source": { "activity": "start", "port": "Done" }, "target": { "activity": "task", "port": "In" }, "vertices": [] },
              { "source": { "activity": "task", "port": "Done" }, "target": { "activity": "end", "port": "In" }, "vertices": [] }
            ]
          }
        }
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        bool quick = args.Contains("--quick");
        var settings = quick
            ? new Settings(TimeSpan.FromMilliseconds(500), TimeSpan.FromMilliseconds(400), 3)
            : new Settings(TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2), 7);

        await using var services = new ServiceCollection()
            .AddBpmEngine(registry => registry.Register<BenchHumanTask>())
            .BuildServiceProvider();
        var runner = services.GetRequiredService<WorkflowRunner>();
        var graph = services.GetRequiredService<WorkflowGraphCompiler>().Compile(WorkflowDefinitionJson.Parse(WorkflowJson));
        if (!graph.IsValid)
        {
            Console.Error.WriteLine("the bench workflow does not compile: " + string.Join("; ", graph.Errors.Select(e => e.Message)));
            return 1;
        }

        // One checked run: it must stop at the task and finish after the resume.
        WorkflowState finished = await RunOnceAsync(runner, graph, 0);
        if (finished.Status != WorkflowStatus.Finished)
        {
            Console.Error.WriteLine($"the bench workflow ended {finished.Status}/{finished.SubStatus}, not Finished");
            return 1;
        }

        double[] rates = await MeasureAsync(runner, graph, settings);
        double median = rates[rates.Length / 2];
        Baseline? baseline = await RunBaselineAsync(settings);
        double? ratio = baseline is null ? null : median / baseline.RunsPerSecond;

        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine($"{"engine (start → human task → resume → end)",-44} {"runs/s",12} {"best runs/s",12} {"µs/run",9}");
        Console.WriteLine(string.Create(culture, $"{"Bpm WorkflowRunner (.NET)",-44} {median,12:N0} {rates[^1],12:N0} {1e6 / median,9:N1}"));
        if (baseline is null)
        {
            Console.WriteLine($"{"bpmn-engine (Node)",-44} {"missing",12}   (node/npm unavailable or the baseline failed; see above)");
            Console.WriteLine("ratio Bpm/bpmn-engine: n/a (baseline missing)");
        }
        else
        {
            Console.WriteLine(string.Create(culture,
                $"{$"bpmn-engine {baseline.Version} (Node {baseline.Node})",-44} {baseline.RunsPerSecond,12:N0} {baseline.BestRunsPerSecond,12:N0} {1e6 / baseline.RunsPerSecond,9:N1}"));
            Console.WriteLine(string.Create(culture, $"ratio Bpm/bpmn-engine: {ratio,0:N1}x"));
        }

        string path = BenchOutput.Write("engine", new
        {
            benchmark = "engine",
            measuredAt = TimeProvider.System.GetUtcNow(),
            quick,
            runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            processorCount = Environment.ProcessorCount,
            repetitions = settings.Repetitions,
            secondsPerRepetition = settings.PerRepetition.TotalSeconds,
            bpm = new { runsPerSecond = Math.Round(median), bestRunsPerSecond = Math.Round(rates[^1]), all = rates.Select(r => Math.Round(r)) },
            baseline,
            ratio = ratio is null ? (double?)null : Math.Round(ratio.Value, 2),
        });
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    private static async Task<WorkflowState> RunOnceAsync(WorkflowRunner runner, WorkflowGraph graph, long run)
    {
        var started = await runner.StartAsync(graph, "bench-" + run.ToString(CultureInfo.InvariantCulture), null, CancellationToken.None);
        var bookmark = started.State.Bookmarks[0];
        var resumed = await runner.ResumeAsync(graph, started.State, bookmark.Id, ResumeInput, CancellationToken.None);
        return resumed.State;
    }

    /// <summary>Warm up, then run for a fixed time per repetition; runs/s of each repetition, sorted.</summary>
    private static async Task<double[]> MeasureAsync(WorkflowRunner runner, WorkflowGraph graph, Settings settings)
    {
        long run = 0;
        async Task<(long Runs, TimeSpan Elapsed)> RunFor(TimeSpan duration)
        {
            long runs = 0;
            int unfinished = 0;
            var stopwatch = Stopwatch.StartNew();
            do
            {
                var state = await RunOnceAsync(runner, graph, ++run);
                unfinished += state.Status == WorkflowStatus.Finished ? 0 : 1;
                runs++;
            }
            while (stopwatch.Elapsed < duration);
            stopwatch.Stop();
            if (unfinished > 0)
            {
                throw new InvalidOperationException($"{unfinished} runs did not finish");
            }
            return (runs, stopwatch.Elapsed);
        }

        await RunFor(settings.WarmUp);
        var rates = new double[settings.Repetitions];
        for (int repetition = 0; repetition < settings.Repetitions; repetition++)
        {
            (long runs, TimeSpan elapsed) = await RunFor(settings.PerRepetition);
            rates[repetition] = runs / elapsed.TotalSeconds;
        }
        Array.Sort(rates);
        return rates;
    }

    /// <summary>bpmn-engine in Node with the same warm-up and repetitions; null (with a note on stderr) when it cannot run.</summary>
    private static async Task<Baseline?> RunBaselineAsync(Settings settings)
    {
        string folder = Path.Combine(BenchOutput.FindRepositoryRoot(), "tools", "Bpm.Bench", "baselines");
        string? node = ChildProcess.FindOnPath("node");
        string? npm = ChildProcess.FindOnPath("npm");
        if (node is null || npm is null || !File.Exists(Path.Combine(folder, "engine-baseline.mjs")))
        {
            Console.Error.WriteLine($"baseline missing: node={node ?? "not found"}, npm={npm ?? "not found"}, folder {folder}");
            return null;
        }

        try
        {
            if (!Directory.Exists(Path.Combine(folder, "node_modules", "bpmn-engine")))
            {
                Console.Error.WriteLine("installing the baseline's packages (npm ci in tools/Bpm.Bench/baselines) …");
                var install = await ChildProcess.RunAsync(npm, ["ci", "--no-audit", "--no-fund"], folder, TimeSpan.FromMinutes(3));
                if (!install.Succeeded)
                {
                    Console.Error.WriteLine($"baseline missing: npm ci failed (exit {install.ExitCode}, timed out: {install.TimedOut}): {install.StandardError}");
                    return null;
                }
            }

            var culture = CultureInfo.InvariantCulture;
            TimeSpan expected = settings.WarmUp + settings.PerRepetition * settings.Repetitions;
            var outcome = await ChildProcess.RunAsync(node,
                [
                    "engine-baseline.mjs",
                    "--warmup-seconds", settings.WarmUp.TotalSeconds.ToString(culture),
                    "--seconds", settings.PerRepetition.TotalSeconds.ToString(culture),
                    "--repetitions", settings.Repetitions.ToString(culture),
                ],
                folder, expected * 2 + TimeSpan.FromSeconds(20));
            if (!outcome.Succeeded)
            {
                Console.Error.WriteLine($"baseline missing: node exited {outcome.ExitCode} (timed out: {outcome.TimedOut}): {outcome.StandardError}");
                return null;
            }

            string line = outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1];
            return JsonSerializer.Deserialize<Baseline>(line, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (Exception exception) when (exception is System.ComponentModel.Win32Exception or JsonException or IndexOutOfRangeException)
        {
            Console.Error.WriteLine($"baseline missing: {exception.Message}");
            return null;
        }
    }
}
