namespace Bpm.Cli.Tests;

public sealed class WorkflowCommandTests
{
    [Fact]
    public async Task The_six_workflows_of_the_checkout_validate()
    {
        var (exitCode, output, _) = await CliRunner.RunAsync("workflows", "validate");

        exitCode.ShouldBe(0);
        output.ShouldContain("6 valid, 0 invalid");
        output.ShouldContain("ok     policy.json");
    }

    [Fact]
    public async Task A_broken_definition_is_reported_with_its_reason_and_exit_1()
    {
        var folder = Directory.CreateTempSubdirectory("bpm-wf").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "broken.json"), """
                { "id": "v1", "definitionId": "broken", "version": 1,
                  "root": { "type": "Elsa.Flowchart", "version": 1, "id": "f",
                    "activities": [ { "id": "a", "type": "Elsa.Start", "version": 1 }, { "id": "b", "type": "Bpm.NoSuchThing", "version": 1 } ],
                    "connections": [ { "source": { "activity": "a", "port": "Done" }, "target": { "activity": "zz", "port": "In" } } ] } }
                """);
            await File.WriteAllTextAsync(Path.Combine(folder, "not-json.json"), "{ nope");

            var (exitCode, output, _) = await CliRunner.RunAsync("workflows", "validate", "--folder", folder);

            exitCode.ShouldBe(1);
            output.ShouldContain("error  broken.json");
            output.ShouldContain("Bpm.NoSuchThing");
            output.ShouldContain("zz");
            output.ShouldContain("error  not-json.json: not a workflow definition");
            output.ShouldContain("0 valid, 2 invalid");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
