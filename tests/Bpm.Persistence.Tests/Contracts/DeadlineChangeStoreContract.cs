using Bpm.Application.Tasks;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>What <see cref="IDeadlineChangeStore"/> promises, on every provider: the audit reads back whole, oldest first.</summary>
public abstract class DeadlineChangeStoreContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    [ContractFact]
    public async Task Every_field_round_trips_oldest_first_and_causes_are_stored_by_name()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        var other = await RegisterRequestAsync(bureau);
        var (taskId, approver) = (Guid.NewGuid(), Guid.NewGuid());

        // 办理 moved from Fri 10-09 to Tue 10-13 by an approved extension, then by a calendar change with no task open.
        var extension = new DeadlineChange(
            Guid.CreateVersion7(), request.Id, taskId, SlaStep.Handling, Day("2026-10-09"), At("2026-10-09T16:00:00Z"), Day("2026-10-13"),
            At("2026-10-14T00:00:00+08:00"), DeadlineChangeCause.Extension, "需外部门协查", approver, At("2026-10-08T10:00:00+08:00"));
        var calendar = new DeadlineChange(
            Guid.CreateVersion7(), request.Id, null, null, null, null, Day("2026-10-14"), At("2026-10-14T16:00:00Z"),
            DeadlineChangeCause.CalendarChange, "导入2026年放假通知", null, At("2026-10-08T03:00:00Z"));
        var elsewhere = new DeadlineChange(
            Guid.CreateVersion7(), other.Id, null, SlaStep.Feedback, null, null, Day("2026-10-14"), At("2026-10-14T16:00:00Z"),
            DeadlineChangeCause.PolicyChange, "时限规则变更", null, At("2026-10-08T01:00:00Z"));
        await InScope(services => services.GetRequiredService<IDeadlineChangeStore>().AddAsync([calendar, extension, elsewhere], none));

        var stored = await InScope(services => services.GetRequiredService<IDeadlineChangeStore>().ListByRequestAsync(request.Id, none));

        stored.Select(c => c.Id).ShouldBe([extension.Id, calendar.Id]);
        var first = stored[0];
        (first.RequestId, first.TaskId, first.Step, first.OldDueDate, first.OldDueAt, first.NewDueDate, first.NewDueAt)
            .ShouldBe((request.Id, (Guid?)taskId, (SlaStep?)SlaStep.Handling, (DateOnly?)Day("2026-10-09"), (DateTimeOffset?)At("2026-10-09T16:00:00Z"),
                Day("2026-10-13"), At("2026-10-13T16:00:00Z")));
        (first.Cause, first.Reason, first.ActorUserId, first.At)
            .ShouldBe((DeadlineChangeCause.Extension, "需外部门协查", (Guid?)approver, At("2026-10-08T02:00:00Z")));
        var second = stored[1];
        (second.TaskId, second.Step, second.OldDueDate, second.OldDueAt, second.NewDueDate, second.Cause, second.ActorUserId)
            .ShouldBe(((Guid?)null, (SlaStep?)null, (DateOnly?)null, (DateTimeOffset?)null, Day("2026-10-14"), DeadlineChangeCause.CalendarChange, (Guid?)null));

        await using var db = Database.CreateContext();
        (await db.Database.SqlQuery<string>($"SELECT \"Cause\" AS \"Value\" FROM \"DeadlineChanges\" WHERE \"Id\" = {calendar.Id}").SingleAsync())
            .ShouldBe("CalendarChange");
    }
}

public sealed class DeadlineChangeStoreOnSqlite(SqliteDatabaseFixture fixture) : DeadlineChangeStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class DeadlineChangeStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture) : DeadlineChangeStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
