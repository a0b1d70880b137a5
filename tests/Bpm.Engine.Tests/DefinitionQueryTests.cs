using Bpm.Engine.Model;
using Bpm.Engine.Stores;

namespace Bpm.Engine.Tests;

/// <summary>Elsa's <c>versionOptions</c> text and the in-memory store's answer to a definition query.</summary>
public sealed class DefinitionQueryTests
{
    [Theory]
    [InlineData("Latest", "Latest")]
    [InlineData("published", "Published")]
    [InlineData("LatestOrPublished", "LatestOrPublished")]
    [InlineData("LatestAndPublished", "LatestAndPublished")]
    [InlineData("Draft", "Draft")]
    [InlineData("AllVersions", "AllVersions")]
    [InlineData("3", "3")]
    [InlineData("", "Latest")]
    [InlineData(null, "Latest")]
    public void Version_options_read_Elsas_words_and_version_numbers(string? text, string expected) =>
        VersionOptions.Parse(text, VersionOptions.Latest)!.ToString().ShouldBe(expected);

    [Theory]
    [InlineData("Newest")]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("SpecificVersion")]
    public void Unknown_version_options_are_refused(string text) =>
        VersionOptions.Parse(text, VersionOptions.Latest).ShouldBeNull();

    [Fact]
    public async Task The_in_memory_store_filters_sorts_and_pages_like_the_database()
    {
        var store = new InMemoryWorkflowDefinitionStore();
        await store.SaveAsync(
        [
            Version("refund", 1, latest: false, published: true, "B"),
            Version("refund", 2, latest: true, published: false, "B"),
            Version("consult", 1, latest: true, published: true, "A"),
        ], CancellationToken.None);

        async Task<IReadOnlyList<string>> Rows(WorkflowDefinitionQuery query) =>
            [.. (await store.QueryAsync(query, CancellationToken.None)).Items.Select(d => $"{d.DefinitionId} v{d.Version}")];

        (await Rows(new WorkflowDefinitionQuery())).ShouldBe(["consult v1", "refund v1", "refund v2"]);
        (await Rows(new WorkflowDefinitionQuery { Versions = VersionOptions.Latest, Descending = true })).ShouldBe(["refund v2", "consult v1"]);
        (await Rows(new WorkflowDefinitionQuery { Versions = new VersionOptions(VersionSelection.Draft) })).ShouldBe(["refund v2"]);
        (await Rows(new WorkflowDefinitionQuery { SearchTerm = "REF", OrderBy = WorkflowDefinitionOrder.Version, Descending = true })).ShouldBe(["refund v2", "refund v1"]);
        (await Rows(new WorkflowDefinitionQuery { Ids = ["consult-1"], DefinitionIds = ["consult", "refund"] })).ShouldBe(["consult v1"]);
        var page = await store.QueryAsync(new WorkflowDefinitionQuery { Skip = 2, Take = 2 }, CancellationToken.None);
        page.Items.Count.ShouldBe(1);
        page.TotalCount.ShouldBe(3);
        (await store.DeleteVersionsAsync(["refund-2", "refund-2"], CancellationToken.None)).ShouldBe(1);
        (await store.ListVersionsAsync("refund", CancellationToken.None)).Select(d => d.Version).ShouldBe([1]);
    }

    private static WorkflowDefinition Version(string definitionId, int version, bool latest, bool published, string name) => new()
    {
        Id = $"{definitionId}-{version}", DefinitionId = definitionId, Version = version, IsLatest = latest, IsPublished = published, Name = name,
        CreatedAt = new DateTimeOffset(2026, 3, 2, 2, version, 0, TimeSpan.Zero),
    };
}
