using System.Text.Json;
using Bpm.Engine.Model;

namespace Bpm.Engine.Tests;

/// <summary>
/// Optional: Elsa's own workflow JSON files (from an elsa-core checkout, never committed here) must parse and
/// round-trip; those using only activities we support must compile. Set ELSA_FIXTURES_DIR to run it.
/// </summary>
public sealed class ElsaFixturesTests(Xunit.Abstractions.ITestOutputHelper output)
{
    [ElsaFixturesFact]
    public async Task Elsa_fixture_files_parse_round_trip_and_supported_ones_compile_and_run()
    {
        var directory = Environment.GetEnvironmentVariable(ElsaFixturesFactAttribute.Variable)!;

        var engine = new TestEngine();
        var failures = new List<string>();
        var compiled = 0;
        var unsupportedFiles = new List<string>();
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
                    await engine.Runner.StartAsync(graph, "elsa-" + compiled, null, CancellationToken.None);
                    compiled++;
                }
            }
            catch (Exception e) when (e is JsonException or InvalidOperationException or NotSupportedException)
            {
                failures.Add($"{file}: {e.Message}");
            }
        }

        output.WriteLine($"{compiled} Elsa definitions compiled and ran; {unsupportedFiles.Count} use what we do not support:");
        unsupportedFiles.ForEach(output.WriteLine);
        failures.ShouldBeEmpty();
        compiled.ShouldBeGreaterThan(0);
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
