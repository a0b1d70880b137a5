using Bpm.Application.Workflows;
using Bpm.Engine.Model;
using Bpm.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Application.Tests;

/// <summary>Compiled graphs of published versions are kept until the version stops being the published one.</summary>
public sealed class WorkflowGraphCacheTests
{
    private readonly WorkflowGraphCache _cache =
        new(new ServiceCollection().AddBpmApplication().BuildServiceProvider().GetRequiredService<WorkflowGraphCompiler>());

    private static readonly string PolicyFile = Path.Combine(WorkflowFilesTests.RepoRoot(), "workflows", "policy.json");

    [Fact]
    public void A_published_version_is_compiled_once_and_again_after_it_is_forgotten()
    {
        var published = WorkflowDefinitionJson.Parse(File.ReadAllText(PolicyFile));

        var first = _cache.For(published);
        var second = _cache.For(published);
        _cache.Forget(published.Id);
        var afterForget = _cache.For(published);

        second.ShouldBeSameAs(first);
        afterForget.ShouldNotBeSameAs(first);
    }

    [Fact]
    public void A_draft_is_compiled_every_time_because_auto_save_edits_it_in_place()
    {
        var draft = WorkflowDefinitionJson.Parse(File.ReadAllText(PolicyFile));
        draft.IsPublished = false;

        _cache.For(draft).ShouldNotBeSameAs(_cache.For(draft));
    }
}
