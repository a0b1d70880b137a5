using System.Text.Json.Nodes;
using Bpm.Engine.Metadata;
using Bpm.Engine.Model;
using Bpm.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Engine.Tests;

/// <summary>The engine wired as a host would, with a manual clock and recorded WriteLine output.</summary>
public sealed class TestEngine
{
    public TestEngine(Action<ActivityRegistry>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Clock);
        services.AddSingleton<Bpm.Engine.Activities.IWorkflowOutputSink>(Output);
        services.AddBpmEngine(configure);
        Services = services.BuildServiceProvider();
    }

    public ManualTimeProvider Clock { get; } = new();
    public RecordingOutputSink Output { get; } = new();
    public IServiceProvider Services { get; }
    public WorkflowRunner Runner => Services.GetRequiredService<WorkflowRunner>();
    public WorkflowGraphCompiler Compiler => Services.GetRequiredService<WorkflowGraphCompiler>();
    public ActivityRegistry Registry => Services.GetRequiredService<ActivityRegistry>();

    public WorkflowGraph Compile(string json) => Compiler.Compile(WorkflowDefinitionJson.Parse(json));

    public WorkflowGraph CompileValid(string json)
    {
        var graph = Compile(json);
        graph.Errors.ShouldBeEmpty();
        return graph;
    }

    public Task<WorkflowExecutionResult> StartAsync(string json, JsonObject? input = null) =>
        Runner.StartAsync(CompileValid(json), "instance-1", input, CancellationToken.None);

    public Task<WorkflowExecutionResult> ResumeAsync(string json, WorkflowState state, string bookmarkId, JsonNode? input = null) =>
        Runner.ResumeAsync(CompileValid(json), state, bookmarkId, input, CancellationToken.None);

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
}
