using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Bpm.Domain.Sla;
using Bpm.Server.Api;
using Bpm.Testing;

namespace Bpm.Server.Tests;

/// <summary>
/// Administrators change SLA lines and calendar days of their bureau subtree over <c>/api/admin</c>, and open deadlines
/// follow. The handling task is dispatched Wed 2026-09-30 10:00 in Shanghai: Xiantao's 2 WD end Fri 10-09 24:00
/// (10-09T16:00Z), because 10-01…10-07 are rest days; one more working day is Sat 10-10, a make-up working day.
/// </summary>
public sealed class SlaAdministrationApiTests : IDisposable
{
    private static readonly DateTimeOffset Dispatched = At("2026-09-30T02:00:00Z");

    /// <summary>Xiantao's handling ladder, sent with every change so that the task keeps its timers.</summary>
    private static readonly object StandardLadder = new
    {
        warnBefore = new { amount = 1, unit = "WorkingDays" }, escalateAtDue = true, remindEveryWorkingDays = 1, maxReminders = 3,
    };

    private readonly ManualTimeProvider _clock = new(Dispatched);
    private readonly BpmServerFactory _factory;
    private readonly WorkflowDriver _driver;

    public SlaAdministrationApiTests()
    {
        _factory = new BpmServerFactory(time: _clock);
        _driver = new WorkflowDriver(_factory);
    }

    [Fact]
    public async Task Xiantao_policy_shows_its_own_handling_line_and_the_revisit_line_inherited_from_national()
    {
        var policy = await PolicyAsync("xt.admin", "xiantao", "Policy");

        policy.Bureau.Code.ShouldBe("xiantao");
        var type = policy.Types.ShouldHaveSingleItem();
        type.TypeName.ShouldBe("政策落实类");
        var handling = type.Steps.Single(s => s.Step == SlaStep.Handling);
        (handling.WorkingDays, handling.Own, handling.FromBureau, handling.StepName).ShouldBe((2, true, "xiantao", "办理"));
        handling.Ladder!.WarnBefore!.Amount.ShouldBe(1);
        var revisit = type.Steps.Single(s => s.Step == SlaStep.Revisit);
        (revisit.WorkingDays, revisit.Own, revisit.FromBureau).ShouldBe((5, false, "national"));
        policy.OwnLines.Select(l => l.Step).ShouldContain(SlaStep.Handling);
        policy.OwnLines.ShouldNotContain(l => l.Step == SlaStep.Revisit);
    }

    [Fact]
    public async Task Changing_xiantao_handling_to_3_WD_moves_the_open_handling_deadline_one_working_day_with_its_timers_and_audits_it()
    {
        var handling = await ToHandlingAsync();
        handling.DueAt.ShouldBe(At("2026-10-09T16:00:00Z"));

        var change = await OkAsync<SlaChangeDto>(await (await _driver.As("xt.admin")).PutAsJsonAsync(
            "/api/admin/bureaus/xiantao/sla-policy/Handling", new { workingDays = 3, ladder = StandardLadder }));

        (change.Replan, change.DeadlinesMoved, change.Replaced).ShouldBe(("Open", 1, true));
        change.TasksExamined.ShouldBeGreaterThanOrEqualTo(1);
        change.Line!.WorkingDays.ShouldBe(3);
        var request = await _driver.RequestAsync(handling.RequestId);
        var moved = request.Tasks!.Single(t => t.Id == handling.Id);
        (moved.DueDate, moved.DueAt).ShouldBe((new DateOnly(2026, 10, 10), At("2026-10-10T16:00:00Z")));
        var audit = request.DeadlineChanges.ShouldHaveSingleItem();
        (audit.TaskId, audit.OldDueDate, audit.NewDueDate, audit.Cause).ShouldBe((handling.Id, new DateOnly(2026, 10, 9), new DateOnly(2026, 10, 10), "PolicyChange"));
        audit.Reason.ShouldContain("办理");
        audit.ActorUserId.ShouldBe(await UserIdAsync("xt.admin"));
        request.Timers!.Single(t => t.TaskId == handling.Id && t.Status == "Pending" && t.Kind == "Overdue").DueAt.ShouldBe(At("2026-10-10T16:00:00Z"));

        // Idempotent: the same line again moves nothing.
        var again = await OkAsync<SlaChangeDto>(await (await _driver.As("xt.admin")).PutAsJsonAsync(
            "/api/admin/bureaus/xiantao/sla-policy/Handling", new { workingDays = 3, ladder = StandardLadder }));
        again.DeadlinesMoved.ShouldBe(0);
    }

