using System.Reflection;
using Bpm.Application;
using Bpm.Application.Administration;
using Bpm.Application.Bureaus;
using Bpm.Application.Tasks;
using Bpm.Application.Timers;
using Bpm.Domain.Audit;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Domain.Timers;
using Bpm.Domain.Users;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>
/// Re-planning 1,000 open tasks after a calendar change, through the administration service, the re-planner and the real
/// stores, on every provider. The bureau handles in 2 WD with the standard ladder. Half of the tasks count from Wed
/// 2026-09-30 (due Fri 10-09, because 10-01…10-07 are rest days), half from Mon 10-12 (due Wed 10-14). Closing Fri 10-09
/// moves the first half to Sat 10-10 (a make-up working day) and leaves the second half alone.
/// </summary>
public abstract class DeadlineReplanContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private const int Requests = 50;
    private const int TasksPerRequest = 20;
    private static readonly CancellationToken none = CancellationToken.None;

    [ContractFact]
    public async Task A_closure_under_1000_open_tasks_moves_every_affected_deadline_and_its_timers_once_and_nothing_else()
    {
        var bureau = await HandlingInTwoDaysAsync();
        var requests = new List<TaxpayerRequest>();
        for (var i = 0; i < Requests; i++)
        {
            requests.Add(await RegisterRequestAsync(bureau));
        }

        // Inserted through the stores in a few transactions, with their timers as the planner makes them when a task opens.
        var early = new HashSet<Guid>();
        foreach (var chunk in requests.Chunk(10))
        {
            await InScope(services => services.GetRequiredService<IUnitOfWork>().InTransactionAsync(async ct =>
            {
                var tree = await services.GetRequiredService<IBureauStore>().LoadTreeAsync(ct);
                var store = services.GetRequiredService<IRequestTaskStore>();
                var opened = new List<(RequestTask, RequestType)>();
                foreach (var request in chunk)
                {
                    for (var n = 0; n < TasksPerRequest; n++)
                    {
                        var fromEarly = n % 2 == 0;
                        var task = fromEarly
                            ? HandlingTask(request, bureau, Day("2026-09-30"), Day("2026-10-09"), At("2026-10-09T16:00:00Z"))
                            : HandlingTask(request, bureau, Day("2026-10-12"), Day("2026-10-14"), At("2026-10-14T16:00:00Z"));
                        await store.AddAsync(task, ct);
                        opened.Add((task, request.Type));
                        if (fromEarly)
                        {
                            early.Add(task.Id);
                        }
                    }
                }

                return await services.GetRequiredService<SlaTimerPlanner>().ReplanAsync(opened, tree, ct);
            }, none));
        }

        var before = await PendingTimersAsync(requests);
        before.Count.ShouldBe(Requests * TasksPerRequest * 5, "warning, red, three reminders each");

        // The administrator's preview counts the same 500 moves and writes nothing: no deadline, timer or audit line changes.
        var preview = await InScope(services => services.GetRequiredService<CalendarAdministrationService>().PreviewSetDayAsync(
            bureau.Bureau.Code, Day("2026-10-09"), false, "防汛", AdminActor.System, none));
        preview.ShouldBe(new ReplanReport(1000, 500, 0));
        (await PendingTimersAsync(requests)).Select(t => (t.Id, t.DueAt)).ShouldBe(before.Select(t => (t.Id, t.DueAt)), ignoreOrder: true);
        (await InScope(services => services.GetRequiredService<IBureauStore>().LoadTreeAsync(none))).OwnCalendarDays(bureau.Id).ShouldBeEmpty();

        var change = await InScope(services => services.GetRequiredService<CalendarAdministrationService>().SetDayAsync(
            bureau.Bureau.Code, Day("2026-10-09"), false, "防汛", ReplanMode.Open, AdminActor.System, none));

        change.Replan.Report.ShouldBe(new ReplanReport(1000, 500, 500));
        var tasks = (await InScope(async services =>
        {
            var store = services.GetRequiredService<IRequestTaskStore>();
            var all = new List<RequestTask>();
            foreach (var request in requests)
            {
                all.AddRange(await store.ListByRequestAsync(request.Id, none));
            }

            return all;
        })).ToDictionary(t => t.Id);
        tasks.Count.ShouldBe(1000);
        tasks.Values.Where(t => early.Contains(t.Id)).ShouldAllBe(t => t.DueDate == Day("2026-10-10") && t.DueAt == At("2026-10-10T16:00:00Z"));
        tasks.Values.Where(t => !early.Contains(t.Id)).ShouldAllBe(t => t.DueDate == Day("2026-10-14") && t.DueAt == At("2026-10-14T16:00:00Z") && t.Version == 1);

        var after = await PendingTimersAsync(requests);
        foreach (var group in after.GroupBy(t => t.TaskId!.Value))
        {
            group.Count().ShouldBe(5);
            group.Single(t => t.Kind == DueTimerKind.Overdue).DueAt.ShouldBe(tasks[group.Key].DueAt!.Value);
        }

        var untouched = before.Where(t => !early.Contains(t.TaskId!.Value)).Select(t => (t.Id, t.DueAt)).ToHashSet();
        after.Where(t => !early.Contains(t.TaskId!.Value)).Select(t => (t.Id, t.DueAt)).ToHashSet().SetEquals(untouched).ShouldBeTrue("unaffected tasks keep their timers");

        var audit = await InScope(async services =>
        {
            var store = services.GetRequiredService<IDeadlineChangeStore>();
            var all = new List<DeadlineChange>();
            foreach (var request in requests)
            {
                all.AddRange(await store.ListByRequestAsync(request.Id, none));
            }

            return all;
        });
        audit.Count.ShouldBe(500);
        audit.Select(c => c.TaskId!.Value).ToHashSet().SetEquals(early).ShouldBeTrue("one change per moved task");
        audit.ShouldAllBe(c => c.OldDueDate == Day("2026-10-09") && c.NewDueDate == Day("2026-10-10") && c.Cause == DeadlineChangeCause.CalendarChange && c.ActorUserId == null);

        // The chained audit log says each move once, by its DeadlineChange row; the task row's own update adds no second line.
        await using (var db = Database.CreateContext())
        {
            var subjects = requests.Select(r => Bpm.Application.Audit.AuditEvent.RequestSubject(r.Id)).ToList();
            var lines = await db.AuditEntries.Where(e => subjects.Contains(e.Subject) && e.Kind == AuditKind.DeadlineChange)
                .Select(e => e.Summary).ToListAsync(none);
            lines.Count.ShouldBe(500);
            lines.ShouldAllBe(line => line.StartsWith("CalendarChange: Handling due ", StringComparison.Ordinal));
        }

        // Finishing an interrupted re-plan when nothing was interrupted moves nothing.
        (await InScope(services => services.GetRequiredService<CalendarAdministrationService>().ReplanAsync(bureau.Bureau.Code, AdminActor.System, none)))
            .DeadlinesMoved.ShouldBe(0);
    }

    [ContractFact]
    public async Task A_task_a_handler_closes_while_the_re_plan_counts_it_stays_closed_and_the_rest_still_move()
    {
        var bureau = await HandlingInTwoDaysAsync();
        var request = await RegisterRequestAsync(bureau);
        var ids = await InScope(services => services.GetRequiredService<IUnitOfWork>().InTransactionAsync(async ct =>
        {
            var tree = await services.GetRequiredService<IBureauStore>().LoadTreeAsync(ct);
            var opened = new List<(RequestTask, RequestType)>();
            for (var n = 0; n < 10; n++)
            {
                var task = HandlingTask(request, bureau, Day("2026-09-30"), Day("2026-10-09"), At("2026-10-09T16:00:00Z"));
                await services.GetRequiredService<IRequestTaskStore>().AddAsync(task, ct);
                opened.Add((task, request.Type));
            }

            await services.GetRequiredService<SlaTimerPlanner>().ReplanAsync(opened, tree, ct);
            return opened.Select(o => o.Item1.Id).ToList();
        }, none));
        await InScope(services => services.GetRequiredService<IBureauStore>().SetCalendarDayAsync(
            new BureauCalendarDay(bureau.Id, Day("2026-10-09"), false, "防汛"), none));

        // Right after the re-plan has read its batch, a handler cancels one of its tasks (committed in a scope of its own).
        var closedId = ids[3];
        var raced = 0;
        async Task CloseAsync()
        {
            if (Interlocked.Exchange(ref raced, 1) == 0)
            {
                await InScope(services => services.GetRequiredService<IUnitOfWork>().InTransactionAsync(async ct =>
                {
                    var store = services.GetRequiredService<IRequestTaskStore>();
                    var task = (await store.FindAsync(closedId, ct))!;
                    task.Cancel(Time.GetUtcNow());
                    await store.UpdateAsync(task, ct);
                    return 0;
                }, none));
            }
        }

        await using var racing = Database.CreateServices(Time, services => TaskStoreRace.AfterFirstRead(services, CloseAsync));
        await using var scope = racing.CreateAsyncScope();
        var report = await scope.ServiceProvider.GetRequiredService<DeadlineReplanner>().ReplanAsync(
            new ReplanScope(bureau.Id, DeadlineChangeCause.CalendarChange, "防汛", null), none);

        raced.ShouldBe(1);
        report.ShouldBe(new ReplanReport(9, 9, 9), "the batch met the handler's change, was read again without the closed task, and ran");
        var tasks = await InScope(services => services.GetRequiredService<IRequestTaskStore>().ListByRequestAsync(request.Id, none));
        var closed = tasks.Single(t => t.Id == closedId);
        (closed.Status, closed.DueAt).ShouldBe((RequestTaskStatus.Cancelled, At("2026-10-09T16:00:00Z")));
        tasks.Where(t => t.Id != closedId).ShouldAllBe(t => t.DueAt == At("2026-10-10T16:00:00Z"));
        var changes = await InScope(services => services.GetRequiredService<IDeadlineChangeStore>().ListByRequestAsync(request.Id, none));
        changes.Select(c => c.TaskId!.Value).ShouldBe(ids.Where(id => id != closedId), ignoreOrder: true);
    }

    /// <summary>On Wed 2026-09-30 a bureau handling in 2 WD with the standard ladder.</summary>
    private async Task<SeededBureau> HandlingInTwoDaysAsync()
    {
        Time.SetUtcNow(At("2026-09-30T04:00:00Z"));
        var bureau = await SeedBureauAsync();
        await InScope(services => services.GetRequiredService<IBureauStore>().SetSlaRuleAsync(
            new SlaRule(bureau.Id, null, SlaStep.Handling, 2, ladder: EscalationLadder.Standard), none));
        return bureau;
    }

    private RequestTask HandlingTask(TaxpayerRequest request, SeededBureau bureau, DateOnly countFrom, DateOnly dueDate, DateTimeOffset dueAt) =>
        new(new RequestTaskOpening(
            Guid.CreateVersion7(), request.Id, bureau.Id, request.Type, request.TaxpayerName, NewId(), NewId(), "handle", "Bpm.HumanTask", "办理", bureau.Unit.Id, Roles.Handler,
            ["Resolved"], "[]", SlaStep.Handling, At("2026-09-30T04:00:00Z"), dueDate, dueAt, false,
            countFrom, 2));

    private Task<List<DueTimer>> PendingTimersAsync(IReadOnlyList<TaxpayerRequest> requests) => InScope(async services =>
    {
        var store = services.GetRequiredService<IDueTimerStore>();
        var all = new List<DueTimer>();
        foreach (var request in requests)
        {
            all.AddRange((await store.ListByRequestAsync(request.Id, none)).Where(t => t.Status == DueTimerStatus.Pending));
        }

        return all;
    });
}

