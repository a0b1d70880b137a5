using System.Text.Json.Nodes;
using Bpm.Engine.Runtime;
using Bpm.Engine.Stores;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>What <see cref="IBookmarkStore"/> promises, on every provider.</summary>
public abstract class BookmarkStoreContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private Task<T> WithStore<T>(Func<IBookmarkStore, Task<T>> work) =>
        InScope(services => work(services.GetRequiredService<IBookmarkStore>()));

    private Task SaveAsync(string instanceId, params Bookmark[] bookmarks) =>
        InScope(services => services.GetRequiredService<IBookmarkStore>().SaveAsync(instanceId, bookmarks, none));

    private Bookmark NewBookmark(string name, string hashSource, int minutes, JsonNode? payload = null, DateTimeOffset? resumeAt = null) => new()
    {
        Id = NewId(),
        Name = name,
        Hash = Bookmark.ComputeHash(name, hashSource),
        Payload = payload,
        ActivityId = "handle",
        ActivityNodeId = "flowchart1:handle",
        ActivityInstanceId = NewId(),
        ActivityType = name,
        CreatedAt = Time.GetUtcNow().AddMinutes(minutes),
        ResumeAt = resumeAt,
        AutoBurn = resumeAt is null,
    };

    [ContractFact]
    public async Task A_stimulus_finds_its_bookmarks_by_name_and_hash_oldest_first()
    {
        var eventName = "Approved-" + NewId();
        var instance = NewId();
        var other = NewId();
        var later = NewBookmark("Elsa.Event", eventName, 2, new JsonObject { ["eventName"] = eventName, ["n"] = 1 });
        var earlier = NewBookmark("Elsa.Event", eventName, 1);
        var otherEvent = NewBookmark("Elsa.Event", "Rejected-" + NewId(), 0);
        var timer = NewBookmark("Elsa.Delay", eventName, 0, resumeAt: At("2026-03-03T01:00:00Z"));
        await SaveAsync(instance, later, otherEvent, timer);
        await SaveAsync(other, earlier);

        var found = await WithStore(store => store.ListAsync(new BookmarkFilter("Elsa.Event", Bookmark.ComputeHash("Elsa.Event", eventName)), none));

        found.Select(b => (b.WorkflowInstanceId, b.Bookmark.Id)).ShouldBe([(other, earlier.Id), (instance, later.Id)]);
        var stored = found[1].Bookmark;
        (stored.Name, stored.Hash, stored.ActivityId, stored.ActivityNodeId, stored.ActivityInstanceId, stored.ActivityType, stored.CreatedAt, stored.AutoBurn)
            .ShouldBe((later.Name, later.Hash, "handle", "flowchart1:handle", later.ActivityInstanceId, "Elsa.Event", later.CreatedAt, true));
        stored.Payload!.ToJsonString().ShouldBe(later.Payload!.ToJsonString());

        var narrowed = await WithStore(store => store.ListAsync(
            new BookmarkFilter("Elsa.Event", Bookmark.ComputeHash("Elsa.Event", eventName), instance), none));
        narrowed.Select(b => b.Bookmark.Id).ShouldBe([later.Id]);

        var delay = (await WithStore(store => store.FindAsync(timer.Id, none)))!;
        (delay.WorkflowInstanceId, delay.Bookmark.ResumeAt, delay.Bookmark.AutoBurn, delay.Bookmark.Payload).ShouldBe((instance, At("2026-03-03T01:00:00Z"), false, null));
    }

    [ContractFact]
    public async Task An_instance_lists_its_bookmarks_and_resumed_ones_are_removed()
    {
        var instance = NewId();
        var first = NewBookmark("Bpm.HumanTask", NewId(), 0);
        var second = NewBookmark("Bpm.HumanTask", NewId(), 1);
        var elsewhere = NewBookmark("Bpm.HumanTask", NewId(), 2);
        await SaveAsync(instance, first, second);
        await SaveAsync(NewId(), elsewhere);

        (await WithStore(store => store.ListAsync(new BookmarkFilter(WorkflowInstanceId: instance), none))).Select(b => b.Bookmark.Id)
            .ShouldBe([first.Id, second.Id]);

        await InScope(services => services.GetRequiredService<IBookmarkStore>().RemoveAsync([first.Id, "no-such-bookmark"], none));

        (await WithStore(store => store.ListAsync(new BookmarkFilter(WorkflowInstanceId: instance), none))).Select(b => b.Bookmark.Id).ShouldBe([second.Id]);
        (await WithStore(store => store.FindAsync(first.Id, none))).ShouldBeNull();
        (await WithStore(store => store.FindAsync(elsewhere.Id, none))).ShouldNotBeNull();
    }

    [ContractFact]
    public async Task Saving_a_bookmark_id_again_replaces_it_even_twice_in_one_scope()
    {
        var instance = NewId();
        var bookmark = NewBookmark("Elsa.Delay", NewId(), 0, resumeAt: At("2026-03-03T01:00:00Z"));
        var moved = new Bookmark
        {
            Id = bookmark.Id, Name = bookmark.Name, Hash = bookmark.Hash, ActivityId = bookmark.ActivityId, ActivityNodeId = bookmark.ActivityNodeId,
            ActivityInstanceId = bookmark.ActivityInstanceId, ActivityType = bookmark.ActivityType, CreatedAt = bookmark.CreatedAt,
            ResumeAt = At("2026-03-04T01:00:00Z"), AutoBurn = false,
        };

        await InScope(async services =>
        {
            var store = services.GetRequiredService<IBookmarkStore>();
            await store.SaveAsync(instance, [bookmark], none);
            await store.SaveAsync(instance, [moved], none);
        });

        var all = await WithStore(store => store.ListAsync(new BookmarkFilter(WorkflowInstanceId: instance), none));
        all.Select(b => b.Bookmark.ResumeAt).ShouldBe([At("2026-03-04T01:00:00Z")]);
    }
}

public sealed class BookmarkStoreOnSqlite(SqliteDatabaseFixture fixture) : BookmarkStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class BookmarkStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture) : BookmarkStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
