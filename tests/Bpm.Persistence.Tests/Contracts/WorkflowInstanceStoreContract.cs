using System.Text.Json.Nodes;
using Bpm.Application.Requests;
using Bpm.Engine.Runtime;
using Bpm.Engine.Stores;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>What <see cref="IWorkflowInstanceStore"/> promises, on every provider, optimistic concurrency included.</summary>
public abstract class WorkflowInstanceStoreContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private Task<T> WithStore<T>(Func<IWorkflowInstanceStore, Task<T>> work) =>
        InScope(services => work(services.GetRequiredService<IWorkflowInstanceStore>()));

    private Task SaveAsync(WorkflowState state) => InScope(services => services.GetRequiredService<IWorkflowInstanceStore>().SaveAsync(state, none));

    private WorkflowState NewState(string definitionId, string? versionId = null, WorkflowStatus status = WorkflowStatus.Running) => new()
    {
        InstanceId = NewId(),
        DefinitionId = definitionId,
        DefinitionVersionId = versionId ?? NewId(),
        DefinitionVersion = 3,
        Status = status,
        SubStatus = status == WorkflowStatus.Running ? WorkflowSubStatus.Suspended : WorkflowSubStatus.Finished,
        Input = new JsonObject { ["requestId"] = Guid.NewGuid().ToString() },
        Variables = { ["Counter"] = 3, ["Note"] = "受理" },
        Bookmarks =
        [
            new Bookmark
            {
                Id = NewId(), Name = "Bpm.HumanTask", Hash = Bookmark.ComputeHash("Bpm.HumanTask", "t1"), ActivityId = "accept",
                ActivityNodeId = "flowchart1:accept", ActivityInstanceId = NewId(), ActivityType = "Bpm.HumanTask", CreatedAt = Time.GetUtcNow(),
            },
        ],
        ActiveActivities = [new ActivityInstance(NewId(), "accept", "flowchart1:accept", "Bpm.HumanTask")],
        CreatedAt = Time.GetUtcNow(),
        UpdatedAt = Time.GetUtcNow(),
        FinishedAt = status == WorkflowStatus.Finished ? Time.GetUtcNow() : null,
    };

    [ContractFact]
    public async Task Instances_are_counted_by_definition_and_by_version()
    {
        var definitionId = "consult-" + NewId();
        var version = NewId();
        await SaveAsync(NewState(definitionId, version));
        await SaveAsync(NewState(definitionId, version, WorkflowStatus.Finished));
        await SaveAsync(NewState(definitionId));

        (await WithStore(store => store.CountAsync(new WorkflowInstanceFilter(DefinitionId: definitionId), none))).ShouldBe(3);
        (await WithStore(store => store.CountAsync(new WorkflowInstanceFilter(DefinitionVersionId: version), none))).ShouldBe(2);
        (await WithStore(store => store.CountAsync(new WorkflowInstanceFilter(DefinitionVersionId: version, Status: WorkflowStatus.Running), none))).ShouldBe(1);
        (await WithStore(store => store.CountAsync(new WorkflowInstanceFilter(DefinitionVersionId: "no-such-version"), none))).ShouldBe(0);
    }

    [ContractFact]
    public async Task A_saved_state_is_found_again_unchanged()
    {
        var state = NewState("consult-" + NewId());
        await SaveAsync(state);

        var found = await WithStore(store => store.FindAsync(state.InstanceId, none));

        found.ShouldNotBeNull().ToJson().ShouldBe(state.ToJson());
        (await WithStore(store => store.FindAsync("no-such-instance", none))).ShouldBeNull();
    }

    [ContractFact]
    public async Task A_just_started_instance_added_with_its_bookmarks_is_found_again_and_saved_on_later_in_the_same_scope()
    {
        var state = NewState("consult-" + NewId());

        await InScope(async services =>
        {
            await services.GetRequiredService<IWorkflowInstanceStore>().AddAsync(state, none);
            await services.GetRequiredService<IBookmarkStore>().AddAsync(state.InstanceId, state.Bookmarks, none);
            state.Variables["Counter"] = 4;
            state.UpdatedAt = Time.GetUtcNow().AddMinutes(1);
            await services.GetRequiredService<IWorkflowInstanceStore>().SaveAsync(state, none);
        });

        (await WithStore(store => store.FindAsync(state.InstanceId, none))).ShouldNotBeNull().ToJson().ShouldBe(state.ToJson());
        var bookmark = await InScope(services => services.GetRequiredService<IBookmarkStore>().FindAsync(state.Bookmarks[0].Id, none));
        bookmark.ShouldNotBeNull().WorkflowInstanceId.ShouldBe(state.InstanceId);
    }

    [ContractFact]
    public async Task Saving_in_the_scope_that_found_it_updates_the_instance()
    {
        var state = NewState("consult-" + NewId());
        await SaveAsync(state);

        await InScope(async services =>
        {
            var store = services.GetRequiredService<IWorkflowInstanceStore>();
            var found = (await store.FindAsync(state.InstanceId, none))!;
            found.Variables["Counter"] = 4;
            found.UpdatedAt = Time.GetUtcNow().AddMinutes(1);
            await store.SaveAsync(found, none);

            // and again in the same scope, as a runner taking two steps would
            found.Status = WorkflowStatus.Finished;
            found.SubStatus = WorkflowSubStatus.Finished;
            found.FinishedAt = Time.GetUtcNow().AddMinutes(2);
            await store.SaveAsync(found, none);
        });

        var stored = (await WithStore(store => store.FindAsync(state.InstanceId, none)))!;
        stored.Variables["Counter"]!.GetValue<int>().ShouldBe(4);
        (stored.Status, stored.SubStatus, stored.FinishedAt).ShouldBe((WorkflowStatus.Finished, WorkflowSubStatus.Finished, Time.GetUtcNow().AddMinutes(2)));
    }

    [ContractFact]
    public async Task A_stale_save_is_refused_and_the_first_change_is_kept()
    {
        var state = NewState("consult-" + NewId());
        await SaveAsync(state);

        // Two handlers complete tasks of the same instance at once: both find it, the first saves.
        await using var first = Services.CreateAsyncScope();
        await using var second = Services.CreateAsyncScope();
        var firstStore = first.ServiceProvider.GetRequiredService<IWorkflowInstanceStore>();
        var secondStore = second.ServiceProvider.GetRequiredService<IWorkflowInstanceStore>();
        var firstState = (await firstStore.FindAsync(state.InstanceId, none))!;
        var secondState = (await secondStore.FindAsync(state.InstanceId, none))!;

        firstState.Variables["Note"] = "first";
        firstState.UpdatedAt = Time.GetUtcNow().AddMinutes(1);
        await firstStore.SaveAsync(firstState, none);

        secondState.Variables["Note"] = "second";
        secondState.UpdatedAt = Time.GetUtcNow().AddMinutes(2);
        await Should.ThrowAsync<ConcurrencyConflictException>(() => secondStore.SaveAsync(secondState, none));

        (await WithStore(store => store.FindAsync(state.InstanceId, none)))!.Variables["Note"]!.GetValue<string>().ShouldBe("first");

        // The loser may read again in its scope and retry on the fresh state.
        var fresh = (await secondStore.FindAsync(state.InstanceId, none))!;
        fresh.Variables["Note"]!.GetValue<string>().ShouldBe("first");
        fresh.Variables["Note"] = "second, after reading again";
        await secondStore.SaveAsync(fresh, none);
        (await WithStore(store => store.FindAsync(state.InstanceId, none)))!.Variables["Note"]!.GetValue<string>().ShouldBe("second, after reading again");
    }

    [ContractFact]
    public async Task A_state_older_than_the_stored_one_is_refused_even_from_another_scope()
    {
        var state = NewState("consult-" + NewId());
        await SaveAsync(state);
        var newer = state.Clone();
        newer.UpdatedAt = Time.GetUtcNow().AddMinutes(5);
        newer.Variables["Note"] = "newer";
        await SaveAsync(newer);

        state.Variables["Note"] = "older";
        await Should.ThrowAsync<ConcurrencyConflictException>(() => SaveAsync(state));

        (await WithStore(store => store.FindAsync(state.InstanceId, none)))!.Variables["Note"]!.GetValue<string>().ShouldBe("newer");
    }

    [ContractFact]
    public async Task Instances_are_listed_and_deleted_by_definition_version_and_status()
    {
        var definitionId = "consult-" + NewId();
        var versionId = NewId();
        var running = NewState(definitionId, versionId);
        var finished = NewState(definitionId, versionId, WorkflowStatus.Finished);
        var otherVersion = NewState(definitionId);
        var otherDefinition = NewState("complaint-" + NewId());
        foreach (var state in new[] { running, finished, otherVersion, otherDefinition })
        {
            await SaveAsync(state);
        }

        (await WithStore(store => store.ListAsync(new WorkflowInstanceFilter(DefinitionId: definitionId), none))).Select(s => s.InstanceId)
            .ShouldBe([running.InstanceId, finished.InstanceId, otherVersion.InstanceId], ignoreOrder: true);
        (await WithStore(store => store.ListAsync(new WorkflowInstanceFilter(DefinitionVersionId: versionId), none))).Count.ShouldBe(2);
        (await WithStore(store => store.ListAsync(new WorkflowInstanceFilter(definitionId, versionId, WorkflowStatus.Finished), none)))
            .Select(s => s.InstanceId).ShouldBe([finished.InstanceId]);

        (await WithStore(store => store.DeleteAsync(new WorkflowInstanceFilter(DefinitionVersionId: versionId), none))).ShouldBe(2);

        (await WithStore(store => store.FindAsync(running.InstanceId, none))).ShouldBeNull();
        (await WithStore(store => store.ListAsync(new WorkflowInstanceFilter(DefinitionId: definitionId), none))).Select(s => s.InstanceId)
            .ShouldBe([otherVersion.InstanceId]);
        (await WithStore(store => store.FindAsync(otherDefinition.InstanceId, none))).ShouldNotBeNull();
    }
}

public sealed class WorkflowInstanceStoreOnSqlite(SqliteDatabaseFixture fixture)
    : WorkflowInstanceStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class WorkflowInstanceStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture)
    : WorkflowInstanceStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
