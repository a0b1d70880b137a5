using System.Text.Json;
using System.Text.Json.Nodes;
using Bpm.Engine.Model;
using Bpm.Engine.Runtime;
using Bpm.Testing;

namespace Bpm.Engine.Tests;

/// <summary>
/// Optional: Elsa's own workflow JSON files (from an elsa-core checkout, never committed here) must parse and
/// round-trip; those using only activities we support must compile. Set ELSA_FIXTURES_DIR to run it.
/// Of Elsa's 88 test definitions, <see cref="MinimumRunnable"/> compile and run; the rest use workflow-definition
/// activities, containers we do not have (ParallelForEach, ForEach…), HTTP, Cron, C# or ExecuteWorkflow.
/// </summary>
public sealed class ElsaFixturesTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Raise it when support grows, so a regression shows: 30 before SetOutput, Complete, Fault, RunJavaScript….</summary>
    private const int MinimumRunnable = 48;

    [ElsaFixturesFact]
    public async Task Elsa_fixture_files_parse_round_trip_and_supported_ones_compile_and_run()
    {
        var directory = Environment.GetEnvironmentVariable(ElsaFixturesFactAttribute.Variable)!;

        var engine = new TestEngine();
        var failures = new List<string>();
        var compiled = 0;
        var unsupportedFiles = new List<string>();
        var incidentFiles = new List<string>();
        foreach (var file in Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(file);
            if (!text.Contains("\"root\"", StringComparison.Ordinal))
            {
                continue; // not a workflow definition
            }

            try
            {
                var definition = WorkflowDefinitionJson.Parse(text);
                WorkflowDefinitionJson.Parse(WorkflowDefinitionJson.Write(definition));
                var graph = engine.Compiler.Compile(definition);
                var unsupported = graph.Errors.Any(e => e.Message.Contains("Unknown activity type", StringComparison.Ordinal)
                                                        || e.Message.Contains("not supported", StringComparison.Ordinal)
                                                        || e.Message.Contains("JavaScript does not parse (ES5.1)", StringComparison.Ordinal));
                if (unsupported)
                {
                    unsupportedFiles.Add($"{Path.GetFileName(file)}: {graph.Errors[0]}");
                }

                if (!unsupported && !graph.IsValid)
                {
                    failures.Add($"{file}: {string.Join("; ", graph.Errors)}");
                }

                if (graph.IsValid)
                {
                    // Runs without crashing the runner; Elsa-only script functions may fault as incidents.
                    var result = await engine.Runner.StartAsync(graph, "elsa-" + compiled, null, CancellationToken.None);
                    compiled++;
                    if (result.State.Incidents.Count > 0)
                    {
                        incidentFiles.Add($"{Path.GetFileName(file)}: {result.State.SubStatus}, {result.State.Incidents[0].Message}");
                    }
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
            {
                failures.Add($"{file}: {e.Message}");
            }
        }

        output.WriteLine($"{compiled} Elsa definitions compiled and ran; {unsupportedFiles.Count} use what we do not support:");
        unsupportedFiles.ForEach(output.WriteLine);
        output.WriteLine($"{incidentFiles.Count} of those that ran had an incident:");
        incidentFiles.ForEach(output.WriteLine);
        failures.ShouldBeEmpty();
        compiled.ShouldBeGreaterThanOrEqualTo(MinimumRunnable);
    }
    /// <summary>
    /// Fixtures whose run matches every fact Elsa's tests state (see <see cref="ElsaExpectations"/>). Raise it when
    /// a known difference is fixed so a regression shows.
    /// </summary>
    private const int MinimumMatching = 39;

    [ElsaFixturesFact]
    public async Task Elsa_fixtures_run_with_the_results_Elsas_tests_expect()
    {
        var directory = Environment.GetEnvironmentVariable(ElsaFixturesFactAttribute.Variable)!;
        var files = Directory.EnumerateFiles(directory, "*.json", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetFileName(f), StringComparer.Ordinal);

        var matched = new List<string>();
        var mismatches = new List<string>();
        var knownDifferences = new List<string>();
        var nowMatching = new List<string>();
        var skipped = 0;
        foreach (var expectation in ElsaExpectations.All)
        {
            if (expectation.Skip is not null)
            {
                skipped++;
                output.WriteLine($"skipped {expectation.File}: {expectation.Skip}");
                continue;
            }

            if (!files.TryGetValue(expectation.File, out var path))
            {
                mismatches.Add($"{expectation.File}: the fixture file is missing from {directory}");
                continue;
            }

            var problems = await ElsaExpectationRunner.CheckAsync(expectation, File.ReadAllText(path));
            var label = expectation.FromParentTest ? $"{expectation.File} (run alone; facts from the parent's test)" : expectation.File;
            if (expectation.KnownDifference is not null)
            {
                knownDifferences.Add($"{label}: {expectation.KnownDifference} [{string.Join("; ", problems)}]");
                if (problems.Count == 0)
                {
                    nowMatching.Add(expectation.File);
                }
            }
            else if (problems.Count == 0)
            {
                matched.Add(label);
            }
            else
            {
                mismatches.Add($"{label}\n    Elsa: {expectation.Source}\n    ours: {string.Join("\n          ", problems)}");
            }
        }

        // Every fixture that compiles should have an expectation (or an explicit skip), so none is forgotten.
        var engine = new TestEngine();
        var withoutExpectation = new List<string>();
        foreach (var (name, path) in files.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var text = File.ReadAllText(path);
            if (!text.Contains("\"root\"", StringComparison.Ordinal) || ElsaExpectations.ByFile.ContainsKey(name))
            {
                continue;
            }

            if (engine.Compiler.Compile(WorkflowDefinitionJson.Parse(text)).IsValid)
            {
                withoutExpectation.Add(name);
            }
        }

        output.WriteLine($"{matched.Count} fixtures match Elsa's expected results, {knownDifferences.Count} known differences, {skipped} skipped, {mismatches.Count} mismatches.");
        matched.ForEach(m => output.WriteLine("match: " + m));
        knownDifferences.ForEach(k => output.WriteLine("known difference: " + k));
        mismatches.ForEach(m => output.WriteLine("MISMATCH: " + m));
        withoutExpectation.ForEach(w => output.WriteLine("compiles but has no expectation: " + w));

        nowMatching.ShouldBeEmpty("these now match Elsa: remove their KnownDifference and raise MinimumMatching");
        mismatches.ShouldBeEmpty(string.Join("\n", mismatches));
        withoutExpectation.ShouldBeEmpty("add an expectation (or a Skip with a reason) to ElsaExpectations");
        matched.Count.ShouldBeGreaterThanOrEqualTo(MinimumMatching);
    }
}

/// <summary>Runs one Elsa fixture as Elsa's test does and lists every fact that differs.</summary>
internal static class ElsaExpectationRunner
{
    public static async Task<List<string>> CheckAsync(ElsaExpectation expectation, string json)
    {
        var problems = new List<string>();
        var engine = new TestEngine();
        var graph = engine.Compiler.Compile(WorkflowDefinitionJson.Parse(json));
        if (!graph.IsValid)
        {
            problems.Add($"does not compile: {string.Join("; ", graph.Errors)}");
            return problems;
        }

        if (expectation.CompileOnly)
        {
            return problems;
        }

        var result = await engine.Runner.StartAsync(graph, "elsa-expectation", expectation.Input?.DeepClone().AsObject(), CancellationToken.None);
        var journal = result.Journal.ToList();
        var state = result.State;
        for (var resumes = 0; expectation.RunUntilEnd && state.Status != WorkflowStatus.Finished && state.Bookmarks.Count > 0; resumes++)
        {
            if (resumes == 100)
            {
                problems.Add("still not finished after 100 resumes");
                break;
            }

            // Like Elsa's helper: resume what waits; a timer fires once its due time has come.
            var bookmark = state.Bookmarks.OrderBy(b => b.ResumeAt ?? DateTimeOffset.MinValue).First();
            if (bookmark.ResumeAt is { } due && due > engine.Clock.GetUtcNow())
            {
                engine.Clock.Advance(due - engine.Clock.GetUtcNow());
            }

            result = await engine.Runner.ResumeAsync(graph, state, bookmark.Id, null, CancellationToken.None);
            journal.AddRange(result.Journal);
            state = result.State;
        }

        var lines = engine.Output.Lines;
        if (expectation.Lines is { } expectedLines && !lines.SequenceEqual(expectedLines))
        {
            problems.Add($"lines [{string.Join(", ", lines)}], expected [{string.Join(", ", expectedLines)}]");
        }

        foreach (var line in expectation.LinesContain ?? [])
        {
            if (!lines.Contains(line))
            {
                problems.Add($"no line \"{line}\" among [{string.Join(", ", lines)}]");
            }
        }

        if (expectation.Status is { } status && state.Status != status)
        {
            problems.Add($"status {state.Status}, expected {status}");
        }

        if (expectation.SubStatus is { } subStatus && state.SubStatus != subStatus)
        {
            problems.Add($"sub-status {state.SubStatus}, expected {subStatus}");
        }

        if (state.Incidents.Count > 0 && (expectation.Status is not null || expectation.SubStatus is not null))
        {
            problems.Add($"incident: {state.Incidents[0].Message}");
        }

        foreach (var (name, expected) in expectation.Output ?? [])
        {
            var actual = state.Output[name];
            if (!SameValue(actual, expected))
            {
                problems.Add($"output {name} = {actual?.ToJsonString() ?? "(none)"}, expected {expected?.ToJsonString()}");
            }
        }

        foreach (var name in expectation.OutputKeys ?? [])
        {
            if (!state.Output.ContainsKey(name))
            {
                problems.Add($"no output {name} among [{string.Join(", ", state.Output.Select(o => o.Key))}]");
            }
        }

        if (expectation.Outcomes is { } outcomes && !state.Outcomes.SequenceEqual(outcomes))
        {
            problems.Add($"outcomes [{string.Join(", ", state.Outcomes)}], expected [{string.Join(", ", outcomes)}]");
        }

        if (expectation.CompletedTimes is var (activityId, times))
        {
            var completed = journal.Count(r => r.ActivityId == activityId && r.Status == ActivityStatus.Completed);
            if (completed != times)
            {
                problems.Add($"activity {activityId} completed {completed} times, expected {times}");
            }
        }

        if (expectation.StateRoundTrips)
        {
            try
            {
                var again = WorkflowState.FromJson(state.ToJson());
                if (again.ToJson() != state.ToJson())
                {
                    problems.Add("the state changes when serialized and deserialized");
                }
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or NotSupportedException)
            {
                problems.Add($"the state does not round-trip: {e.Message}");
            }
        }

        return problems;
    }

    /// <summary>Numbers compare by value (42 and 42.0, or "42" from a literal, are the same); the rest as JSON.</summary>
    private static bool SameValue(JsonNode? actual, JsonNode? expected)
    {
        if (actual is JsonValue a && expected is JsonValue e && a.TryGetValue<decimal>(out var x) && e.TryGetValue<decimal>(out var y))
        {
            return x == y;
        }

        return JsonNode.DeepEquals(actual, expected);
    }
}