    [Fact]
    public async Task NewOnly_leaves_open_deadlines_alone()
    {
        var handling = await ToHandlingAsync();

        var change = await OkAsync<SlaChangeDto>(await (await _driver.As("xt.admin")).PutAsJsonAsync(
            "/api/admin/bureaus/xiantao/sla-policy/Handling?replan=NewOnly", new { workingDays = 3, ladder = StandardLadder }));

        (change.Replan, change.DeadlinesMoved, change.TasksExamined).ShouldBe(("NewOnly", 0, 0));
        var request = await _driver.RequestAsync(handling.RequestId);
        request.Tasks!.Single(t => t.Id == handling.Id).DueAt.ShouldBe(At("2026-10-09T16:00:00Z"));
        request.DeadlineChanges!.ShouldBeEmpty();
        (await PolicyAsync("xt.admin", "xiantao", "Policy")).Types[0].Steps.Single(s => s.Step == SlaStep.Handling).WorkingDays.ShouldBe(3);
    }

    [Fact]
    public async Task An_override_at_jining_changes_neither_ulanqab_nor_xiantao()
    {
        var change = await OkAsync<SlaChangeDto>(await (await _driver.As("wlcb.admin")).PutAsJsonAsync(
            "/api/admin/bureaus/jining/sla-policy/Handling?type=Policy", new { workingDays = 7, cutOff = "17:30" }));
        change.Replaced.ShouldBeFalse();

        var jining = (await PolicyAsync("wlcb.admin", "jining", "Policy")).Types[0].Steps.Single(s => s.Step == SlaStep.Handling);
        (jining.WorkingDays, jining.Own, jining.ForAllTypes, jining.CutOff).ShouldBe((7, true, false, "17:30"));
        var jiningOther = (await PolicyAsync("wlcb.admin", "jining", "Service")).Types[0].Steps.Single(s => s.Step == SlaStep.Handling);
        (jiningOther.WorkingDays, jiningOther.FromBureau).ShouldBe((10, "ulanqab"));
        var ulanqab = (await PolicyAsync("wlcb.admin", "ulanqab", "Policy")).Types[0].Steps.Single(s => s.Step == SlaStep.Handling);
        (ulanqab.WorkingDays, ulanqab.Own, ulanqab.CutOff).ShouldBe((10, true, null));
        var xiantao = (await PolicyAsync("admin", "xiantao", "Policy")).Types[0].Steps.Single(s => s.Step == SlaStep.Handling);
        (xiantao.WorkingDays, xiantao.FromBureau).ShouldBe((2, "xiantao"));
    }

