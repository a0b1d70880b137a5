using Bpm.Engine.Model;
using Bpm.Engine.Publishing;
using Bpm.Engine.Stores;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Engine.Tests;

public sealed class PublisherTests
{
    private readonly TestEngine engine = new();
    private WorkflowDefinitionPublisher Publisher => engine.Services.GetRequiredService<WorkflowDefinitionPublisher>();
    private IWorkflowDefinitionStore Store => engine.Services.GetRequiredService<IWorkflowDefinitionStore>();
    private static CancellationToken None => CancellationToken.None;

    private async Task<IReadOnlyList<WorkflowDefinition>> Versions()
    {
        var versions = await Store.ListVersionsAsync("hello-world", None);
        versions.Count(v => v.IsLatest).ShouldBeLessThanOrEqualTo(1, "at most one latest version");
        versions.Count(v => v.IsPublished).ShouldBeLessThanOrEqualTo(1, "at most one published version");
        return versions;
    }

    private static WorkflowDefinition HelloWorld() => WorkflowDefinitionJson.Parse(TestEngine.Fixture("hello-world.json"));

    [Fact]
    public void A_new_definition_is_version_1_latest_and_unpublished()
    {
        var created = Publisher.New(name: "New");

        created.ShouldSatisfyAllConditions(
            d => d.Version.ShouldBe(1), d => d.IsLatest.ShouldBeTrue(), d => d.IsPublished.ShouldBeFalse(),
            d => d.Id.ShouldNotBeNullOrEmpty(), d => d.DefinitionId.ShouldNotBeNullOrEmpty(), d => d.CreatedAt.ShouldBe(engine.Clock.GetUtcNow()));
    }

    [Fact]
    public async Task Draft_publish_draft_publish_keeps_one_latest_and_one_published()
    {
        var v1 = await Publisher.SaveDraftAsync(HelloWorld(), None);
        v1.Version.ShouldBe(1);
        (await Publisher.SaveDraftAsync(v1, None)).Id.ShouldBe(v1.Id, "an unpublished latest is updated in place");
        (await Versions()).Count.ShouldBe(1);

        (await Publisher.PublishAsync("hello-world", None)).ShouldSatisfyAllConditions(r => r.Succeeded.ShouldBeTrue(), r => r.AlreadyPublished.ShouldBeFalse());
        (await Publisher.PublishAsync("hello-world", None)).AlreadyPublished.ShouldBeTrue();

        var v2 = await Publisher.SaveDraftAsync(v1, None);
        v2.Version.ShouldBe(2);
        v2.Id.ShouldNotBe(v1.Id);
        var afterDraft = await Versions();
        afterDraft.Single(v => v.IsLatest).Version.ShouldBe(2);
        afterDraft.Single(v => v.IsPublished).Version.ShouldBe(1);

        await Publisher.PublishAsync("hello-world", None);
        var afterPublish = await Versions();
        afterPublish.Single(v => v.IsPublished).Version.ShouldBe(2);
        afterPublish.Single(v => v.IsLatest).Version.ShouldBe(2);
    }

    [Fact]
    public async Task Retract_unpublishes_and_retracting_nothing_is_an_error()
    {
        await Publisher.SaveDraftAsync(HelloWorld(), None);
        await Should.ThrowAsync<InvalidOperationException>(() => Publisher.RetractAsync("hello-world", None));
        await Publisher.PublishAsync("hello-world", None);

        var retracted = await Publisher.RetractAsync("hello-world", None);

        retracted.ShouldSatisfyAllConditions(d => d.IsPublished.ShouldBeFalse(), d => d.IsLatest.ShouldBeTrue());
        (await Store.FindPublishedAsync("hello-world", None)).ShouldBeNull();
    }

    [Fact]
    public async Task Revert_copies_an_old_version_as_the_new_latest()
    {
        var v1 = await Publisher.SaveDraftAsync(HelloWorld(), None);
        await Publisher.PublishAsync("hello-world", None);
        v1.Name = "Renamed";
        await Publisher.SaveDraftAsync(v1, None);

        var v3 = await Publisher.RevertAsync("hello-world", 1, None);

        v3.ShouldSatisfyAllConditions(d => d.Version.ShouldBe(3), d => d.Name.ShouldBe("Hello world"), d => d.IsLatest.ShouldBeTrue(), d => d.IsPublished.ShouldBeFalse());
        var versions = await Versions();
        versions.Count.ShouldBe(3);
        versions.Single(v => v.IsPublished).Version.ShouldBe(1);
    }

    [Fact]
    public async Task An_invalid_definition_is_not_published()
    {
        var broken = HelloWorld();
        broken.Root!["activities"]![1]!["type"] = "Acme.Teleport";
        await Publisher.SaveDraftAsync(broken, None);

        var result = await Publisher.PublishAsync("hello-world", None);

        result.Succeeded.ShouldBeFalse();
        result.Errors.ShouldHaveSingleItem().ActivityId.ShouldBe("write1");
        (await Store.FindPublishedAsync("hello-world", None)).ShouldBeNull();
    }
}
