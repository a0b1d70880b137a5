using System.Text.Json.Nodes;
using Bpm.Application.Workflows;
using Bpm.Domain.Requests;
using Bpm.Engine.Model;
using Bpm.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Application.Tests;

/// <summary>The six workflows in workflows/: valid, one per request type, and their first outcomes lead to closure.</summary>
public sealed class WorkflowFilesTests
{
    private static readonly string Folder = Path.Combine(RepoRoot(), "workflows");

    private static WorkflowCatalog Catalog()
    {
        var services = new ServiceCollection().AddBpmApplication().BuildServiceProvider();
        return new WorkflowCatalog(services.GetRequiredService<Bpm.Engine.Stores.IWorkflowDefinitionStore>(), services.GetRequiredService<WorkflowGraphCompiler>());
    }

    [Fact]
    public void Every_file_is_a_valid_workflow_named_after_its_definition_id()
    {
        var files = Catalog().Read(Folder);

        files.ShouldNotBeEmpty();
        files.ShouldAllBe(f => f.Errors.Count == 0, string.Join(" | ", files.SelectMany(f => f.Errors.Select(e => $"{Path.GetFileName(f.Path)}: {e}"))));
    }

    [Fact]
    public void There_is_exactly_one_published_workflow_per_request_type()
    {
        var ids = Catalog().Read(Folder).Select(f => f.Definition!.DefinitionId).Order().ToList();

        ids.ShouldBe(Enum.GetValues<RequestType>().Select(t => t.WorkflowDefinitionId()).Order().ToList());
    }

    [Theory]
    [InlineData("policy")]
    [InlineData("enforcement")]
    [InlineData("service")]
    [InlineData("it")]
    [InlineData("legal-remedy")]
    [InlineData("other")]
    public void Following_the_first_outcome_of_every_task_reaches_an_End(string definitionId)
    {
        var definition = Catalog().ReadFile(Path.Combine(Folder, definitionId + ".json")).Definition!;
        var root = new ActivityJson(definition.Root!);
        var activities = root.Activities.ToDictionary(a => a.Id);
        var connections = root.Connections.ToList();
        var current = activities.Values.Single(a => a.Type == "Elsa.Start");
        var visited = new List<string>();
        while (current.Type != "Elsa.End")
        {
            visited.Add(current.Name ?? current.Id);
            visited.Count.ShouldBeLessThan(50, "the normal path loops: " + string.Join(" → ", visited));
            var port = FirstOutcome(current);
            var next = connections.SingleOrDefault(c => c.SourceActivityId == current.Id && c.SourcePort == port)
                ?? throw new ShouldAssertException($"{current.Name} has no connection from its first outcome '{port}' (path: {string.Join(" → ", visited)})");
            current = activities[next.TargetActivityId];
        }

        visited.ShouldContain(name => name.StartsWith("CloseRequest", StringComparison.Ordinal));
    }

    private static string FirstOutcome(ActivityJson activity) => activity.Type switch
    {
        "Bpm.HumanTask" or "Bpm.Dispatch" => JsonNode.Parse(activity.InputExpression("outcomes")!.Text!)!.AsArray()[0]!.GetValue<string>(),
        "Bpm.RequestExtension" => "Approved",
        "Bpm.Revisit" => "Satisfied",
        "Bpm.ParkRequest" => "Resumed",
        _ => "Done",
    };

    /// <summary>The checkout's root: the folder above the test output that holds Bpm.sln.</summary>
    internal static string RepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Bpm.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Bpm.sln not found above " + AppContext.BaseDirectory);
    }
}
