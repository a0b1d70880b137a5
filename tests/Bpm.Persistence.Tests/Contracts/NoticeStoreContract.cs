using Bpm.Application.Notices;
using Bpm.Domain.Notices;
using Bpm.Domain.Requests;
using Bpm.Domain.Users;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.Tests.Contracts;

/// <summary>What <see cref="INoticeStore"/> promises, on every provider: who sees which notice, newest first.</summary>
public abstract class NoticeStoreContract(IDatabaseFixture fixture) : StoreTestBase(fixture)
{
    private static readonly CancellationToken none = CancellationToken.None;

    private Task<T> WithStore<T>(Func<INoticeStore, Task<T>> work) =>
        InScope(services => work(services.GetRequiredService<INoticeStore>()));

    private Task AddAsync(params Notice[] notices) =>
        InScope(services => services.GetRequiredService<INoticeStore>().AddAsync(notices, none));

    /// <summary>A notice created <paramref name="minutesAgo"/> before the clock, with its name as its text.</summary>
    private Notice NewNotice(TaxpayerRequest request, string name, Guid? unitId, Roles roles, Guid? userId, int minutesAgo, NoticeKind kind = NoticeKind.Overdue) =>
        new(Guid.CreateVersion7(), kind, request.Id, Guid.NewGuid(), unitId, roles, userId, name, Time.GetUtcNow().AddMinutes(-minutesAgo));

    [ContractFact]
    public async Task Every_field_round_trips_and_kinds_and_roles_are_stored_by_name()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        var taskId = Guid.NewGuid();
        var text = $"【督办】{request.Number} 办理 已于 2026-10-10 00:00 超期";
        var toUnit = new Notice(Guid.CreateVersion7(), NoticeKind.Overdue, request.Id, taskId, bureau.Unit.Id, Roles.Approver, null, text, At("2026-10-10T08:00:00+08:00"));
        var user = Guid.NewGuid();
        var toUser = new Notice(Guid.CreateVersion7(), NoticeKind.Reminder, request.Id, null, null, Roles.None, user, "【催办】请尽快办理", At("2026-10-12T16:00:00Z"));
        await AddAsync(toUser, toUnit);

        var stored = await WithStore(store => store.ListByRequestAsync(request.Id, none));
        stored.Select(n => n.Id).ShouldBe([toUnit.Id, toUser.Id]);
        var unit = stored[0];
        (unit.Kind, unit.RequestId, unit.TaskId, unit.RecipientUnitId, unit.RecipientRoles, unit.RecipientUserId, unit.Text, unit.CreatedAt, unit.ReadAt)
            .ShouldBe((NoticeKind.Overdue, request.Id, (Guid?)taskId, (Guid?)bureau.Unit.Id, Roles.Approver, (Guid?)null, text, At("2026-10-10T00:00:00Z"), (DateTimeOffset?)null));
        var own = stored[1];
        (own.Kind, own.TaskId, own.RecipientUnitId, own.RecipientRoles, own.RecipientUserId, own.Text)
            .ShouldBe((NoticeKind.Reminder, (Guid?)null, (Guid?)null, Roles.None, (Guid?)user, "【催办】请尽快办理"));

        await InScope(async services =>
        {
            var store = services.GetRequiredService<INoticeStore>();
            var found = (await store.FindAsync(toUnit.Id, none))!;
            found.MarkRead(At("2026-10-10T09:15:00+08:00"));
            await store.UpdateAsync(found, none);
            (await store.FindAsync(Guid.NewGuid(), none)).ShouldBeNull();
        });
        (await WithStore(store => store.FindAsync(toUnit.Id, none)))!.ReadAt.ShouldBe(At("2026-10-10T01:15:00Z"));

