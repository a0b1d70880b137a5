using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Domain.Users;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>
/// A save's new and changed rows, which the context writes with plain prepared statements (<c>PlainRowWrites</c>), keep
/// everything EF's own save promised: rows that refer to each other go in whatever order they were added, values read back
/// as written (personal data encrypted, instants and enums converted), a changed row is written once under its version and
/// then tracked as stored, a refused row fails the whole save and leaves the entities to be added again, and a save refused
/// for a stale row among its changes keeps none of its new rows and leaves the change to be made again.
/// </summary>
public abstract class AddedRowsContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    [ContractFact]
    public async Task A_task_added_before_its_request_is_saved_after_it_and_both_read_back_as_written()
    {
        var bureau = await SeedBureauAsync();
        var request = NewRequest(bureau, 1);
        var task = NewAcceptTask(request);

        await using (var db = Database.CreateContext())
        {
            db.Add(task);
            db.Add(request);
            (await db.SaveChangesAsync(none)).ShouldBe(2);
            db.Entry(request).State.ShouldBe(EntityState.Unchanged);
            db.Entry(task).State.ShouldBe(EntityState.Unchanged);
        }

        await using var read = Database.CreateContext();
        var stored = await read.TaxpayerRequests.SingleAsync(r => r.Id == request.Id, none);
        stored.Number.ShouldBe(request.Number);
        stored.Contact.ShouldBe("13812345678");
        stored.TaxpayerName.ShouldBe("仙桃市恒达纺织有限公司");
        stored.ReceivedAt.ShouldBe(request.ReceivedAt);
        stored.Channel.ShouldBe(Channel.ServiceHall);
        stored.Version.ShouldBe(1);
        var storedTask = await read.RequestTasks.SingleAsync(t => t.Id == task.Id, none);
        storedTask.RequestId.ShouldBe(request.Id);
        storedTask.Status.ShouldBe(RequestTaskStatus.Open);
        storedTask.DueAt.ShouldBe(task.DueAt);
        storedTask.RequestType.ShouldBe(RequestType.Policy);
        storedTask.Version.ShouldBe(1);
    }

    [ContractFact]
    public async Task A_request_saved_as_new_is_then_updated_under_its_first_version()
    {
        var bureau = await SeedBureauAsync();
        var request = NewRequest(bureau, 1);
        await using (var db = Database.CreateContext())
        {
            db.Add(request);
            await db.SaveChangesAsync(none);
            request.MarkRepeatRequester();
            await db.SaveChangesAsync(none);
        }

        await using var read = Database.CreateContext();
        var stored = await read.TaxpayerRequests.SingleAsync(r => r.Id == request.Id, none);
        stored.RepeatRequester.ShouldBeTrue();
        stored.Version.ShouldBe(2);
    }

    [ContractFact]
    public async Task A_change_saved_with_a_new_row_reads_back_as_written_and_is_not_written_again()
    {
        var bureau = await SeedBureauAsync();
        var request = NewRequest(bureau, 1);
        var movedAt = new DateTimeOffset(2026, 11, 20, 9, 30, 15, TimeSpan.FromHours(8));
        await using (var db = Database.CreateContext())
        {
            db.Add(request);
            await db.SaveChangesAsync(none);

            request.MoveTo(RequestStatus.Transferred, movedAt);
            request.AttachWorkflow("policy", 3, "instance-of-the-change");
            db.Add(NewAcceptTask(request));
            await db.SaveChangesAsync(none);
            db.Entry(request).State.ShouldBe(EntityState.Unchanged);
            request.Status.ShouldBe(RequestStatus.Transferred);
            db.Entry(request).Property(r => r.Status).OriginalValue.ShouldBe(RequestStatus.Transferred);

            // Nothing changed since: a third save writes nothing, so the row stays at version 2.
            await db.SaveChangesAsync(none);
        }

        await using var read = Database.CreateContext();
        var stored = await read.TaxpayerRequests.AsNoTracking().SingleAsync(r => r.Id == request.Id, none);
        stored.Status.ShouldBe(RequestStatus.Transferred);
        stored.StatusChangedAt.ShouldBe(movedAt);
        stored.WorkflowInstanceId.ShouldBe("instance-of-the-change");
        stored.WorkflowDefinitionVersion.ShouldBe(3);
        stored.Contact.ShouldBe(request.Contact);
        stored.Version.ShouldBe(2);
        (await read.RequestTasks.CountAsync(t => t.RequestId == request.Id, none)).ShouldBe(1);
    }

    [ContractFact]
    public async Task A_row_refused_for_its_number_fails_the_whole_save_and_leaves_both_new_requests_to_add()
    {
        var bureau = await SeedBureauAsync();
        await using (var db = Database.CreateContext())
        {
            db.Add(NewRequest(bureau, 1));
            await db.SaveChangesAsync(none);
        }

        var fresh = NewRequest(bureau, 2);
        var twin = NewRequest(bureau, 1);
        await using (var db = Database.CreateContext())
        {
            db.Add(fresh);
            db.Add(twin);
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(none));
            db.Entry(fresh).State.ShouldBe(EntityState.Added);
            db.Entry(twin).State.ShouldBe(EntityState.Added);
        }

        await using var read = Database.CreateContext();
        (await read.TaxpayerRequests.CountAsync(r => r.BureauId == bureau.Bureau.Id, none)).ShouldBe(1);
    }

    [ContractFact]
    public async Task A_save_refused_for_a_stale_row_keeps_none_of_its_new_rows()
    {
        var bureau = await SeedBureauAsync();
        var first = NewRequest(bureau, 1);
        await using (var db = Database.CreateContext())
        {
            db.Add(first);
            await db.SaveChangesAsync(none);
        }

        await using var stale = Database.CreateContext();
        var staleFirst = await stale.TaxpayerRequests.SingleAsync(r => r.Id == first.Id, none);
        await using (var other = Database.CreateContext())
        {
            (await other.TaxpayerRequests.SingleAsync(r => r.Id == first.Id, none)).MarkRepeatRequester();
            await other.SaveChangesAsync(none);
        }

        staleFirst.MarkRepeatRequester();
        var second = NewRequest(bureau, 2);
        stale.Add(second);
        stale.Add(NewAcceptTask(second));
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => stale.SaveChangesAsync(none));
        stale.Entry(second).State.ShouldBe(EntityState.Added);
        stale.Entry(staleFirst).State.ShouldBe(EntityState.Modified);

        await using var read = Database.CreateContext();
        (await read.TaxpayerRequests.CountAsync(r => r.BureauId == bureau.Bureau.Id, none)).ShouldBe(1);
        (await read.RequestTasks.CountAsync(t => t.RequestId == second.Id, none)).ShouldBe(0);
    }
}

public sealed class AddedRowsOnSqlite(SqliteDatabaseFixture fixture) : AddedRowsContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class AddedRowsOnPostgreSql(PostgreSqlDatabaseFixture fixture) : AddedRowsContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
