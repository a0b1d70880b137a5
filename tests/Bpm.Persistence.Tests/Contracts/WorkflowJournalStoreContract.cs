using Bpm.Application.Workflows;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>What <see cref="IWorkflowJournalStore"/> promises, on every provider.</summary>
public abstract class WorkflowJournalStoreContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private Task AppendAsync(params WorkflowJournalEntry[] entries) =>
        InScope(services => services.GetRequiredService<IWorkflowJournalStore>().AppendAsync(entries, none));

    private Task<IReadOnlyList<WorkflowJournalEntry>> ListAsync(Guid requestId) =>
        InScope(services => services.GetRequiredService<IWorkflowJournalStore>().ListByRequestAsync(requestId, none));

    private WorkflowJournalEntry Entry(Guid requestId, string activityId, IReadOnlyList<string> outcomes, Guid? actor = null, string? message = null) => new(
        requestId, "instance-" + requestId.ToString("N")[..8], NewId(), activityId, "flowchart1:" + activityId, "Bpm.HumanTask", activityId == "accept" ? "受理登记" : null,
        "Completed", outcomes, Time.GetUtcNow().AddMinutes(-5), Time.GetUtcNow(), actor, message);

    [ContractFact]
    public async Task Entries_come_back_in_the_order_appended_with_increasing_sequence_numbers()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        var other = await RegisterRequestAsync(bureau);
        var handler = Guid.NewGuid();
        await AppendAsync(Entry(request.Id, "start", ["Done"]), Entry(request.Id, "accept", ["Transfer"], handler, "转分派"));
        await AppendAsync(Entry(other.Id, "start", ["Done"]));
        await AppendAsync(Entry(request.Id, "dispatch", []), Entry(request.Id, "handle", ["Resolved"]), Entry(request.Id, "feedback", ["Done"]));

        var journal = await ListAsync(request.Id);

        journal.Select(e => e.ActivityId).ShouldBe(["start", "accept", "dispatch", "handle", "feedback"]);
        journal.Select(e => e.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        journal.Select(e => e.Sequence).Distinct().Count().ShouldBe(5);
        journal.ShouldAllBe(e => e.Sequence > 0);
        var accept = journal[1];
        (accept.RequestId, accept.WorkflowInstanceId, accept.ActivityNodeId, accept.ActivityType, accept.ActivityName, accept.Status)
            .ShouldBe((request.Id, "instance-" + request.Id.ToString("N")[..8], "flowchart1:accept", "Bpm.HumanTask", "受理登记", "Completed"));
        (accept.ActorUserId, accept.Message, accept.StartedAt, accept.CompletedAt).ShouldBe(((Guid?)handler, "转分派", Time.GetUtcNow().AddMinutes(-5), Time.GetUtcNow()));
        accept.Outcomes.ShouldBe(["Transfer"]);
        journal[2].Outcomes.ShouldBeEmpty();
        (await ListAsync(other.Id)).Select(e => e.ActivityId).ShouldBe(["start"]);
        (await ListAsync(Guid.NewGuid())).ShouldBeEmpty();
    }

    [ContractFact]
    public async Task An_instances_entries_come_back_oldest_first_and_an_activity_execution_names_its_instance()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        var other = await RegisterRequestAsync(bureau);
        var instanceId = "instance-" + request.Id.ToString("N");
        var accept = Entry(request.Id, "accept", []) with { WorkflowInstanceId = instanceId, Status = "Suspended" };
        await AppendAsync(Entry(request.Id, "start", ["Done"]) with { WorkflowInstanceId = instanceId }, accept);
        await AppendAsync(Entry(other.Id, "start", ["Done"]) with { WorkflowInstanceId = "instance-" + other.Id.ToString("N") });
        await AppendAsync(Entry(request.Id, "accept", ["Transfer"]) with { WorkflowInstanceId = instanceId, ActivityInstanceId = accept.ActivityInstanceId });
        var store = (IServiceProvider services) => services.GetRequiredService<IWorkflowJournalStore>();

        var journal = await InScope(services => store(services).ListByInstanceAsync(accept.WorkflowInstanceId, none));

        journal.Select(e => (e.ActivityId, e.Status)).ShouldBe([("start", "Completed"), ("accept", "Suspended"), ("accept", "Completed")]);
        journal.Select(e => e.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        (await InScope(services => store(services).FindInstanceOfActivityAsync(accept.ActivityInstanceId, none))).ShouldBe(accept.WorkflowInstanceId);
        (await InScope(services => store(services).FindInstanceOfActivityAsync("0000000000000000", none))).ShouldBeNull();
        (await InScope(services => store(services).ListByInstanceAsync("no-such-instance", none))).ShouldBeEmpty();
    }

    [ContractFact]
    public async Task Interleaved_entries_of_many_requests_in_one_append_keep_each_requests_order()
    {
        var bureau = await SeedBureauAsync();
        var requests = new List<Guid>();
        for (var i = 0; i < 20; i++)
        {
            requests.Add((await RegisterRequestAsync(bureau)).Id);
        }

        // A burst of escalations: many requests, some with several rungs in one batch (warning, overdue, reminder 1).
        var entries = requests.SelectMany((id, i) => Enumerable.Range(0, 1 + (i % 3)).Select(n => (id, n)))
            .OrderBy(x => x.n).ThenByDescending(x => x.id)
            .Select(x => Entry(x.id, $"rung{x.n}", []))
            .ToArray();
        await AppendAsync(entries);

        for (var i = 0; i < requests.Count; i++)
        {
            var journal = await ListAsync(requests[i]);
            journal.Select(e => e.ActivityId).ShouldBe([.. Enumerable.Range(0, 1 + (i % 3)).Select(n => $"rung{n}")]);
            journal.Select(e => e.Sequence).ShouldBeInOrder(SortDirection.Ascending);
        }
    }
}

public sealed class WorkflowJournalStoreOnSqlite(SqliteDatabaseFixture fixture)
    : WorkflowJournalStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class WorkflowJournalStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture)
    : WorkflowJournalStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