/// <summary>
/// The task store of a re-plan, wrapped: after its first <see cref="IRequestTaskStore.FindManyAsync"/> returns, a race
/// runs (another user's change, committed), so that the tasks just read are stale when the re-plan writes them.
/// </summary>
internal class TaskStoreRace : DispatchProxy
{
    private IRequestTaskStore _inner = null!;
    private Func<Task> _race = null!;

    public static void AfterFirstRead(IServiceCollection services, Func<Task> race)
    {
        var original = services.Last(d => d.ServiceType == typeof(IRequestTaskStore));
        var implementation = original.ImplementationType!;
        services.Add(new ServiceDescriptor(implementation, implementation, original.Lifetime));
        services.Add(new ServiceDescriptor(typeof(IRequestTaskStore), provider =>
        {
            var proxy = Create<IRequestTaskStore, TaskStoreRace>();
            var wrapper = (TaskStoreRace)(object)proxy;
            wrapper._inner = (IRequestTaskStore)provider.GetRequiredService(implementation);
            wrapper._race = race;
            return proxy;
        }, original.Lifetime));
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        var result = targetMethod.Invoke(_inner, args);
        return targetMethod.Name == nameof(IRequestTaskStore.FindManyAsync) ? ThenRaceAsync((Task<IReadOnlyList<RequestTask>>)result!) : result;
    }

    private async Task<IReadOnlyList<RequestTask>> ThenRaceAsync(Task<IReadOnlyList<RequestTask>> read)
    {
        var tasks = await read;
        await _race();
        return tasks;
    }
}

public sealed class DeadlineReplanOnSqlite(SqliteDatabaseFixture fixture) : DeadlineReplanContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class DeadlineReplanOnPostgreSql(PostgreSqlDatabaseFixture fixture) : DeadlineReplanContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
