using System.Net;
using System.Net.Http.Json;
using Bpm.Domain.Requests;
using Bpm.Domain.Tasks;
using Bpm.Server.Api;
using Bpm.Testing;
using Shouldly;
using Xunit;

namespace Bpm.Server.Tests.WebUi.RequestPage;

/// <summary>
/// The request page at Xiantao (clock Mon 2026-03-02 10:00 Shanghai; handling 2 WD, extensions up to 5 WD): what it shows,
/// and every action on an open task done through its forms, as the people of the task's unit (policy workflow:
/// 受理登记 by the hall → 分派 by 纳服科 → 办理 by 所得税科 → 结果反馈 → 回访 → closed).
/// </summary>
public sealed class RequestPageTests : IDisposable
{
    private static readonly Dictionary<(string Unit, string Role), string> People = new()
    {
        [("nsfwzx", "Handler")] = "xt.hall",
        [("nsfwk", "Handler")] = "xt.dispatcher",
        [("nsfwk", "Approver")] = "xt.approver",
        [("sdsk", "Handler")] = "xt.handler",
    };

    private readonly ManualTimeProvider _time = new(ApiClient.Now);
    private readonly BpmServerFactory _factory;
    private readonly WorkflowDriver _driver;
    private readonly Dictionary<string, HttpClient> _web = [];

    public RequestPageTests()
    {
        _factory = new BpmServerFactory(time: _time);
        _driver = new WorkflowDriver(_factory);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }

    [Fact]
    public async Task The_page_shows_the_registration_the_open_task_its_deadline_and_the_journal_in_Chinese()
    {
        var created = await RegisterAsync();

        var html = await (await WebAsync("xt.dispatcher")).PageAsync(Page(created.Id));

        WebClient.TextOf(html, "request-number").ShouldBe(created.Number);
        WebClient.TextOf(html, "request-status").ShouldBe("已登记");
        var registration = WebClient.TextOf(html, "request-registration");
        registration.ShouldContain("仙桃市某某科技有限公司");
        registration.ShouldContain("91350100M000100Y43");
        registration.ShouldContain("政策落实类");
        registration.ShouldContain("12366纳税缴费服务热线");
        registration.ShouldContain("制造业");
        registration.ShouldContain("小微企业");
        registration.ShouldContain("2026-03-02 09:00");
        WebClient.TextOf(html, "request-text").ShouldContain("额度不足");
        var position = WebClient.TextOf(html, "request-open-tasks");
        position.ShouldContain("受理登记");
        position.ShouldContain("纳税服务中心");
        position.ShouldContain("未认领");
        WebClient.TextOf(html, "request-journal").ShouldContain("受理登记");
        html.ShouldNotContain("complete-", Case.Sensitive, "纳服科 may read but not act on the hall's task");
    }

