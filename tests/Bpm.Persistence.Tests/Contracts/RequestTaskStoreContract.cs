using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Application.Tasks;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Domain.Users;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>What <see cref="IRequestTaskStore"/> promises, on every provider: the inbox and concurrent completion above all.</summary>
public abstract class RequestTaskStoreContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private Task<T> WithStore<T>(Func<IRequestTaskStore, Task<T>> work) =>
        InScope(services => work(services.GetRequiredService<IRequestTaskStore>()));

    private Task AddAsync(RequestTask task) => InScope(services => services.GetRequiredService<IRequestTaskStore>().AddAsync(task, none));

    private RequestTask NewTask(
        TaxpayerRequest request, Guid unitId, Roles role = Roles.Handler, DateTimeOffset? dueAt = null, string title = "办理", int openedMinutesAgo = 60) =>
        new(new RequestTaskOpening(
            Guid.CreateVersion7(), request.Id, request.BureauId, NewId(), NewId(), "handle", "Bpm.HumanTask", title, unitId, role,
            ["Resolved", "Extend", "Object", "Unsolvable"], """[{"name":"reply","type":"text"}]""", SlaStep.Handling,
            Time.GetUtcNow().AddMinutes(-openedMinutesAgo), dueAt is null ? null : DateOnly.FromDateTime(dueAt.Value.UtcDateTime), dueAt, false));

    private async Task<Unit> AddUnitAsync(SeededBureau bureau, string code)
    {
        var unit = new Unit(Guid.CreateVersion7(), bureau.Id, code, "第一税务所", UnitKind.Section, UnitDuties.TaxService);
        await InScope(services => services.GetRequiredService<IBureauStore>().AddUnitAsync(unit, none));
        return unit;
    }

    [ContractFact]
    public async Task Every_field_round_trips_and_tasks_are_found_by_id_bookmark_and_request()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        var task = NewTask(request, bureau.Unit.Id, Roles.Approver, At("2026-03-09T09:30:00Z"));
        var later = NewTask(request, bureau.Unit.Id, title: "结果反馈", openedMinutesAgo: 10);
        await AddAsync(task);
        await AddAsync(later);

        var found = (await WithStore(store => store.FindAsync(task.Id, none)))!;
        (found.RequestId, found.BureauId, found.WorkflowInstanceId, found.BookmarkId, found.ActivityId, found.ActivityType, found.Title)
            .ShouldBe((request.Id, bureau.Id, task.WorkflowInstanceId, task.BookmarkId, "handle", "Bpm.HumanTask", "办理"));
        (found.AssigneeUnitId, found.AssigneeRole, found.SlaStep, found.Status, found.FormJson, found.Version)
            .ShouldBe((bureau.Unit.Id, Roles.Approver, (SlaStep?)SlaStep.Handling, RequestTaskStatus.Open, task.FormJson, 1L));
        found.Outcomes.ShouldBe(["Resolved", "Extend", "Object", "Unsolvable"]);
        (found.OpenedAt, found.DueAt, found.DueDate).ShouldBe((task.OpenedAt, At("2026-03-09T09:30:00Z"), (DateOnly?)Day("2026-03-09")));

        (await WithStore(store => store.FindOpenByBookmarkAsync(task.BookmarkId, none)))!.Id.ShouldBe(task.Id);
        (await WithStore(store => store.FindAsync(Guid.NewGuid(), none))).ShouldBeNull();
        (await WithStore(store => store.ListByRequestAsync(request.Id, none))).Select(t => t.Id).ShouldBe([task.Id, later.Id]);

        // Stored by name, as every enum.
        await using var db = Database.CreateContext();
        (await db.Database.SqlQuery<string>($"SELECT \"Status\" || '/' || \"AssigneeRole\" || '/' || \"SlaStep\" || '/' || \"Outcomes\" AS \"Value\" FROM \"RequestTasks\" WHERE \"Id\" = {task.Id}").SingleAsync())
            .ShouldBe("Open/Approver/Handling/[\"Resolved\",\"Extend\",\"Object\",\"Unsolvable\"]");
    }

    [ContractFact]
    public async Task A_completed_task_keeps_its_outcome_and_no_longer_answers_for_its_bookmark()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        var task = NewTask(request, bureau.Unit.Id);
        await AddAsync(task);
        var handler = Guid.NewGuid();

        await InScope(async services =>
        {
            var store = services.GetRequiredService<IRequestTaskStore>();
            var found = (await store.FindAsync(task.Id, none))!;
            found.Claim(handler, Time.GetUtcNow());
            await store.UpdateAsync(found, none);
            found.Complete(handler, "Resolved", """{"reply":"已答复"}""", Time.GetUtcNow().AddMinutes(5));
            await store.UpdateAsync(found, none);
        });

        var stored = (await WithStore(store => store.FindAsync(task.Id, none)))!;
        (stored.Status, stored.Outcome, stored.DataJson, stored.CompletedBy, stored.CompletedAt, stored.ClaimedBy, stored.Version)
            .ShouldBe((RequestTaskStatus.Completed, "Resolved", """{"reply":"已答复"}""", (Guid?)handler, (DateTimeOffset?)Time.GetUtcNow().AddMinutes(5), (Guid?)handler, 3L));
        (await WithStore(store => store.FindOpenByBookmarkAsync(task.BookmarkId, none))).ShouldBeNull();
    }

    [ContractFact]
    public async Task Two_handlers_completing_the_same_task_the_second_gets_a_conflict()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        var task = NewTask(request, bureau.Unit.Id);
        await AddAsync(task);
        var (zhang, li) = (Guid.NewGuid(), Guid.NewGuid());

        await using var first = Services.CreateAsyncScope();
        await using var second = Services.CreateAsyncScope();
        var firstStore = first.ServiceProvider.GetRequiredService<IRequestTaskStore>();
        var secondStore = second.ServiceProvider.GetRequiredService<IRequestTaskStore>();
        var firstTask = (await firstStore.FindAsync(task.Id, none))!;
        var secondTask = (await secondStore.FindAsync(task.Id, none))!;

        firstTask.Complete(zhang, "Resolved", null, Time.GetUtcNow());
        await firstStore.UpdateAsync(firstTask, none);
        secondTask.Complete(li, "Unsolvable", null, Time.GetUtcNow());
        await Should.ThrowAsync<ConcurrencyConflictException>(() => secondStore.UpdateAsync(secondTask, none));

        var stored = (await WithStore(store => store.FindAsync(task.Id, none)))!;
        (stored.CompletedBy, stored.Outcome, stored.Version).ShouldBe(((Guid?)zhang, "Resolved", 2L));
    }

    [ContractFact]
    public async Task The_inbox_has_my_claimed_tasks_and_my_units_unclaimed_tasks_for_my_roles_earliest_due_first()
    {
        var bureau = await SeedBureauAsync();
        var otherBureau = await SeedBureauAsync();
        var otherUnit = await AddUnitAsync(bureau, "dyss-" + NewId()[..4]);
        var request = await RegisterRequestAsync(bureau);
        var foreignRequest = await RegisterRequestAsync(otherBureau);
        var (me, colleague) = (Guid.NewGuid(), Guid.NewGuid());
        var myUnit = bureau.Unit.Id;
        var day = Time.GetUtcNow();

        var unclaimed = NewTask(request, myUnit, dueAt: day.AddDays(3), title: "unclaimed");
        var mine = NewTask(request, myUnit, dueAt: day.AddDays(1), title: "mine");
        mine.Claim(me, day);
        var colleagues = NewTask(request, myUnit, dueAt: day.AddDays(1), title: "colleague's");
        colleagues.Claim(colleague, day);
        var forApprovers = NewTask(request, myUnit, Roles.Approver, day.AddDays(2).AddHours(-1), title: "for approvers");
        var otherUnits = NewTask(request, otherUnit.Id, dueAt: day.AddDays(1), title: "other unit's");
        var mineElsewhere = NewTask(request, otherUnit.Id, dueAt: day.AddDays(2), title: "mine in another unit");
        mineElsewhere.Claim(me, day);
        var otherBureaus = NewTask(foreignRequest, otherBureau.Unit.Id, dueAt: day.AddDays(1).AddHours(1), title: "other bureau's");
        otherBureaus.Claim(me, day);
        var noDueDate = NewTask(request, myUnit, title: "no due date");
        var done = NewTask(request, myUnit, dueAt: day.AddDays(1), title: "done");
        done.Claim(me, day);
        done.Complete(me, "Resolved", null, day);
        foreach (var task in new[] { unclaimed, mine, colleagues, forApprovers, otherUnits, mineElsewhere, otherBureaus, noDueDate, done })
        {
            await AddAsync(task);
        }

        var query = new InboxQuery { UserId = me, UnitId = myUnit, Roles = Roles.Handler, BureauIds = [bureau.Id] };
        Task<TaskPage> Inbox(InboxQuery q) => WithStore(store => store.InboxAsync(q, none));

        var inbox = await Inbox(query);
        inbox.Items.Select(t => t.Title).ShouldBe(["mine", "mine in another unit", "unclaimed", "no due date"]);
        (inbox.TotalCount, inbox.Page, inbox.PageSize).ShouldBe((4, 1, 50));

        (await Inbox(query with { Roles = Roles.Handler | Roles.Approver })).Items.Select(t => t.Title)
            .ShouldBe(["mine", "for approvers", "mine in another unit", "unclaimed", "no due date"]);
        (await Inbox(query with { BureauIds = [bureau.Id, otherBureau.Id] })).Items.Select(t => t.Title)
            .ShouldBe(["mine", "other bureau's", "mine in another unit", "unclaimed", "no due date"]);
        (await Inbox(query with { UnitId = null })).Items.Select(t => t.Title).ShouldBe(["mine", "mine in another unit"]);

        var second = await Inbox(query with { Page = 2, PageSize = 3 });
        second.Items.Select(t => t.Title).ShouldBe(["no due date"]);
        (second.TotalCount, second.Page, second.PageSize).ShouldBe((4, 2, 3));

        (await Inbox(query with { DueBefore = day.AddDays(2.5) })).Items.Select(t => t.Title).ShouldBe(["mine", "mine in another unit"]);
        (await Inbox(query with { DueBefore = day.AddDays(2.5).ToOffset(TimeSpan.FromHours(8)) })).TotalCount.ShouldBe(2);
    }
}

public sealed class RequestTaskStoreOnSqlite(SqliteDatabaseFixture fixture) : RequestTaskStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class RequestTaskStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture) : RequestTaskStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
