using Bpm.Application.Bureaus;
using Bpm.Application.Requests;
using Bpm.Application.Tasks;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Domain.Users;
using Bpm.Engine.Runtime;
using Bpm.Engine.Stores;
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
        TaxpayerRequest request, Guid unitId, Roles role = Roles.Handler, DateTimeOffset? dueAt = null, string title = "办理", int openedMinutesAgo = 60,
        SlaStep step = SlaStep.Handling, DateOnly? countFrom = null, int workingDays = 0) =>
        new(new RequestTaskOpening(
            Guid.CreateVersion7(), request.Id, request.BureauId, request.Type, request.TaxpayerName, NewId(), NewId(), "handle", "Bpm.HumanTask", title, unitId, role,
            ["Resolved", "Extend", "Object", "Unsolvable"], """[{"name":"reply","type":"text"}]""", step,
            Time.GetUtcNow().AddMinutes(-openedMinutesAgo), dueAt is null ? null : DateOnly.FromDateTime(dueAt.Value.UtcDateTime), dueAt, false,
            countFrom, workingDays));

    /// <summary>A handling task counted from Mon 2026-03-02 over 2 working days (due Wed 03-04 at 24:00 in Shanghai).</summary>
    private RequestTask CountedTask(TaxpayerRequest request, Guid unitId, SlaStep step = SlaStep.Handling, string title = "办理") =>
        NewTask(request, unitId, dueAt: At("2026-03-04T16:00:00Z"), title: title, step: step, countFrom: Day("2026-03-02"), workingDays: 2);

    /// <summary>Tasks in the order the database sorts their ids (uuid order, which is the order of their text).</summary>
    private static List<Guid> InIdOrder(params RequestTask[] tasks) =>
        [.. tasks.Select(t => t.Id).OrderBy(id => id.ToString(), StringComparer.Ordinal)];

    private async Task<Unit> AddUnitAsync(SeededBureau bureau, string code)
    {
        var unit = new Unit(Guid.CreateVersion7(), bureau.Id, code, "第一税务所", UnitKind.Section, UnitDuties.TaxService);
        await InScope(services => services.GetRequiredService<IBureauStore>().AddUnitAsync(unit, none));
        return unit;
    }

    [ContractFact]
    public async Task A_task_found_to_act_on_brings_its_request_and_instance_into_the_unit_of_work()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        var task = NewTask(request, bureau.Unit.Id);
        await AddAsync(task);
        await InScope(services => services.GetRequiredService<IWorkflowInstanceStore>().AddAsync(new WorkflowState
        {
            InstanceId = task.WorkflowInstanceId, DefinitionId = "policy", DefinitionVersionId = "policy:1", DefinitionVersion = 1,
            CreatedAt = Time.GetUtcNow(), UpdatedAt = Time.GetUtcNow(),
        }, none));

        await InScope(async services =>
        {
            var found = (await services.GetRequiredService<IRequestTaskStore>().FindToActOnAsync(task.Id, none))!;
            var db = services.GetRequiredService<BpmDbContext>();

            found.Title.ShouldBe(task.Title);
            db.ChangeTracker.Entries<TaxpayerRequest>().Select(e => e.Entity.Id).ShouldBe([request.Id]);
            (await services.GetRequiredService<ITaxpayerRequestStore>().FindAsync(request.Id, none))
                .ShouldBeSameAs(db.ChangeTracker.Entries<TaxpayerRequest>().Single().Entity);
            (await services.GetRequiredService<IWorkflowInstanceStore>().FindAsync(task.WorkflowInstanceId, none))!.DefinitionVersionId.ShouldBe("policy:1");
            (await services.GetRequiredService<IRequestTaskStore>().FindToActOnAsync(Guid.CreateVersion7(), none)).ShouldBeNull();
            return 0;
        });
    }

    [ContractFact]
    public async Task A_task_shown_comes_with_its_request_and_neither_is_tracked()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        var task = NewTask(request, bureau.Unit.Id, title: "结果反馈");
        await AddAsync(task);

        await InScope(async services =>
        {
            var store = services.GetRequiredService<IRequestTaskStore>();
            var found = (await store.FindWithRequestAsync(task.Id, none))!;

            (found.Task.Id, found.Task.Title, found.Task.RequestId).ShouldBe((task.Id, "结果反馈", request.Id));
            (found.Request!.Id, found.Request.Number, found.Request.TaxpayerName, found.Request.Contact)
                .ShouldBe((request.Id, request.Number, request.TaxpayerName, request.Contact));
            services.GetRequiredService<BpmDbContext>().ChangeTracker.Entries().ShouldBeEmpty();
            (await store.FindWithRequestAsync(Guid.CreateVersion7(), none)).ShouldBeNull();
            return 0;
        });
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

    [ContractFact]
    public async Task Inbox_pages_interleave_claimed_and_unclaimed_tasks_and_count_up_to_the_cap()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        var me = Guid.NewGuid();
        var day = Time.GetUtcNow();
        var tasks = new List<RequestTask>();
        for (int i = 1; i <= 4; i++)
        {
            var claimed = NewTask(request, bureau.Unit.Id, dueAt: day.AddDays(2 * i), title: $"claimed due {2 * i}");
            claimed.Claim(me, day);
            tasks.Add(claimed);
            tasks.Add(NewTask(request, bureau.Unit.Id, dueAt: day.AddDays((2 * i) - 1), title: $"unclaimed due {(2 * i) - 1}"));
        }

        var claimedUndated = NewTask(request, bureau.Unit.Id, title: "claimed undated", openedMinutesAgo: 30);
        claimedUndated.Claim(me, day);
        tasks.Add(claimedUndated);
        tasks.Add(NewTask(request, bureau.Unit.Id, title: "unclaimed undated", openedMinutesAgo: 90));
        foreach (var task in tasks)
        {
            await AddAsync(task);
        }

        var query = new InboxQuery { UserId = me, UnitId = bureau.Unit.Id, Roles = Roles.Handler, BureauIds = [bureau.Id], PageSize = 3 };
        async Task<string[]> Titles(int page) => [.. (await WithStore(store => store.InboxAsync(query with { Page = page }, none))).Items.Select(t => t.Title)];

        (await Titles(1)).ShouldBe(["unclaimed due 1", "claimed due 2", "unclaimed due 3"]);
        (await Titles(2)).ShouldBe(["claimed due 4", "unclaimed due 5", "claimed due 6"]);
        (await Titles(3)).ShouldBe(["unclaimed due 7", "claimed due 8", "unclaimed undated"]);
        (await Titles(4)).ShouldBe(["claimed undated"]);

        var capped = await WithStore(store => store.InboxAsync(query with { TotalCap = 5 }, none));
        (capped.TotalCount, capped.TotalIsLowerBound).ShouldBe((5, true));
        var deep = await WithStore(store => store.InboxAsync(query with { TotalCap = 5, Page = 4 }, none));
        (deep.TotalCount, deep.TotalIsLowerBound).ShouldBe((10, false));
    }

    [ContractFact]
    public async Task By_type_the_inbox_pages_the_claimed_and_unclaimed_tasks_of_that_type_in_due_order_and_counts_only_them()
    {
        var bureau = await SeedBureauAsync();
        var register = (RequestRegistration registration) => InScope(services =>
            services.GetRequiredService<RequestRegistrationService>().RegisterAsync(bureau.Id, registration, none));
        var policy = await register(Registration(bureau));
        var software = await register(Registration(bureau, category: "XTJS"));
        var me = Guid.NewGuid();
        var day = Time.GetUtcNow();
        var claimedPolicy = NewTask(policy, bureau.Unit.Id, dueAt: day.AddDays(2), title: "policy claimed due 2");
        claimedPolicy.Claim(me, day);
        var claimedSoftware = NewTask(software, bureau.Unit.Id, dueAt: day.AddDays(1), title: "software claimed due 1");
        claimedSoftware.Claim(me, day);
        var someoneElses = NewTask(policy, bureau.Unit.Id, dueAt: day.AddDays(1), title: "policy claimed by someone else");
        someoneElses.Claim(Guid.NewGuid(), day);
        foreach (var task in new[]
        {
            claimedPolicy, claimedSoftware, someoneElses,
            NewTask(policy, bureau.Unit.Id, dueAt: day.AddDays(3), title: "policy due 3"),
            NewTask(software, bureau.Unit.Id, dueAt: day.AddDays(3), title: "software due 3"),
            NewTask(policy, bureau.Unit.Id, title: "policy undated"),
            NewTask(policy, bureau.Unit.Id, dueAt: day.AddDays(1), title: "policy due 1"),
        })
        {
            await AddAsync(task);
        }

        var query = new InboxQuery { UserId = me, UnitId = bureau.Unit.Id, Roles = Roles.Handler, BureauIds = [bureau.Id], RequestType = RequestType.Policy, PageSize = 2 };
        var first = await WithStore(store => store.InboxAsync(query, none));
        first.Items.Select(t => t.Title).ShouldBe(["policy due 1", "policy claimed due 2"]);
        (first.TotalCount, first.TotalIsLowerBound).ShouldBe((4, false));
        (await WithStore(store => store.InboxAsync(query with { Page = 2 }, none))).Items.Select(t => t.Title).ShouldBe(["policy due 3", "policy undated"]);
        var it = await WithStore(store => store.InboxAsync(query with { RequestType = RequestType.InformationTechnology }, none));
        it.Items.Select(t => t.Title).ShouldBe(["software claimed due 1", "software due 3"]);
        it.Items.ShouldAllBe(t => t.RequestType == RequestType.InformationTechnology);
    }

    [ContractFact]
    public async Task The_inbox_filters_by_the_requests_type_channel_status_and_searched_number_name_or_credit_code()
    {
        var bureau = await SeedBureauAsync();
        var unit = bureau.Unit.Id;
        var me = Guid.NewGuid();
        var register = (RequestRegistration registration) => InScope(services =>
            services.GetRequiredService<RequestRegistrationService>().RegisterAsync(bureau.Id, registration, none));
        var textile = await register(Registration(bureau) with { TaxpayerName = "仙桃市恒达纺织有限公司", CreditCode = CreditCode("91429004MA4F12345") });
        var software = await register(Registration(bureau, category: "XTJS") with { TaxpayerName = "仙桃市云帆软件有限公司", Channel = Channel.Hotline12366 });
        var bakery = await register(Registration(bureau) with { TaxpayerName = "李记糕点店", Channel = Channel.Hotline12366 });
        foreach (var (request, title) in new[] { (textile, "textile"), (software, "software"), (bakery, "bakery") })
        {
            await AddAsync(NewTask(request, unit, dueAt: Time.GetUtcNow().AddDays(title.Length), title: title));
        }

        var query = new InboxQuery { UserId = me, UnitId = unit, Roles = Roles.Handler, BureauIds = [bureau.Id] };
        async Task<IEnumerable<string>> Titles(InboxQuery q) => (await WithStore(store => store.InboxAsync(q, none))).Items.Select(t => t.Title);

        (await Titles(query)).ShouldBe(["bakery", "textile", "software"]);
        (await Titles(query with { RequestType = RequestType.InformationTechnology })).ShouldBe(["software"]);
        (await Titles(query with { RequestType = RequestType.Policy, Channel = Channel.Hotline12366 })).ShouldBe(["bakery"]);
        (await Titles(query with { RequestStatus = RequestStatus.Registered })).ShouldBe(["bakery", "textile", "software"]);
        (await Titles(query with { RequestStatus = RequestStatus.Closed })).ShouldBeEmpty();
        (await Titles(query with { Search = "恒达" })).ShouldBe(["textile"]);
        (await Titles(query with { Search = "有限公司" })).ShouldBe(["textile", "software"]);
        // The credit code is stored encrypted and found by its digest: whole (any case, spaces trimmed), never by a part.
        (await Titles(query with { Search = " " + CreditCode("91429004MA4F12345").ToLowerInvariant() + " " })).ShouldBe(["textile"]);
        (await Titles(query with { Search = "91429004ma4f" })).ShouldBeEmpty();
        (await Titles(query with { Search = "MA4F12345" })).ShouldBeEmpty();
        (await Titles(query with { Search = software.Number.ToLowerInvariant() })).ShouldBe(["software"]);
        (await Titles(query with { Search = software.Number[..^1] })).ShouldContain("software");
        (await Titles(query with { Search = software.Number[3..] })).ShouldBeEmpty();
        (await WithStore(store => store.InboxAsync(query with { Search = "有限公司", PageSize = 1, Page = 2 }, none))).TotalCount.ShouldBe(2);
    }

    [ContractFact]
    public async Task The_sla_count_alerts_and_pause_round_trip()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        var task = CountedTask(request, bureau.Unit.Id);
        var plain = NewTask(request, bureau.Unit.Id, title: "受理登记");
        await AddAsync(task);
        await AddAsync(plain);

        var fresh = (await WithStore(store => store.FindAsync(task.Id, none)))!;
        (fresh.SlaCountFrom, fresh.SlaWorkingDays, fresh.SlaAddedWorkingDays, fresh.AlertLevel, fresh.RemindersSent, fresh.EscalatedAt, fresh.PausedAt, fresh.PauseReason, fresh.IsPaused)
            .ShouldBe(((DateOnly?)Day("2026-03-02"), 2, 0, SlaAlertLevel.None, 0, (DateTimeOffset?)null, (DateTimeOffset?)null, (string?)null, false));
        (await WithStore(store => store.FindAsync(plain.Id, none)))!.SlaCountFrom.ShouldBeNull();

        await InScope(async services =>
        {
            var store = services.GetRequiredService<IRequestTaskStore>();
            var found = (await store.FindAsync(task.Id, none))!;
            found.RaiseAlert(SlaAlertLevel.Overdue);
            found.RecordReminder(2);
            found.RecordJointMeeting(At("2026-03-09T16:00:00+08:00"));
            found.AddWorkingDays(3);
            found.Rebase(5);
            found.Pause("等待纳税人补充资料", At("2026-03-10T09:00:00+08:00"));
            await store.UpdateAsync(found, none);
        });

        var stored = (await WithStore(store => store.FindAsync(task.Id, none)))!;
        (stored.SlaCountFrom, stored.SlaWorkingDays, stored.SlaAddedWorkingDays, stored.AlertLevel, stored.RemindersSent, stored.EscalatedAt, stored.PausedAt, stored.PauseReason, stored.IsPaused)
            .ShouldBe(((DateOnly?)Day("2026-03-02"), 5, 3, SlaAlertLevel.Overdue, 2, (DateTimeOffset?)At("2026-03-09T08:00:00Z"), (DateTimeOffset?)At("2026-03-10T01:00:00Z"), "等待纳税人补充资料", true));
        stored.Version.ShouldBe(2L);

        await using var db = Database.CreateContext();
        (await db.Database.SqlQuery<string>($"SELECT \"AlertLevel\" AS \"Value\" FROM \"RequestTasks\" WHERE \"Id\" = {task.Id}").SingleAsync()).ShouldBe("Overdue");
    }

    [ContractFact]
    public async Task Open_tasks_with_a_deadline_come_by_bureau_and_step_in_id_order_batch_after_batch()
    {
        var bureau = await SeedBureauAsync();
        var other = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        var foreignRequest = await RegisterRequestAsync(other);
        var unit = bureau.Unit.Id;
        var handling = Enumerable.Range(1, 3).Select(i => CountedTask(request, unit, title: $"办理{i}")).ToArray();
        var feedback = CountedTask(request, unit, SlaStep.Feedback, "结果反馈");
        var withoutCount = NewTask(request, unit, dueAt: At("2026-03-04T16:00:00Z"), title: "no count");
        var completed = CountedTask(request, unit, title: "completed");
        completed.Complete(Guid.NewGuid(), "Resolved", null, Time.GetUtcNow());
        var cancelled = CountedTask(request, unit, title: "cancelled");
        cancelled.Cancel(Time.GetUtcNow());
        var foreign = CountedTask(foreignRequest, other.Unit.Id, title: "other bureau's");
        foreach (var task in handling.Append(feedback).Append(withoutCount).Append(completed).Append(cancelled).Append(foreign))
        {
            await AddAsync(task);
        }

        Task<IReadOnlyList<Guid>> List(OpenTaskBatch batch) => WithStore(store => store.ListOpenWithDeadlineAsync(batch, none));

        var all = InIdOrder([.. handling, feedback]);
        (await List(new OpenTaskBatch([bureau.Id], null, null, 100))).ShouldBe(all);
        (await List(new OpenTaskBatch([bureau.Id], SlaStep.Handling, null, 100))).ShouldBe(InIdOrder(handling));
        (await List(new OpenTaskBatch([bureau.Id], SlaStep.Feedback, null, 100))).ShouldBe([feedback.Id]);
        (await List(new OpenTaskBatch([bureau.Id, other.Id], null, null, int.MaxValue))).ShouldBe(InIdOrder([.. handling, feedback, foreign]));

        var first = await List(new OpenTaskBatch([bureau.Id], null, null, 3));
        first.ShouldBe(all.Take(3));
        var next = await List(new OpenTaskBatch([bureau.Id], null, first[^1], 3));
        next.ShouldBe(all.Skip(3));
        (await List(new OpenTaskBatch([bureau.Id], null, next[^1], 3))).ShouldBeEmpty();

        // Tracked: re-planned in the scope that read them, saved at once.
        await InScope(async services =>
        {
            var store = services.GetRequiredService<IRequestTaskStore>();
            var batch = await store.FindManyAsync(await store.ListOpenWithDeadlineAsync(new OpenTaskBatch([bureau.Id], SlaStep.Handling, null, 100), none), none);
            foreach (var task in batch)
            {
                task.Rebase(7);
            }

            await store.UpdateManyAsync(batch.ToList(), none);
        });
        (await WithStore(store => store.ListByRequestAsync(request.Id, none))).Where(t => t.Title.StartsWith("办理", StringComparison.Ordinal))
            .Select(t => (t.SlaWorkingDays, t.Version)).ShouldBe([(7, 2L), (7, 2L), (7, 2L)]);
    }

    [ContractFact]
    public async Task Saving_many_tasks_when_one_changed_meanwhile_is_a_conflict_and_saves_none()
    {
        var bureau = await SeedBureauAsync();
        var request = await RegisterRequestAsync(bureau);
        var (kept, completed) = (CountedTask(request, bureau.Unit.Id, title: "kept"), CountedTask(request, bureau.Unit.Id, title: "completed"));
        await AddAsync(kept);
        await AddAsync(completed);

        await using var replanning = Services.CreateAsyncScope();
        var replanningStore = replanning.ServiceProvider.GetRequiredService<IRequestTaskStore>();
        var batch = await replanningStore.FindManyAsync(await replanningStore.ListOpenWithDeadlineAsync(new OpenTaskBatch([bureau.Id], null, null, 100), none), none);
        batch.Count.ShouldBe(2);

        await InScope(async services =>
        {
            var store = services.GetRequiredService<IRequestTaskStore>();
            var task = (await store.FindAsync(completed.Id, none))!;
            task.Complete(Guid.NewGuid(), "Resolved", null, Time.GetUtcNow());
            await store.UpdateAsync(task, none);
        });

        foreach (var task in batch)
        {
            task.AddWorkingDays(1);
        }

        await Should.ThrowAsync<ConcurrencyConflictException>(() => replanningStore.UpdateManyAsync(batch.ToList(), none));

        var stored = await WithStore(store => store.ListByRequestAsync(request.Id, none));
        stored.Select(t => (t.Title, t.SlaAddedWorkingDays, t.Status, t.Version))
            .ShouldBe([("kept", 0, RequestTaskStatus.Open, 1L), ("completed", 0, RequestTaskStatus.Completed, 2L)], ignoreOrder: true);
    }
}

public sealed class RequestTaskStoreOnSqlite(SqliteDatabaseFixture fixture) : RequestTaskStoreContract(fixture), IClassFixture<SqliteDatabaseFixture>;

[RequiresPostgreSql]
public sealed class RequestTaskStoreOnPostgreSql(PostgreSqlDatabaseFixture fixture) : RequestTaskStoreContract(fixture), IClassFixture<PostgreSqlDatabaseFixture>;
