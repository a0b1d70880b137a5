using System.Text.Json;
using Bpm.Engine.Model;

namespace Bpm.Engine.Tests;

/// <summary>
/// Optional: Elsa's own workflow JSON files (from an elsa-core checkout, never committed here) must parse and
/// round-trip; those using only activities we support must compile. Set ELSA_FIXTURES_DIR to run it.
/// Of Elsa's 88 test definitions, <see cref="MinimumRunnable"/> compile and run; the rest use workflow-definition
/// activities, nested containers (Sequence, FlowNode bodies, ParallelForEach), HTTP, Cron, C# or ExecuteWorkflow.
/// </summary>
public sealed class ElsaFixturesTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>Raise it when support grows, so a regression shows: 30 before SetOutput, Complete, Fault, RunJavaScript….</summary>
    private const int MinimumRunnable = 46;

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
}

/// <summary>Skipped (and reported as skipped) unless ELSA_FIXTURES_DIR names a folder of Elsa workflow JSON files.</summary>
public sealed class ElsaFixturesFactAttribute : FactAttribute
{
    public const string Variable = "ELSA_FIXTURES_DIR";

    public ElsaFixturesFactAttribute()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(Variable)))
        {
            Skip = $"set {Variable} to a folder of Elsa's test workflows (from an elsa-core checkout) to run this";
        }
    }
}
