using Bpm.Engine.Model;
using Bpm.Engine.Stores;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>What <see cref="IWorkflowDefinitionStore"/> promises, on every provider.</summary>
public abstract class WorkflowDefinitionStoreContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private Task<T> WithStore<T>(Func<IWorkflowDefinitionStore, Task<T>> work) =>
        InScope(services => work(services.GetRequiredService<IWorkflowDefinitionStore>()));

    private Task SaveAsync(params WorkflowDefinition[] versions) =>
        InScope(services => services.GetRequiredService<IWorkflowDefinitionStore>().SaveAsync(versions, none));

    /// <summary>A version as Studio sends it, with properties we do not model at the top and inside the root.</summary>
    private static WorkflowDefinition Version(string definitionId, int version, bool latest, bool published, string? id = null) =>
        WorkflowDefinitionJson.Parse($$"""
            {
              "$schema": "https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json",
              "id": "{{id ?? NewId()}}",
              "definitionId": "{{definitionId}}",
              "name": "咨询类诉求 v{{version}}",
              "createdAt": "2026-03-02T10:0{{version}}:00+08:00",
              "version": {{version}},
              "toolVersion": "3.8.2",
              "variables": [{ "id": "v1", "name": "Counter", "typeName": "Int32", "value": "3" }],
              "customProperties": { "bpm": { "requestType": "Consultation" } },
              "isLatest": {{(latest ? "true" : "false")}},
              "isPublished": {{(published ? "true" : "false")}},
              "links": [{ "rel": "self", "href": "/elsa/api/workflow-definitions/{{definitionId}}" }],
              "root": {
                "type": "Elsa.Flowchart",
                "id": "flowchart1",
                "version": 1,
                "activities": [
                  { "type": "Elsa.Start", "id": "start1", "designer": { "position": { "x": -120.5, "y": 40 } }, "someFutureField": [1, "two", null] }
                ],
                "connections": []
              }
            }
            """);

    [ContractFact]
    public async Task A_version_comes_back_exactly_as_saved_unknown_properties_included()
    {
        var definitionId = "consult-" + NewId();
        var version = Version(definitionId, 1, latest: true, published: true);
        await SaveAsync(version);

        var found = await WithStore(store => store.FindByVersionIdAsync(version.Id, none));

        found.ShouldNotBeNull();
        WorkflowDefinitionJson.Write(found).ShouldBe(WorkflowDefinitionJson.Write(version));
        found.Extra.ShouldNotBeNull().Keys.ShouldBe(["$schema", "links"], ignoreOrder: true);
        found.Root!.ToJsonString().ShouldContain("\"someFutureField\":[1,\"two\",null]");
        found.CreatedAt.ShouldBe(At("2026-03-02T02:01:00Z"));
        (await WithStore(store => store.FindByVersionIdAsync("no-such-version", none))).ShouldBeNull();
    }

    [ContractFact]
    public async Task Latest_and_published_are_found_per_definition_and_saving_a_version_again_replaces_it()
    {
        var definitionId = "consult-" + NewId();
        var v1 = Version(definitionId, 1, latest: true, published: true);
        await SaveAsync(v1);

        // Publisher's "save draft": v1 stays published but is no longer latest; v2 is the latest draft.
        v1.IsLatest = false;
        var v2 = Version(definitionId, 2, latest: true, published: false);
        await SaveAsync(v1, v2);

        (await WithStore(store => store.ListVersionsAsync(definitionId, none))).Select(d => (d.Version, d.IsLatest, d.IsPublished))
            .ShouldBe([(1, false, true), (2, true, false)]);
        (await WithStore(store => store.FindLatestAsync(definitionId, none)))!.Id.ShouldBe(v2.Id);
        (await WithStore(store => store.FindPublishedAsync(definitionId, none)))!.Id.ShouldBe(v1.Id);
        (await WithStore(store => store.FindPublishedVersionAsync(definitionId, none))).ShouldBe(new PublishedVersion(v1.Id, definitionId, 1));

        // Publishing v2: both change together.
        v1.IsPublished = false;
        v2.IsPublished = true;
        v2.Name = "咨询类诉求（已发布）";
        await SaveAsync(v1, v2);

        (await WithStore(store => store.FindPublishedAsync(definitionId, none)))!.Name.ShouldBe("咨询类诉求（已发布）");
        (await WithStore(store => store.FindPublishedVersionAsync(definitionId, none))).ShouldBe(new PublishedVersion(v2.Id, definitionId, 2));
        (await WithStore(store => store.FindPublishedVersionAsync("no-such-definition", none))).ShouldBeNull();
        (await WithStore(store => store.ListVersionsAsync(definitionId, none))).Count.ShouldBe(2);
        (await WithStore(store => store.FindPublishedAsync("no-such-definition", none))).ShouldBeNull();
        (await WithStore(store => store.FindLatestAsync("no-such-definition", none))).ShouldBeNull();
    }

    [ContractFact]
    public async Task The_definition_list_has_the_latest_version_of_each_definition()
    {
        var first = "consult-" + NewId();
        var second = "complaint-" + NewId();
        await SaveAsync(Version(first, 1, latest: false, published: true), Version(first, 2, latest: true, published: false));
        await SaveAsync(Version(second, 1, latest: true, published: true));

        var latest = await WithStore(store => store.ListLatestAsync(none));

        latest.Where(d => d.DefinitionId == first || d.DefinitionId == second).Select(d => (d.DefinitionId, d.Version))
            .ShouldBe([(first, 2), (second, 1)], ignoreOrder: true);
    }

    [ContractFact]
    public async Task Deleting_a_definition_deletes_every_version_and_no_other()
    {
        var doomed = "consult-" + NewId();
        var kept = "consult-" + NewId();
        await SaveAsync(Version(doomed, 1, latest: false, published: true), Version(doomed, 2, latest: true, published: false));
        await SaveAsync(Version(kept, 1, latest: true, published: true));

        (await WithStore(store => store.DeleteAsync(doomed, none))).ShouldBe(2);

        (await WithStore(store => store.ListVersionsAsync(doomed, none))).ShouldBeEmpty();
        (await WithStore(store => store.ListVersionsAsync(kept, none))).Count.ShouldBe(1);
        (await WithStore(store => store.DeleteAsync(doomed, none))).ShouldBe(0);
    }

    [ContractFact]
    public async Task A_query_selects_by_version_options_ids_and_search_and_pages_in_order()
    {
        // Searched in capitals: the search is case-insensitive on every provider (PostgreSQL's LIKE is not).
        var a = "refund-" + NewId();
        var b = "consult-" + NewId();
        var a1 = Version(a, 1, latest: false, published: true);
        var a2 = Version(a, 2, latest: true, published: false);
        var b1 = Version(b, 1, latest: true, published: true);
        await SaveAsync(a1, a2, b1);

        async Task<(IReadOnlyList<string> Rows, int Total)> Query(WorkflowDefinitionQuery query)
        {
            var page = await WithStore(store => store.QueryAsync(query with { DefinitionIds = query.DefinitionIds ?? [a, b] }, none));
            return ([.. page.Items.Select(d => $"{(d.DefinitionId == a ? "a" : "b")}{d.Version}")], page.TotalCount);
        }

        (await Query(new WorkflowDefinitionQuery { OrderBy = WorkflowDefinitionOrder.Version, Descending = true })).Rows.ShouldBe(["a2", "b1", "a1"]);
        // By name by default: "咨询类诉求 v1" before "咨询类诉求 v2".
        (await Query(new WorkflowDefinitionQuery { Versions = VersionOptions.Latest })).Rows.ShouldBe(["b1", "a2"]);
        (await Query(new WorkflowDefinitionQuery { Versions = VersionOptions.Published, OrderBy = WorkflowDefinitionOrder.Created })).Rows.ShouldBe(["b1", "a1"]);
        (await Query(new WorkflowDefinitionQuery { Versions = new VersionOptions(VersionSelection.LatestOrPublished), DefinitionIds = [a] })).Rows.ShouldBe(["a1", "a2"]);
        (await Query(new WorkflowDefinitionQuery { Versions = new VersionOptions(VersionSelection.LatestAndPublished) })).Rows.ShouldBe(["b1"]);
        (await Query(new WorkflowDefinitionQuery { Versions = new VersionOptions(VersionSelection.Draft) })).Rows.ShouldBe(["a2"]);
        (await Query(new WorkflowDefinitionQuery { Versions = VersionOptions.SpecificVersion(1) })).Rows.ShouldBe(["a1", "b1"], ignoreOrder: true);
        (await Query(new WorkflowDefinitionQuery { Ids = [a2.Id, b1.Id] })).Rows.ShouldBe(["a2", "b1"], ignoreOrder: true);
        (await Query(new WorkflowDefinitionQuery { SearchTerm = " REFUND " })).Rows.Count.ShouldBe(2);
        (await Query(new WorkflowDefinitionQuery { SearchTerm = "v2" })).Rows.ShouldBe(["a2"]);
        var page = await Query(new WorkflowDefinitionQuery { OrderBy = WorkflowDefinitionOrder.Version, Skip = 1, Take = 1 });
        page.Rows.ShouldHaveSingleItem();
        page.Total.ShouldBe(3);
    }

    [ContractFact]
    public async Task Deleting_versions_by_id_deletes_those_and_no_other()
    {
        var definitionId = "consult-" + NewId();
        var v1 = Version(definitionId, 1, latest: false, published: true);
        var v2 = Version(definitionId, 2, latest: true, published: false);
        await SaveAsync(v1, v2);

        (await WithStore(store => store.DeleteVersionsAsync([v2.Id, v2.Id, "no-such-version"], none))).ShouldBe(1);

        (await WithStore(store => store.ListVersionsAsync(definitionId, none))).Select(d => d.Id).ShouldBe([v1.Id]);
        (await WithStore(store => store.DeleteVersionsAsync([v2.Id], none))).ShouldBe(0);
    }

    [ContractFact]
    public async Task What_a_caller_changes_on_a_found_version_is_not_stored_until_saved()
    {
        var definitionId = "consult-" + NewId();
        var version = Version(definitionId, 1, latest: true, published: false);
        await SaveAsync(version);

        await InScope(async services =>
        {
            var store = services.GetRequiredService<IWorkflowDefinitionStore>();
            var found = (await store.FindLatestAsync(definitionId, none))!;
            found.Name = "changed but not saved";
            (await store.FindLatestAsync(definitionId, none))!.Name.ShouldBe("咨询类诉求 v1");
        });
    }
}

public sealed class WorkflowDefinitionStoreOnSqlite(SqliteDatabaseFixture fixture)
    : WorkflowDefinitionStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class WorkflowDefinitionStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture)
    : WorkflowDefinitionStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