        await using var db = Database.CreateContext();
        (await db.Database.SqlQuery<string>($"SELECT \"Kind\" || '/' || \"RecipientRoles\" AS \"Value\" FROM \"Notices\" WHERE \"Id\" = {toUnit.Id}").SingleAsync())
            .ShouldBe("Overdue/Approver");
    }

    [ContractFact]
    public async Task A_user_sees_own_notices_and_the_units_for_everyone_or_a_role_held_newest_first()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        var (me, colleague) = (Guid.NewGuid(), Guid.NewGuid());
        var (myUnit, otherUnit) = (bureau.Unit.Id, Guid.NewGuid());
        await AddAsync(
            NewNotice(request, "mine", null, Roles.None, me, minutesAgo: 50, NoticeKind.Reminder),
            NewNotice(request, "unit approvers", myUnit, Roles.Approver, null, minutesAgo: 40),
            NewNotice(request, "unit handlers", myUnit, Roles.Handler, null, minutesAgo: 30, NoticeKind.Warning),
            NewNotice(request, "whole unit", myUnit, Roles.None, null, minutesAgo: 20, NoticeKind.JointMeeting),
            NewNotice(request, "other unit", otherUnit, Roles.None, null, minutesAgo: 10),
            NewNotice(request, "other unit approvers", otherUnit, Roles.Approver, null, minutesAgo: 15),
            NewNotice(request, "colleague's", null, Roles.None, colleague, minutesAgo: 5));

        var query = new NoticeQuery { UserId = me, UnitId = myUnit, Roles = Roles.Approver };
        Task<NoticePage> List(NoticeQuery q) => WithStore(store => store.ListAsync(q, none));

        var page = await List(query);
        page.Items.Select(n => n.Text).ShouldBe(["whole unit", "unit approvers", "mine"]);
        (page.TotalCount, page.Page, page.PageSize).ShouldBe((3, 1, 50));
        (await List(query with { Roles = Roles.Handler | Roles.Approver })).Items.Select(n => n.Text)
            .ShouldBe(["whole unit", "unit handlers", "unit approvers", "mine"]);
        (await List(query with { Roles = Roles.None })).Items.Select(n => n.Text).ShouldBe(["whole unit", "mine"]);
        (await List(query with { UnitId = null })).Items.Select(n => n.Text).ShouldBe(["mine"]);
        (await List(query with { UserId = colleague, UnitId = otherUnit })).Items.Select(n => n.Text)
            .ShouldBe(["colleague's", "other unit", "other unit approvers"]);
    }

    [ContractFact]
    public async Task Unread_only_leaves_out_read_notices_and_pages_count_what_matched()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        var me = Guid.NewGuid();
        var notices = Enumerable.Range(1, 5).Select(i => NewNotice(request, $"n{i}", null, Roles.None, me, minutesAgo: 60 - i)).ToArray();
        await AddAsync(notices);
        await InScope(async services =>
        {
            var store = services.GetRequiredService<INoticeStore>();
            var read = (await store.FindAsync(notices[3].Id, none))!;
            read.MarkRead(Time.GetUtcNow());
            await store.UpdateAsync(read, none);
        });

        var query = new NoticeQuery { UserId = me, Roles = Roles.Handler };
        Task<NoticePage> List(NoticeQuery q) => WithStore(store => store.ListAsync(q, none));

        (await List(query)).Items.Select(n => n.Text).ShouldBe(["n5", "n4", "n3", "n2", "n1"]);
        (await List(query with { UnreadOnly = true })).Items.Select(n => n.Text).ShouldBe(["n5", "n3", "n2", "n1"]);
        var second = await List(query with { UnreadOnly = true, Page = 2, PageSize = 3 });
        second.Items.Select(n => n.Text).ShouldBe(["n1"]);
        (second.TotalCount, second.Page, second.PageSize).ShouldBe((4, 2, 3));
        (await List(query with { Page = 2, PageSize = 2 })).Items.Select(n => n.Text).ShouldBe(["n3", "n2"]);
    }
}

public sealed class NoticeStoreOnSqlite(SqliteDatabaseFixture fixture) : NoticeStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class NoticeStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture) : NoticeStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
