using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Tasks;
using Bpm.Application.Requests;
using Bpm.Application.Workflows;
using Bpm.Engine.Model;
using Bpm.Engine.Stores;
using Bpm.Persistence;
using Microsoft.Extensions.DependencyInjection;
using Bpm.Server.Api;
using Bpm.Testing;

namespace Bpm.Server.Tests;

/// <summary>
/// Requests run their type's workflow to closure over the API, at Xiantao (handling 2 WD, at most 5 WD with
/// extensions, feedback 1 WD). The clock stands at Mon 2026-03-02 10:00 in Shanghai.
/// </summary>
public sealed class WorkflowApiTests : IDisposable
{
    private readonly BpmServerFactory _factory = new(time: new ManualTimeProvider(ApiClient.Now));

    public static TheoryData<string, string> Types => new()
    {
        { "POLICY", "policy" }, { "ENFORCEMENT", "enforcement" }, { "SERVICE", "service" },
        { "IT", "it" }, { "LEGAL-REMEDY", "legal-remedy" }, { "OTHER", "other" },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public Task Each_type_runs_to_closure_along_the_first_outcomes_on_SQLite(string category, string definitionId) =>
        RunsToClosureAsync(_factory, category, definitionId);

    [PostgresTheory]
    [MemberData(nameof(Types))]
    public async Task Each_type_runs_to_closure_along_the_first_outcomes_on_PostgreSql(string category, string definitionId)
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        using var factory = new BpmServerFactory(
            new Dictionary<string, string?> { ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = database.Options.ConnectionString },
            time: new ManualTimeProvider(ApiClient.Now));
        await RunsToClosureAsync(factory, category, definitionId);
    }

    [Fact]
    public Task Concurrent_registrations_all_succeed_with_distinct_numbers_on_SQLite() => ConcurrentRegistrationsAsync(_factory);