    [Fact]
    public async Task Outside_the_subtree_is_404_and_without_the_admin_role_403()
    {
        var wlcb = await _driver.As("wlcb.admin");
        (await wlcb.GetAsync("/api/admin/bureaus/xiantao/sla-policy")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wlcb.PutAsJsonAsync("/api/admin/bureaus/xiantao/sla-policy/Handling", new { workingDays = 9 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await wlcb.GetAsync("/api/admin/bureaus/xiantao/calendar?year=2026")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await _driver.As("xt.admin")).GetAsync("/api/admin/bureaus/national/sla-policy")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var handler = await _driver.As("xt.handler");
        (await handler.GetAsync("/api/admin/bureaus/xiantao/sla-policy")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await handler.PutAsJsonAsync("/api/admin/bureaus/xiantao/sla-policy/Handling", new { workingDays = 9 })).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await handler.PutAsJsonAsync("/api/admin/bureaus/xiantao/calendar/2026-10-09", new { isWorkingDay = false, name = "防汛" }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await PolicyAsync("xt.admin", "xiantao", "Policy")).Types[0].Steps.Single(s => s.Step == SlaStep.Handling).WorkingDays.ShouldBe(2);
    }

    [Theory]
    [InlineData("Handling", "", """{"workingDays":-1}""", "workingDays")]
    [InlineData("Handlng", "", """{"workingDays":3}""", "step")]
    [InlineData("Handling", "?type=Tax", """{"workingDays":3}""", "type")]
    [InlineData("Handling", "?replan=Later", """{"workingDays":3}""", "replan")]
    [InlineData("Handling", "", """{"workingDays":3,"cutOff":"25:00"}""", "cutOff")]
    [InlineData("Handling", "", """{"workingDays":3,"ladder":{"escalateAtDue":true,"remindEveryWorkingDays":1,"maxReminders":99}}""", "ladder.maxReminders")]
    [InlineData("Handling", "", """{"workingDays":3,"ladder":{"warnBefore":{"amount":1,"unit":"Weeks"},"maxReminders":0}}""", "ladder.warnBefore.unit")]
    [InlineData("Handling", "", """{"workingDays":3,"capBasis":"ExtensionOnly"}""", "capBasis")]
    [InlineData("Handling", "", """{}""", "workingDays")]
    public async Task Bad_input_answers_400_naming_the_field_and_changes_nothing(string step, string query, string body, string field)
    {
        var handling = await ToHandlingAsync();
        var admin = await _driver.As("xt.admin");

        var response = await admin.PutAsync($"/api/admin/bureaus/xiantao/sla-policy/{step}{query}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldContain(field);
        (await PolicyAsync("xt.admin", "xiantao", "Policy")).Types[0].Steps.Single(s => s.Step == SlaStep.Handling).WorkingDays.ShouldBe(2);
        var request = await _driver.RequestAsync(handling.RequestId);
        request.DeadlineChanges!.ShouldBeEmpty();
    }

    [Fact]
    public async Task Removing_an_own_line_inherits_again_but_the_root_line_cannot_be_removed()
    {
        var admin = await _driver.As("admin");
        var refused = await (await admin.DeleteAsync("/api/admin/bureaus/national/sla-policy/Handling")).ProblemAsync(HttpStatusCode.BadRequest);
        refused.ErrorFields().ShouldBe(["step"]);
        (await (await _driver.As("xt.admin")).DeleteAsync("/api/admin/bureaus/xiantao/sla-policy/Revisit")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var removed = await OkAsync<SlaChangeDto>(await (await _driver.As("xt.admin")).DeleteAsync("/api/admin/bureaus/xiantao/sla-policy/Transfer"));

        (removed.Line, removed.Replaced).ShouldBe((null, true));
        var transfer = (await PolicyAsync("xt.admin", "xiantao", "Policy")).Types[0].Steps.Single(s => s.Step == SlaStep.Transfer);
        (transfer.Own, transfer.FromBureau).ShouldBe((false, "national"));
    }

    [Fact]
    public async Task A_closure_on_the_due_date_moves_the_deadline_to_the_next_working_day_and_removing_it_moves_it_back()
    {
        var handling = await ToHandlingAsync();
        var admin = await _driver.As("xt.admin");

        var closed = await OkAsync<CalendarDayChangeDto>(await admin.PutAsJsonAsync(
            "/api/admin/bureaus/xiantao/calendar/2026-10-09", new { isWorkingDay = false, name = "防汛" }));

        (closed.DeadlinesMoved, closed.Replan, closed.Day!.Source, closed.Day.Own).ShouldBe((1, "Open", "xiantao", true));
        var request = await _driver.RequestAsync(handling.RequestId);
        request.Tasks!.Single(t => t.Id == handling.Id).DueAt.ShouldBe(At("2026-10-10T16:00:00Z"));
        var audit = request.DeadlineChanges.ShouldHaveSingleItem();
        (audit.Cause, audit.NewDueDate).ShouldBe(("CalendarChange", new DateOnly(2026, 10, 10)));
        audit.Reason.ShouldContain("防汛");

        var calendar = (await admin.GetFromJsonAsync<BureauCalendarDto>("/api/admin/bureaus/xiantao/calendar?year=2026", ApiClient.Json))!;
        calendar.Provisional.ShouldBeFalse();
        var day = calendar.Days.Single(d => d.Date == new DateOnly(2026, 10, 9));
        (day.IsWorkingDay, day.Name, day.Source, day.Own).ShouldBe((false, "防汛", "xiantao", true));
        calendar.Days.Single(d => d.Date == new DateOnly(2026, 10, 10)).ShouldSatisfyAllConditions(
            d => d.Source.ShouldBe("national"), d => d.IsWorkingDay.ShouldBeTrue());

        // Ulanqab's calendar does not see Xiantao's closure.
        var ulanqab = (await (await _driver.As("wlcb.admin")).GetFromJsonAsync<BureauCalendarDto>("/api/admin/bureaus/ulanqab/calendar?year=2026", ApiClient.Json))!;
        ulanqab.Days.ShouldNotContain(d => d.Date == new DateOnly(2026, 10, 9));

        var reopened = await OkAsync<CalendarDayChangeDto>(await admin.DeleteAsync("/api/admin/bureaus/xiantao/calendar/2026-10-09"));
        reopened.DeadlinesMoved.ShouldBe(1);
        (await _driver.RequestAsync(handling.RequestId)).Tasks!.Single(t => t.Id == handling.Id).DueAt.ShouldBe(At("2026-10-09T16:00:00Z"));
    }

    [Theory]
    [InlineData("2026-02-30", """{"isWorkingDay":false,"name":"防汛"}""", "date")]
    [InlineData("2026-10-09", """{"isWorkingDay":false,"name":""}""", "name")]
    [InlineData("2026-10-09", """{"name":"防汛"}""", "isWorkingDay")]
    [InlineData("2026-10-09", """{"isWorkingDay":false,"name":"防汛","replan":"Sometimes"}""", "replan")]
    public async Task A_bad_calendar_day_answers_400_naming_the_field(string date, string body, string field)
    {
        var response = await (await _driver.As("xt.admin")).PutAsync(
            $"/api/admin/bureaus/xiantao/calendar/{date}", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldContain(field);
        var calendar = (await (await _driver.As("xt.admin")).GetFromJsonAsync<BureauCalendarDto>("/api/admin/bureaus/xiantao/calendar?year=2026", ApiClient.Json))!;
        calendar.Days.ShouldNotContain(d => d.Own);
    }

    [Fact]
    public async Task Importing_a_2027_notice_makes_its_dates_final_and_moves_a_provisional_deadline_off_its_holiday()
    {
        // Registered Thu 2026-12-31 10:00: the transfer step's 1 WD ends Fri 2027-01-01, provisionally (no 2027 notice yet).
        _clock.SetUtcNow(At("2026-12-31T02:00:00Z"));
        var created = await (await _driver.As("xt.hall")).RegisterAsync(ApiClient.Registration("POLICY", ("receivedAt", At("2026-12-31T01:00:00Z"))));
        var first = created.Tasks!.Single();
        (first.DueDate, first.DueIsProvisional).ShouldBe((new DateOnly(2027, 1, 1), true));
        var admin = await _driver.As("admin");
        (await (await _driver.As("xt.admin")).PostAsJsonAsync("/api/admin/calendar/notices", Notice2027())).StatusCode.ShouldBe(HttpStatusCode.Forbidden);

        var imported = await OkAsync<NoticeImportDto>(await admin.PostAsJsonAsync("/api/admin/calendar/notices", Notice2027()));

        (imported.Year, imported.Days, imported.Replaced, imported.LastPublishedYear).ShouldBe((2027, 4, null, 2027));
        imported.DeadlinesMoved.ShouldBeGreaterThanOrEqualTo(1);
        var task = (await _driver.RequestAsync(created.Id)).Tasks!.Single(t => t.Id == first.Id);
        (task.DueDate, task.DueIsProvisional).ShouldBe((new DateOnly(2027, 1, 4), false));
        var calendar = (await admin.GetFromJsonAsync<BureauCalendarDto>("/api/admin/bureaus/xiantao/calendar?year=2027", ApiClient.Json))!;
        calendar.Provisional.ShouldBeFalse();
        calendar.Days.Single(d => d.Date == new DateOnly(2027, 1, 1)).ShouldSatisfyAllConditions(d => d.Source.ShouldBe("national"), d => d.Name.ShouldBe("元旦"));

        var again = await OkAsync<NoticeImportDto>(await admin.PostAsJsonAsync("/api/admin/calendar/notices", Notice2027()));
        (again.Replaced, again.DeadlinesMoved).ShouldBe(("imported", 0));
        (await OkAsync<NoticeImportDto>(await admin.PostAsync("/api/admin/calendar/notices?replan=NewOnly",
            new StringContent(await File.ReadAllTextAsync(Reference2026()), System.Text.Encoding.UTF8, "application/json")))).Replaced.ShouldBe("embedded");
    }

    [Theory]
    [InlineData("""{"year":2029,"papers":["https://www.gov.cn/x"],"days":[{"name":"元旦","date":"2029-01-01","isOffDay":true}]}""", "year")]
    [InlineData("""{"year":2027,"papers":[],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}""", "papers")]
    [InlineData("""{"year":2027,"papers":["https://www.gov.cn/x"],"days":[]}""", "days")]
    [InlineData("""{"year":2027,"papers":["https://www.gov.cn/x"],"days":[{"name":"元旦","date":"2027-13-01","isOffDay":true}]}""", "days[0].date")]
    [InlineData("""{"year":2027,"papers":["https://www.gov.cn/x"],"days":[{"name":"国庆","date":"2026-10-01","isOffDay":true}]}""", "days[0].date")]
    [InlineData("""{"year":2027,"papers":["https://www.gov.cn/x"],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true},{"name":"元旦","date":"2027-01-01","isOffDay":true}]}""", "days[1].date")]
    [InlineData("""{"year":2027,"papers":["https://www.gov.cn/x"],"days":[{"name":" ","date":"2027-01-01","isOffDay":true}]}""", "days[0].name")]
    [InlineData("""{"year":2027,"papers":["https://www.gov.cn/x"],"days":[{"name":"元旦","date":"2027-01-01"}]}""", "days[0].isOffDay")]
    [InlineData("""{"papers":["https://www.gov.cn/x"],"days":[{"name":"元旦","date":"2027-01-01","isOffDay":true}]}""", "year")]
    public async Task A_bad_notice_answers_400_naming_the_member_and_imports_nothing(string document, string field)
    {
        var admin = await _driver.As("admin");

        var response = await admin.PostAsync("/api/admin/calendar/notices", new StringContent(document, System.Text.Encoding.UTF8, "application/json"));

        (await response.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldContain(field);
        (await admin.GetFromJsonAsync<BureauCalendarDto>("/api/admin/bureaus/national/calendar?year=2027", ApiClient.Json))!.Provisional.ShouldBeTrue();
    }

    /// <summary>A made-up 2027 notice for the test (no real one exists yet): New Year Fri 01-01, a make-up Sunday, two Spring Festival days.</summary>
    private static JsonObject Notice2027() => new()
    {
        ["year"] = 2027,
        ["papers"] = new JsonArray("https://www.gov.cn/zhengce/test-2027"),
        ["days"] = new JsonArray(
            new JsonObject { ["name"] = "元旦", ["date"] = "2027-01-01", ["isOffDay"] = true },
            new JsonObject { ["name"] = "春节", ["date"] = "2027-02-07", ["isOffDay"] = false },
            new JsonObject { ["name"] = "春节", ["date"] = "2027-02-08", ["isOffDay"] = true },
            new JsonObject { ["name"] = "春节", ["date"] = "2027-02-09", ["isOffDay"] = true }),
    };

    /// <summary>The reference copy of holiday-cn's 2026.json (MIT, see LICENSE.holiday-cn beside it).</summary>
    private static string Reference2026()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Bpm.sln")))
            {
                return Path.Combine(dir.FullName, "tests", "Bpm.Server.Tests", "Data", "holidays-2026.json");
            }
        }

        throw new FileNotFoundException("checkout root not found");
    }

    private async Task<TaskDto> ToHandlingAsync()
    {
        var created = await (await _driver.As("xt.hall")).RegisterAsync(ApiClient.Registration("POLICY", ("receivedAt", Dispatched.AddHours(-1))));
        var dispatch = (await _driver.CompleteOkAsync(created.Tasks!.Single(), "Transfer")).OpenTasks.Single();
        var handling = (await _driver.CompleteOkAsync(dispatch, "Dispatched")).OpenTasks.Single();
        handling.Title.ShouldBe("办理");
        return handling;
    }

    private async Task<SlaPolicyViewDto> PolicyAsync(string user, string bureau, string type) =>
        await OkAsync<SlaPolicyViewDto>(await (await _driver.As(user)).GetAsync($"/api/admin/bureaus/{bureau}/sla-policy?type={type}"));

    private static async Task<T> OkAsync<T>(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>(ApiClient.Json))!;
    }

    private async Task<Guid> UserIdAsync(string userName) =>
        (await (await _driver.As(userName)).GetFromJsonAsync<JsonObject>("/api/me", ApiClient.Json))!["id"]!.GetValue<Guid>();

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