    [Fact]
    public async Task Another_bureaus_request_and_an_unknown_id_answer_404_without_data()
    {
        var created = await RegisterAsync();
        var ulanqab = await _factory.WebSignedInAsync("wlcb.handler");

        var foreign = await ulanqab.PageAsync(Page(created.Id), HttpStatusCode.NotFound);
        var unknown = await (await WebAsync("xt.hall")).PageAsync(Page(Guid.NewGuid()), HttpStatusCode.NotFound);

        foreign.ShouldContain("request-not-found");
        foreign.ShouldNotContain(created.Number);
        foreign.ShouldNotContain("仙桃市某某科技有限公司");
        unknown.ShouldContain("没有找到该内容");
        (await ulanqab.PostAsJsonAsync($"/api/requests/{created.Id}/notes", new { text = "x" })).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        var apiUlanqab = await _factory.SignedInAsync("wlcb.handler");
        (await apiUlanqab.GetAsync($"/api/requests/{created.Id}/notes")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await apiUlanqab.PostAsJsonAsync($"/api/requests/{created.Id}/notes", new { text = "越权备注" })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Claiming_shows_the_claimer_and_completing_moves_the_request_along_the_normal_path_to_closed()
    {
        var created = await RegisterAsync();
        var register = await OpenTaskAsync(created.Id);

        var claimed = await ActAsync("xt.hall", created.Id, "claim", register.Id);
        claimed.Headers.Location!.ToString().ShouldEndWith($"/requests/{created.Id}?done=claimed");
        var afterClaim = await (await WebAsync("xt.hall")).PageAsync(claimed.Headers.Location!.ToString());
        WebClient.TextOf(afterClaim, "request-done").ShouldBe("已认领该任务。");
        WebClient.TextOf(afterClaim, "request-open-tasks").ShouldContain("仙桃 办税服务厅");
        afterClaim.ShouldNotContain($"claim-{register.Id:N}");

        (await ActAsync("xt.hall", created.Id, "complete", register.Id, ("outcome", "Transfer"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var dispatch = await OpenTaskAsync(created.Id);
        dispatch.Title.ShouldBe("分派");
        var handling = await CompleteOnPageAsync(dispatch, "Dispatched", ("data.leadUnit", (await _driver.UnitAsync("sdsk")).ToString()));
        handling.Title.ShouldBe("办理");
        var feedback = await CompleteOnPageAsync(handling, "Resolved", ("data.result", "已为纳税人调整发票额度"));
        feedback.Title.ShouldBe("结果反馈");
        var revisit = await CompleteOnPageAsync(feedback, "Done", ("data.method", "电话"), ("data.content", "已电话告知办理结果"));
        revisit.Title.ShouldBe("回访");
        (await ActAsync(Owner(revisit), created.Id, "complete", revisit.Id, ("outcome", "Satisfied"), ("data.satisfaction", "满意")))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var closed = await (await WebAsync("xt.hall")).PageAsync(Page(created.Id));
        WebClient.TextOf(closed, "request-status").ShouldBe("已归档");
        WebClient.TextOf(closed, "request-position").ShouldContain("当前没有待办任务");
        var journal = WebClient.TextOf(closed, "request-journal");
        foreach (var step in new[] { "受理登记", "分派", "办理", "结果反馈", "回访" })
        {
            journal.ShouldContain(step);
        }

        journal.ShouldContain("仙桃 所得税科");
        journal.ShouldContain("办结");
    }

    [Fact]
    public async Task A_refused_completion_shows_the_reason_keeps_the_input_and_changes_nothing()
    {
        var handling = await ToHandlingAsync();

        var refused = await ActAsync("xt.handler", handling.RequestId, "complete", handling.Id, ("outcome", "Extend"), ("data.days", "1"), ("data.reason", ""));

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await refused.Content.ReadAsStringAsync();
        html.ShouldContain("请填写“原因”");
        html.ShouldContain("value=\"1\"");
        (await OpenTaskAsync(handling.RequestId)).Id.ShouldBe(handling.Id);

        var tooLong = await ActAsync("xt.handler", handling.RequestId, "complete", handling.Id, ("outcome", "Extend"), ("data.days", "9"), ("data.reason", "需外部门协查"));
        tooLong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLong.Content.ReadAsStringAsync()).ShouldContain("需外部门协查");
        (await OpenTaskAsync(handling.RequestId)).Id.ShouldBe(handling.Id);
    }

    [Fact]
    public async Task An_extension_asked_on_the_page_and_approved_moves_the_due_date_with_a_history_row()
    {
        var handling = await ToHandlingAsync();
        var oldDue = handling.DueDate!.Value;

        var approval = await CompleteOnPageAsync(handling, "Extend", ("data.days", "3"), ("data.reason", "需外部门协查"));
        approval.Role.ShouldBe("Approver");
        var approverPage = await (await WebAsync("xt.approver")).PageAsync(Page(handling.RequestId));
        approverPage.ShouldContain("data-outcome=\"Approved\"");
        approverPage.ShouldContain(">同意</button>");
        approverPage.ShouldContain(">不同意</button>");

        var reopened = await CompleteOnPageAsync(approval, "Approved");

        reopened.Title.ShouldBe("办理");
        reopened.DueDate!.Value.ShouldBeGreaterThan(oldDue);
        var html = await (await WebAsync("xt.handler")).PageAsync(Page(handling.RequestId));
        var history = WebClient.TextOf(html, "request-deadline-changes");
        history.ShouldContain("延期获批");
        history.ShouldContain(oldDue.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        history.ShouldContain(reopened.DueDate.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        history.ShouldContain("仙桃 纳服科科长");
    }

    [Fact]
    public async Task An_approver_rejecting_must_give_an_opinion()
    {
        var handling = await ToHandlingAsync();
        var approval = await CompleteOnPageAsync(handling, "Extend", ("data.days", "2"), ("data.reason", "需外部门协查"));

        var refused = await ActAsync("xt.approver", handling.RequestId, "complete", approval.Id, ("outcome", "Rejected"));

        (await refused.Content.ReadAsStringAsync()).ShouldContain("请填写“审批意见”");
        (await CompleteOnPageAsync(approval, "Rejected", ("data.opinion", "材料齐全，应按期办结"))).Title.ShouldBe("办理");
    }

    [Fact]
    public async Task Transferring_needs_a_reason_and_then_moves_the_task_to_the_other_unit()
    {
        var handling = await ToHandlingAsync();
        var service = await _driver.UnitAsync("nsfwk");

        var refused = await ActAsync("xt.handler", handling.RequestId, "transfer", handling.Id, ("unit", service.ToString()), ("reason", " "));
        (await refused.Content.ReadAsStringAsync()).ShouldContain("转办须说明原因");
        (await OpenTaskAsync(handling.RequestId)).Unit!.Code.ShouldBe("sdsk");

        var moved = await ActAsync("xt.handler", handling.RequestId, "transfer", handling.Id, ("unit", service.ToString()), ("reason", "属纳服科职责"));

        moved.Headers.Location!.ToString().ShouldEndWith("?done=transferred");
        (await OpenTaskAsync(handling.RequestId)).Unit!.Code.ShouldBe("nsfwk");
        WebClient.TextOf(await (await WebAsync("xt.handler")).PageAsync(Page(handling.RequestId)), "request-journal").ShouldContain("属纳服科职责");
    }

    [Fact]
    public async Task Pausing_the_clock_needs_a_reason_shows_it_paused_and_resuming_restarts_it()
    {
        var handling = await ToHandlingAsync();

        (await (await ActAsync("xt.handler", handling.RequestId, "pause", handling.Id, ("pauseReason", ""))).Content.ReadAsStringAsync())
            .ShouldContain("暂停计时须说明原因");
        var paused = await ActAsync("xt.handler", handling.RequestId, "pause", handling.Id, ("pauseReason", "等待纳税人补充资料"));

        paused.Headers.Location!.ToString().ShouldEndWith("?done=paused");
        var html = await (await WebAsync("xt.handler")).PageAsync(Page(handling.RequestId));
        WebClient.TextOf(html, "request-open-tasks").ShouldContain("暂停计时");
        html.ShouldContain("等待纳税人补充资料");
        (await OpenTaskAsync(handling.RequestId)).PausedAt.ShouldNotBeNull();

        (await ActAsync("xt.handler", handling.RequestId, "resume", handling.Id)).Headers.Location!.ToString().ShouldEndWith("?done=resumed");
        (await OpenTaskAsync(handling.RequestId)).PausedAt.ShouldBeNull();
    }

    [Fact]
    public async Task A_stale_completion_says_someone_else_was_first()
    {
        var created = await RegisterAsync();
        var register = await OpenTaskAsync(created.Id);
        var hall = await WebAsync("xt.hall");
        var path = Page(created.Id);
        var before = await hall.PageAsync(path);
        (await ActAsync("xt.hall", created.Id, "complete", register.Id, ("outcome", "Transfer"))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var stale = await hall.SubmitAsync(path, before, $"complete-{register.Id:N}", [new("outcome", "Transfer")]);

        stale.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await stale.Content.ReadAsStringAsync()).ShouldContain("该事项已被他人处理，请刷新后重试。");
        (await _driver.RequestAsync(created.Id)).Tasks!.Count(t => t.ActivityType == "Bpm.Dispatch").ShouldBe(1);
    }

    [Fact]
    public async Task Any_reader_adds_a_note_an_empty_one_is_refused_and_the_api_lists_them()
    {
        var created = await RegisterAsync();
        var analyst = await WebAsync("xt.analyst");
        var path = Page(created.Id);

        var empty = await analyst.SubmitAsync(path, await analyst.PageAsync(path), "note", [new("noteText", "  ")]);
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await empty.Content.ReadAsStringAsync()).ShouldContain("备注内容不能为空");

        var added = await analyst.SubmitAsync(path, await analyst.PageAsync(path), "note", [new("noteText", "已电话联系纳税人，约定周三补充资料")]);
        added.Headers.Location!.ToString().ShouldEndWith("?done=noted");
        var notes = WebClient.TextOf(await analyst.PageAsync(path), "request-note-list");
        notes.ShouldContain("已电话联系纳税人，约定周三补充资料");
        notes.ShouldContain("仙桃 分析员");
        notes.ShouldContain("2026-03-02 10:00");

        var api = await _factory.SignedInAsync("xt.handler");
        _time.Advance(TimeSpan.FromMinutes(5));
        (await api.PostAsJsonAsync($"/api/requests/{created.Id}/notes", new { text = "" })).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await api.PostAsJsonAsync($"/api/requests/{created.Id}/notes", new { text = "纳税人已补充资料" })).StatusCode.ShouldBe(HttpStatusCode.Created);
        var listed = await api.GetFromJsonAsync<List<RequestNoteDto>>($"/api/requests/{created.Id}/notes", ApiClient.Json);
        listed.ShouldNotBeNull().Select(n => n.Text).ShouldBe(["已电话联系纳税人，约定周三补充资料", "纳税人已补充资料"]);
        listed![1].AuthorName.ShouldBe("仙桃 所得税科");
    }

    [Fact]
    public async Task The_page_and_its_outcomes_read_in_English_when_chosen()
    {
        var handling = await ToHandlingAsync();
        var english = await _factory.WebSignedInAsync("xt.handler", "en");

        var html = await english.PageAsync(Page(handling.RequestId));

        html.ShouldContain("<html lang=\"en\">");
        html.ShouldContain("Registration");
        html.ShouldContain(">Request extension</button>");
        html.ShouldContain(">Resolved</button>");
        html.ShouldContain("Policy");
        var inbox = await english.PageAsync("/inbox");
        inbox.ShouldContain("My tasks");
        InboxRows(inbox).ShouldHaveSingleItem().ShouldContain("办理");
    }

    private static List<string> InboxRows(string html) => Inbox.InboxPageTests.Rows(html);

    private static string Page(Guid requestId) => $"/requests/{requestId}";

    private static string Owner(TaskDto task) => People[(task.Unit!.Code, task.Role)];

    private async Task<HttpClient> WebAsync(string userName)
    {
        if (!_web.TryGetValue(userName, out var client))
        {
            client = await _factory.WebSignedInAsync(userName);
            _web[userName] = client;
        }

        return client;
    }

    private async Task<RequestDto> RegisterAsync() =>
        await (await _driver.As("xt.hall")).RegisterAsync(ApiClient.Registration(
            "POLICY", ("creditCode", "91350100M000100Y43"), ("industry", "制造业"), ("size", "SmallMicro")));

    private async Task<TaskDto> OpenTaskAsync(Guid requestId) => await _driver.OpenTaskAsync(requestId);

    /// <summary>Posts the action form of a task on the request page as <paramref name="userName"/>; the answer as it came.</summary>
    private async Task<HttpResponseMessage> ActAsync(string userName, Guid requestId, string action, Guid taskId, params (string Name, string Value)[] fields)
    {
        var web = await WebAsync(userName);
        var path = Page(requestId);
        return await web.SubmitAsync(path, await web.PageAsync(path), $"{action}-{taskId:N}", fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)));
    }

    /// <summary>Completes the task on the page as its unit's person; must redirect back; returns the task now open.</summary>
    private async Task<TaskDto> CompleteOnPageAsync(TaskDto task, string outcome, params (string Name, string Value)[] data)
    {
        var response = await ActAsync(Owner(task), task.RequestId, "complete", task.Id, [("outcome", outcome), .. data]);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.ToString().ShouldEndWith("?done=completed");
        return await OpenTaskAsync(task.RequestId);
    }

    private async Task<TaskDto> ToHandlingAsync()
    {
        var created = await RegisterAsync();
        var dispatch = (await _driver.CompleteOkAsync(created.Tasks!.Single(), "Transfer")).OpenTasks.Single();
        return (await _driver.CompleteOkAsync(dispatch, "Dispatched")).OpenTasks.Single();
    }
}