    [PostgresFact]
    public async Task Concurrent_registrations_all_succeed_with_distinct_numbers_on_PostgreSql()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        using var factory = new BpmServerFactory(
            new Dictionary<string, string?> { ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = database.Options.ConnectionString },
            time: new ManualTimeProvider(ApiClient.Now));
        await ConcurrentRegistrationsAsync(factory);
    }

    [Fact]
    public async Task Registration_starts_the_workflow_with_the_first_task_and_its_deadline()
    {
        var driver = new WorkflowDriver(_factory);

        var created = await (await driver.As("xt.hall")).RegisterAsync(ApiClient.Registration("POLICY"));

        created.WorkflowDefinitionId.ShouldBe("policy");
        created.WorkflowDefinitionVersion.ShouldBe(1);
        created.WorkflowInstanceId.ShouldNotBeNullOrEmpty();
        var first = created.Tasks!.ShouldHaveSingleItem();
        first.Title.ShouldBe("受理登记");
        first.Unit!.Code.ShouldBe("nsfwzx");
        first.SlaStep.ShouldBe(SlaStep.Transfer);
        // Received Mon 03-02: 1 WD (Transfer) → Tue 03-03, passing at 24:00 Shanghai = 16:00 UTC.
        first.DueDate.ShouldBe(new DateOnly(2026, 3, 3));
        first.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 3, 16, 0, 0, TimeSpan.Zero));
        created.Deadlines!.ShouldHaveSingleItem().DueAt.ShouldBe(first.DueAt);
        created.Journal!.Select(j => j.ActivityType).ShouldBe(["Elsa.Start", "Bpm.HumanTask"]);
    }

    [Fact]
    public async Task The_inbox_shows_my_units_tasks_least_time_left_first_and_not_other_units()
    {
        var driver = new WorkflowDriver(_factory);
        var hall = await driver.As("xt.hall");
        var early = await hall.RegisterAsync(ApiClient.Registration("POLICY"));
        var later = await hall.RegisterAsync(ApiClient.Registration("SERVICE"));

        var inbox = await hall.GetFromJsonAsync<TaskPageDto>("/api/tasks", ApiClient.Json);
        var handlerInbox = await (await driver.As("xt.handler")).GetFromJsonAsync<TaskPageDto>("/api/tasks", ApiClient.Json);

        inbox!.Items.Select(t => t.RequestId).ShouldBe([early.Id, later.Id], ignoreOrder: true);
        inbox.Items.ShouldAllBe(t => t.WorkingDaysLeft == 1 && !t.Overdue);
        inbox.Items[0].Request!.Number.ShouldStartWith("XT-2026-");
        handlerInbox!.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_extension_within_the_cap_moves_the_handling_deadline_from_the_current_due_date()
    {
        var driver = new WorkflowDriver(_factory);
        var handling = await ToHandlingAsync(driver);
        // Handling opened Mon 03-02: 2 WD → Wed 03-04.
        handling.DueDate.ShouldBe(new DateOnly(2026, 3, 4));

        var over = await driver.CompleteAsync(handling, "Extend", new JsonObject { ["days"] = 4, ["reason"] = "需外部门协查" });
        (await over.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["data.days"]);

        var asked = await driver.CompleteOkAsync(handling, "Extend", new JsonObject { ["days"] = 3, ["reason"] = "需外部门协查" });
        var approval = asked.OpenTasks.ShouldHaveSingleItem();
        approval.Title.ShouldContain("延期3个工作日");
        approval.Role.ShouldBe("Approver");
        var handlerTries = await driver.CompleteAsync(approval, "Approved", client: await driver.As("xt.handler"));
        handlerTries.StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var approved = await driver.CompleteOkAsync(approval, "Approved");

        // Xiantao: 2 WD + at most 3 WD of extension; counted from Wed 03-04: Thu 05, Fri 06, Mon 09.
        var again = approved.OpenTasks.ShouldHaveSingleItem();
        again.Title.ShouldBe("办理");
        again.DueDate.ShouldBe(new DateOnly(2026, 3, 9));
        var more = await driver.CompleteAsync(again, "Extend", new JsonObject { ["days"] = 1, ["reason"] = "仍需协查" });
        (await more.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("data.days")[0].GetString()!.ShouldContain("本次最多0个工作日");
    }

    [Fact]
    public async Task Ulanqab_extensions_are_capped_at_20_days_and_asked_at_least_2_working_days_before_due()
    {
        var clock = new ManualTimeProvider(ApiClient.Now);
        using var factory = new BpmServerFactory(time: clock);
        var driver = new WorkflowDriver(factory, "ulanqab");
        var created = await (await driver.As("wlcb.dispatcher")).RegisterAsync(ApiClient.Registration("ZCYW"));
        var dispatch = (await driver.CompleteOkAsync(created.Tasks!.Single(), "Transfer")).OpenTasks.Single();
        var handling = (await driver.CompleteOkAsync(dispatch, "Dispatched")).OpenTasks.Single();
        // Ulanqab handles in 10 WD: opened Mon 03-02 → Mon 03-16.
        handling.DueDate.ShouldBe(new DateOnly(2026, 3, 16));

        var tooLong = await driver.CompleteAsync(handling, "Extend", new JsonObject { ["days"] = 21, ["reason"] = "跨部门协调" });
        (await tooLong.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("data.days")[0].GetString()!.ShouldContain("延期最长20个工作日");

        // Fri 03-13: only Mon 03-16 is left before due — less than the 2 WD the policy asks for.
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 13, 2, 0, 0, TimeSpan.Zero));
        driver.SignInAgain();
        var late = await driver.CompleteAsync(handling, "Extend", new JsonObject { ["days"] = 2, ["reason"] = "跨部门协调" });
        (await late.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("outcome")[0].GetString()!.ShouldContain("至少2个工作日");

        // Thu 03-12: Fri 13 and Mon 16 are left — in time.
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 12, 2, 0, 0, TimeSpan.Zero));
        var approval = (await driver.CompleteOkAsync(handling, "Extend", new JsonObject { ["days"] = 2, ["reason"] = "跨部门协调" })).OpenTasks.Single();
        approval.Unit!.Code.ShouldBe("nsfwk");
        var extended = (await driver.CompleteOkAsync(approval, "Approved")).OpenTasks.Single();

        // 2 WD from the current due date Mon 03-16: Tue 17, Wed 18.
        extended.DueDate.ShouldBe(new DateOnly(2026, 3, 18));
        extended.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 18, 16, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task An_objection_within_two_working_days_goes_to_review_and_can_be_redispatched()
    {
        var driver = new WorkflowDriver(_factory);
        var handling = await ToHandlingAsync(driver);

        var objected = await driver.CompleteOkAsync(handling, "Object", new JsonObject { ["reason"] = "不属于本单位职责" });
        var review = objected.OpenTasks.ShouldHaveSingleItem();
        review.Title.ShouldBe("异议审核");
        review.Unit!.Code.ShouldBe("nsfwk"); // Xiantao has no joint-meeting office: its tax-service department decides
        var redispatched = await driver.CompleteOkAsync(review, "Redispatch");

        redispatched.OpenTasks.ShouldHaveSingleItem().ActivityType.ShouldBe("Bpm.Dispatch");
        redispatched.Request.Status.ShouldBe(RequestStatus.Dispatched);
    }

    [Fact]
    public async Task A_poor_revisit_sends_the_request_back_for_re_handling_without_extension()
    {
        var driver = new WorkflowDriver(_factory);
        var handling = await ToHandlingAsync(driver);
        var feedback = (await driver.CompleteOkAsync(handling, "Resolved")).OpenTasks.Single();
        var revisit = (await driver.CompleteOkAsync(feedback, "Done")).OpenTasks.Single();
        revisit.Title.ShouldBe("回访");

        var mismatch = await driver.CompleteAsync(revisit, "Unsatisfied", new JsonObject { ["satisfaction"] = "满意" });
        (await mismatch.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["data.satisfaction"]);
        var poor = await driver.CompleteOkAsync(revisit, "Unsatisfied", new JsonObject { ["satisfaction"] = "不满意" });

        poor.Request.Status.ShouldBe(RequestStatus.Rehandling);
        var rehandle = poor.OpenTasks.ShouldHaveSingleItem();
        rehandle.Title.ShouldBe("重新办理");
        rehandle.SlaStep.ShouldBe(SlaStep.Rehandle);
        rehandle.Outcomes.ShouldBe(["Resolved"]);
        var extend = await driver.CompleteAsync(rehandle, "Extend", new JsonObject { ["days"] = 1, ["reason"] = "x" });
        (await extend.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["outcome"]);

        var again = (await driver.CompleteOkAsync(rehandle, "Resolved")).OpenTasks.Single();
        again.Title.ShouldBe("结果反馈");
    }

    [Fact]
    public async Task A_running_request_stays_on_its_version_when_a_new_one_is_published()
    {
        var driver = new WorkflowDriver(_factory);
        var hall = await driver.As("xt.hall");
        var before = await hall.RegisterAsync(ApiClient.Registration("POLICY"));
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            var catalog = scope.ServiceProvider.GetRequiredService<WorkflowCatalog>();
            var store = scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>();
            var v2 = (await store.FindPublishedAsync("policy", CancellationToken.None))!.Clone();
            foreach (var activity in new ActivityJson(v2.Root!).Activities.Where(a => a.Type == "Bpm.Dispatch"))
            {
                activity.Json["title"] = new JsonObject
                {
                    ["typeName"] = "String",
                    ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "分派（第二版）" },
                };
            }

            (await catalog.ImportAsNewVersionAsync(v2, CancellationToken.None)).ShouldBe(2);
        }

        var after = await hall.RegisterAsync(ApiClient.Registration("POLICY"));
        var oldDispatch = (await driver.CompleteOkAsync(before.Tasks!.Single(), "Transfer")).OpenTasks.Single();
        var newDispatch = (await driver.CompleteOkAsync(after.Tasks!.Single(), "Transfer")).OpenTasks.Single();

        (before.WorkflowDefinitionVersion, after.WorkflowDefinitionVersion).ShouldBe((1, 2));
        oldDispatch.Title.ShouldBe("分派");
        newDispatch.Title.ShouldBe("分派（第二版）");
    }

    [Fact]
    public async Task A_version_published_on_another_node_is_the_one_the_next_registration_on_this_node_starts()
    {
        var driver = new WorkflowDriver(_factory);
        var hall = await driver.As("xt.hall");
        var before = await hall.RegisterAsync(ApiClient.Registration("POLICY"));
        using (var otherNode = new BpmServerFactory(databaseFile: _factory.DatabaseFile, time: new ManualTimeProvider(ApiClient.Now)))
        {
            await using var scope = otherNode.Services.CreateAsyncScope();
            var store = scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>();
            var v2 = (await store.FindPublishedAsync("policy", CancellationToken.None))!.Clone();
            foreach (var activity in new ActivityJson(v2.Root!).Activities.Where(a => a.Type == "Bpm.Dispatch"))
            {
                activity.Json["title"] = new JsonObject
                {
                    ["typeName"] = "String",
                    ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = "分派（另一节点发布）" },
                };
            }

            (await scope.ServiceProvider.GetRequiredService<WorkflowCatalog>().ImportAsNewVersionAsync(v2, CancellationToken.None)).ShouldBe(2);
        }

        // This node had v1's graph at hand; the next registration asks which version is published and compiles v2.
        var after = await hall.RegisterAsync(ApiClient.Registration("POLICY"));
        var again = await hall.RegisterAsync(ApiClient.Registration("POLICY"));

        (before.WorkflowDefinitionVersion, after.WorkflowDefinitionVersion, again.WorkflowDefinitionVersion).ShouldBe((1, 2, 2));
        (await driver.CompleteOkAsync(before.Tasks!.Single(), "Transfer")).OpenTasks.Single().Title.ShouldBe("分派");
        (await driver.CompleteOkAsync(after.Tasks!.Single(), "Transfer")).OpenTasks.Single().Title.ShouldBe("分派（另一节点发布）");
        (await driver.CompleteOkAsync(again.Tasks!.Single(), "Transfer")).OpenTasks.Single().Title.ShouldBe("分派（另一节点发布）");
    }

    [Fact]
    public async Task Answered_on_the_spot_closes_the_request_from_the_first_task()
    {
        var driver = new WorkflowDriver(_factory);
        var created = await (await driver.As("xt.hall")).RegisterAsync(ApiClient.Registration("SERVICE"));
        var register = created.Tasks!.Single();

        var missing = await driver.CompleteAsync(register, "AnsweredOnTheSpot", new JsonObject());
        (await missing.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["data.answer"]);
        var done = await driver.CompleteOkAsync(register, "AnsweredOnTheSpot", new JsonObject { ["answer"] = "已当场解答开票流程" });

        done.Request.Status.ShouldBe(RequestStatus.Closed);
        done.OpenTasks.ShouldBeEmpty();
    }

    [Fact]
    public async Task Claiming_and_transferring_a_task_move_it_between_people_and_units_with_a_journal_line()
    {
        var driver = new WorkflowDriver(_factory);
        var handling = await ToHandlingAsync(driver);
        var handler = await driver.As("xt.handler");

        (await handler.PostAsync($"/api/tasks/{handling.Id}/claim", null)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var otherClaim = await (await driver.As("xt.dispatcher")).PostAsync($"/api/tasks/{handling.Id}/claim", null);
        otherClaim.StatusCode.ShouldBe(HttpStatusCode.Forbidden); // not of the task's unit

        var noReason = await handler.PostAsJsonAsync($"/api/tasks/{handling.Id}/transfer", new { unit = await driver.UnitAsync("hwk") });
        (await noReason.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["reason"]);
        var moved = await handler.PostAsJsonAsync($"/api/tasks/{handling.Id}/transfer", new { unit = await driver.UnitAsync("hwk"), reason = "属货物和劳务税事项" });
        moved.StatusCode.ShouldBe(HttpStatusCode.OK, await moved.Content.ReadAsStringAsync());

        var task = (await moved.Content.ReadFromJsonAsync<TaskDto>(ApiClient.Json))!;
        task.Unit!.Code.ShouldBe("hwk");
        task.ClaimedBy.ShouldBeNull();
        (await handler.GetFromJsonAsync<TaskPageDto>("/api/tasks", ApiClient.Json))!.Items.ShouldBeEmpty();
        var request = await driver.RequestAsync(handling.RequestId);
        request.Journal!.Last().Message!.ShouldContain("转办至货物和劳务税科：属货物和劳务税事项");
    }

    [Fact]
    public async Task An_unsolvable_item_goes_to_the_joint_meeting_and_comes_back_handled()
    {
        var driver = new WorkflowDriver(_factory);
        var handling = await ToHandlingAsync(driver);

        var escalated = await driver.CompleteOkAsync(handling, "Unsolvable", new JsonObject { ["reason"] = "涉及多部门政策口径" });
        escalated.Request.Status.ShouldBe(RequestStatus.Escalated);
        var meeting = escalated.OpenTasks.ShouldHaveSingleItem();
        meeting.Title.ShouldBe("联席会议研究");
        meeting.SlaStep.ShouldBe(SlaStep.EscalateUnsolvable);

        var decided = await driver.CompleteOkAsync(meeting, "Resolved");

        decided.Request.Status.ShouldBe(RequestStatus.Handled);
        decided.OpenTasks.ShouldHaveSingleItem().Title.ShouldBe("结果反馈");
    }

    [Fact]
    public async Task A_long_term_policy_proposal_is_parked_and_resumed_to_dispatch()
    {
        var driver = new WorkflowDriver(_factory);
        var created = await (await driver.As("xt.hall")).RegisterAsync(ApiClient.Registration("POLICY"));
        var dispatch = (await driver.CompleteOkAsync(created.Tasks!.Single(), "Transfer")).OpenTasks.Single();
        dispatch.Outcomes.ShouldBe(["Dispatched", "Park"]);

        var parked = await driver.CompleteOkAsync(dispatch, "Park");
        parked.Request.Status.ShouldBe(RequestStatus.Parked);
        var waiting = parked.OpenTasks.ShouldHaveSingleItem();
        waiting.Title.ShouldBe("长期跟踪");
        waiting.DueAt.ShouldBeNull();

        var resumed = await driver.CompleteOkAsync(waiting, "Resumed", new JsonObject { ["note"] = "系统已升级，条件具备" });
        resumed.OpenTasks.ShouldHaveSingleItem().ActivityType.ShouldBe("Bpm.Dispatch");
    }

    [Fact]
    public async Task A_reconsideration_request_is_handed_over_the_taxpayer_told_and_the_request_closed()
    {
        var driver = new WorkflowDriver(_factory);
        var created = await (await driver.As("xt.hall")).RegisterAsync(ApiClient.Registration("LEGAL-REMEDY"));
        var dispatch = (await driver.CompleteOkAsync(created.Tasks!.Single(), "Transfer")).OpenTasks.Single();

        var handedOver = await driver.CompleteOkAsync(dispatch, "HandOver");
        handedOver.Request.Status.ShouldBe(RequestStatus.Reconsideration);
        var notify = handedOver.OpenTasks.ShouldHaveSingleItem();
        notify.Title.ShouldBe("告知纳税人转入行政复议程序");
        var done = await driver.CompleteOkAsync(notify, "Done");

        done.Request.Status.ShouldBe(RequestStatus.Closed);
        done.OpenTasks.ShouldBeEmpty();
    }

    [Fact]
    public async Task Two_concurrent_completions_of_one_task_succeed_exactly_once()
    {
        var driver = new WorkflowDriver(_factory);
        var created = await (await driver.As("xt.hall")).RegisterAsync(ApiClient.Registration("POLICY"));
        var register = created.Tasks!.Single();
        var first = await driver.As("xt.hall");
        var second = _factory.CreateClient();
        second.DefaultRequestHeaders.Authorization = first.DefaultRequestHeaders.Authorization;

        var responses = await Task.WhenAll(
            driver.CompleteAsync(register, "Transfer", client: first),
            driver.CompleteAsync(register, "Transfer", client: second));

        responses.Select(r => r.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var request = await driver.RequestAsync(created.Id);
        request.Tasks!.Count(t => t.ActivityType == "Bpm.Dispatch").ShouldBe(1);
        request.Status.ShouldBe(RequestStatus.Transferred);
    }

    [Fact]
    public async Task Bad_outcomes_other_units_and_other_bureaus_change_nothing()
    {
        var driver = new WorkflowDriver(_factory);
        var created = await (await driver.As("xt.hall")).RegisterAsync(ApiClient.Registration("POLICY"));
        var register = created.Tasks!.Single();

        var unknown = await driver.CompleteAsync(register, "Teleport", new JsonObject());
        (await unknown.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["outcome"]);
        var otherUnit = await driver.CompleteAsync(register, "Transfer", client: await driver.As("xt.handler"));
        otherUnit.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var otherBureau = await driver.CompleteAsync(register, "Transfer", client: await _factory.SignedInAsync("wlcb.dispatcher"));
        otherBureau.StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var after = await driver.RequestAsync(created.Id);
        after.Status.ShouldBe(RequestStatus.Registered);
        after.Tasks!.ShouldHaveSingleItem().Status.ShouldBe(RequestTaskStatus.Open);
    }

    private static async Task ConcurrentRegistrationsAsync(BpmServerFactory factory)
    {
        var hall = await factory.SignedInAsync("xt.hall");

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => hall.PostAsJsonAsync("/api/requests", ApiClient.Registration("POLICY"))));

        foreach (var response in responses)
        {
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }

        var numbers = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<RequestDto>(ApiClient.Json))!.Number));
        numbers.Order().ShouldBe(Enumerable.Range(1, 12).Select(i => $"XT-2026-{i:D6}"));
        (await hall.GetFromJsonAsync<TaskPageDto>("/api/tasks?pageSize=50", ApiClient.Json))!.TotalCount.ShouldBe(12);
    }

    private static async Task RunsToClosureAsync(BpmServerFactory factory, string category, string definitionId)
    {
        var driver = new WorkflowDriver(factory);
        var created = await (await driver.As("xt.hall")).RegisterAsync(ApiClient.Registration(category));
        created.WorkflowDefinitionId.ShouldBe(definitionId);

        var done = await driver.FollowFirstOutcomesAsync(created.Id);

        done.ShouldBe(["受理登记", "分派", "办理", "结果反馈", "回访"]);
        var closed = await driver.RequestAsync(created.Id);
        closed.Status.ShouldBe(RequestStatus.Closed);
        closed.ClosedAt.ShouldNotBeNull();
        closed.Tasks!.ShouldAllBe(t => t.Status == RequestTaskStatus.Completed);
        closed.Journal!.Select(j => j.ActivityType).ShouldContain("Bpm.CloseRequest");
        closed.Journal!.Last().ActivityType.ShouldBe("Elsa.End");

        // The facts the dashboard counts were kept on the way: handled in time, fed back, the revisit's outcome.
        await using var scope = factory.Services.CreateAsyncScope();
        var facts = (await scope.ServiceProvider.GetRequiredService<ITaxpayerRequestStore>().FindAsync(created.Id, CancellationToken.None))!;
        facts.HandledLate.ShouldBeFalse();
        facts.RespondedAt.ShouldBe(closed.Tasks!.Single(t => t.Title == "结果反馈").CompletedAt);
        facts.RevisitOutcome.ShouldBe(closed.Tasks!.Single(t => t.Title == "回访").Outcome);
    }

    /// <summary>Registers a policy request and completes 受理登记 and 分派 (lead unit 所得税科); returns the handling task.</summary>
    private static async Task<TaskDto> ToHandlingAsync(WorkflowDriver driver)
    {
        var created = await (await driver.As("xt.hall")).RegisterAsync(ApiClient.Registration("POLICY"));
        var dispatch = (await driver.CompleteOkAsync(created.Tasks!.Single(), "Transfer")).OpenTasks.Single();
        var handling = (await driver.CompleteOkAsync(dispatch, "Dispatched")).OpenTasks.Single();
        handling.Title.ShouldBe("办理");
        handling.Unit!.Code.ShouldBe("sdsk");
        return handling;
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
