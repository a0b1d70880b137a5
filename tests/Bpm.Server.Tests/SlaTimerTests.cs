using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bpm.Application.Timers;
using Bpm.Domain.Tasks;
using Bpm.Server.Api;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests;

/// <summary>
/// A Xiantao handling task across National Day 2026 (10-01…10-07 rest days, Sat 10-10 a make-up working day), on fake time.
/// Dispatched Wed 09-30 10:00 in Shanghai, 2 WD → due Fri 10-09 24:00 (10-09T16:00Z). Xiantao's handling ladder: warn 1 WD
/// ahead (Thu 10-08 24:00), red at due, a reminder every working day after (Sat 10-10, Mon 10-12, Tue 10-13), three at most.
/// Timers fire only when the test applies what is due at the fake instant, as the scheduler's job does.
/// </summary>
public sealed class SlaTimerTests : IDisposable
{
    private static readonly DateTimeOffset Dispatched = At("2026-09-30T02:00:00Z");

    private readonly ManualTimeProvider _clock = new(Dispatched);
    private readonly BpmServerFactory _factory;
    private readonly WorkflowDriver _driver;

    public SlaTimerTests()
    {
        _factory = new BpmServerFactory(time: _clock);
        _driver = new WorkflowDriver(_factory);
    }

    [Fact]
    public async Task Warning_red_escalation_and_reminders_fire_at_their_instants_across_National_Day_and_only_once()
    {
        var handling = await ToHandlingAsync();
        handling.DueAt.ShouldBe(At("2026-10-09T16:00:00Z"));
        (await PendingTimersAsync(handling)).ShouldBe(
        [
            ("Warning", 0, At("2026-10-08T16:00:00Z")),
            ("Overdue", 0, At("2026-10-09T16:00:00Z")),
            ("Reminder", 1, At("2026-10-10T16:00:00Z")),
            ("Reminder", 2, At("2026-10-12T16:00:00Z")),
            ("Reminder", 3, At("2026-10-13T16:00:00Z")),
        ]);

        (await ApplyDueAtAsync("2026-10-08T15:59:59Z")).ShouldBe(0);
        (await TaskAsync(handling)).AlertLevel.ShouldBe(SlaAlertLevel.None);

        (await ApplyDueAtAsync("2026-10-08T16:00:00Z")).ShouldBe(1);
        (await TaskAsync(handling)).AlertLevel.ShouldBe(SlaAlertLevel.Warning);
        var handlerNotices = await NoticesAsync("xt.handler");
        handlerNotices.ShouldHaveSingleItem().Kind.ShouldBe("Warning");
        handlerNotices[0].Text.ShouldContain("【预警】");
        handlerNotices[0].Text.ShouldContain("2026-10-09 24:00");

        (await ApplyDueAtAsync("2026-10-09T16:00:00Z")).ShouldBe(1);
        var red = await TaskAsync(handling);
        (red.AlertLevel, red.Overdue).ShouldBe((SlaAlertLevel.Overdue, true));
        (await NoticesAsync("xt.approver")).Select(n => n.Kind).ShouldBe(["Overdue"]);
        (await NoticesAsync("xt.handler")).Select(n => n.Kind).ShouldBe(["Warning"], "the handler sees the task red; 督办 goes to the supervisors");

        // Sat 10-10 is a working day (make-up for National Day), Sun 10-11 is not.
        (await ApplyDueAtAsync("2026-10-11T23:00:00Z")).ShouldBe(1);
        (await TaskAsync(handling)).RemindersSent.ShouldBe(1);
        (await ApplyDueAtAsync("2026-10-12T16:00:00Z")).ShouldBe(1);
        (await ApplyDueAtAsync("2026-10-13T16:00:00Z")).ShouldBe(1);
        (await TaskAsync(handling)).RemindersSent.ShouldBe(3);

        // Nothing applies twice, however often the job runs.
        (await ApplyDueAtAsync("2026-10-20T00:00:00Z")).ShouldBe(0);
        (await NoticesAsync("xt.handler")).Count(n => n.Kind == "Reminder").ShouldBe(3);
        var request = await _driver.RequestAsync(handling.RequestId);
        request.Journal!.Where(j => j.ActivityType == SlaJournal.ActivityType).Select(j => j.Status)
            .ShouldBe(["Warning", "Overdue", "Reminder", "Reminder", "Reminder"]);
        request.Timers!.Where(t => t.TaskId == handling.Id).ShouldAllBe(t => t.Status == "Applied");
    }

    [Fact]
    public async Task An_approved_extension_moves_the_deadline_and_its_timers_and_is_audited()
    {
        var handling = await ToHandlingAsync();
        _clock.SetUtcNow(At("2026-10-08T02:00:00Z"));
        _driver.SignInAgain();
        var approval = (await _driver.CompleteOkAsync(handling, "Extend", new JsonObject { ["days"] = 3, ["reason"] = "需外部门协查" })).OpenTasks.Single();
        (await PendingTimersAsync(handling)).ShouldBeEmpty();

        var reopened = (await _driver.CompleteOkAsync(approval, "Approved")).OpenTasks.Single();

        // 3 WD on from Fri 10-09: Sat 10-10 (make-up), Mon 10-12, Tue 10-13.
        reopened.DueAt.ShouldBe(At("2026-10-13T16:00:00Z"));
        (await PendingTimersAsync(reopened)).ShouldBe(
        [
            ("Warning", 0, At("2026-10-12T16:00:00Z")),
            ("Overdue", 0, At("2026-10-13T16:00:00Z")),
            ("Reminder", 1, At("2026-10-14T16:00:00Z")),
            ("Reminder", 2, At("2026-10-15T16:00:00Z")),
            ("Reminder", 3, At("2026-10-16T16:00:00Z")),
        ]);
        (await ApplyDueAtAsync("2026-10-09T16:00:00Z")).ShouldBe(0);
        (await TaskAsync(reopened)).AlertLevel.ShouldBe(SlaAlertLevel.None);

        var change = (await _driver.RequestAsync(handling.RequestId)).DeadlineChanges.ShouldHaveSingleItem();
        (change.TaskId, change.OldDueDate, change.NewDueDate, change.Cause).ShouldBe((reopened.Id, new DateOnly(2026, 10, 9), new DateOnly(2026, 10, 13), "Extension"));
        (change.OldDueAt, change.NewDueAt).ShouldBe((At("2026-10-09T16:00:00Z"), At("2026-10-13T16:00:00Z")));
        change.Reason.ShouldContain("需外部门协查");
        change.ActorUserId.ShouldBe(await UserIdAsync("xt.approver"));
    }

    [Fact]
    public async Task A_rejected_extension_keeps_the_deadline_and_the_original_timers()
    {
        var handling = await ToHandlingAsync();
        _clock.SetUtcNow(At("2026-10-08T02:00:00Z"));
        _driver.SignInAgain();
        var approval = (await _driver.CompleteOkAsync(handling, "Extend", new JsonObject { ["days"] = 2, ["reason"] = "需外部门协查" })).OpenTasks.Single();

        var reopened = (await _driver.CompleteOkAsync(approval, "Rejected", new JsonObject { ["opinion"] = "理由不充分" })).OpenTasks.Single();

        reopened.DueAt.ShouldBe(At("2026-10-09T16:00:00Z"));
        (await PendingTimersAsync(reopened)).Select(t => t.At).ShouldBe(
            [At("2026-10-08T16:00:00Z"), At("2026-10-09T16:00:00Z"), At("2026-10-10T16:00:00Z"), At("2026-10-12T16:00:00Z"), At("2026-10-13T16:00:00Z")]);
        (await _driver.RequestAsync(handling.RequestId)).DeadlineChanges.ShouldBeEmpty();
    }

    [Fact]
    public async Task An_extension_asked_after_the_deadline_is_refused_with_the_reason_and_changes_nothing()
    {
        var handling = await ToHandlingAsync();
        _clock.SetUtcNow(At("2026-10-09T16:00:00Z"));
        _driver.SignInAgain();

        var late = await _driver.CompleteAsync(handling, "Extend", new JsonObject { ["days"] = 1, ["reason"] = "需外部门协查" });

        (await late.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("outcome")[0].GetString()!.ShouldContain("办理期限 2026-10-09 已过");
        (await TaskAsync(handling)).Status.ShouldBe(RequestTaskStatus.Open);
        (await PendingTimersAsync(handling)).Count.ShouldBe(5, "no timer was applied yet, none was cancelled");
    }

    [Fact]
    public async Task A_paused_clock_fires_nothing_and_resuming_adds_the_paused_working_days()
    {
        var handling = await ToHandlingAsync();
        _clock.SetUtcNow(At("2026-10-08T02:00:00Z"));
        _driver.SignInAgain();
        var handler = await _driver.As("xt.handler");
        var noReason = await handler.PostAsJsonAsync($"/api/tasks/{handling.Id}/pause", new { reason = " " });
        (await noReason.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["reason"]);

        (await handler.PostAsJsonAsync($"/api/tasks/{handling.Id}/pause", new { reason = "等待纳税人补充资料" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PendingTimersAsync(handling)).ShouldBeEmpty();
        (await ApplyDueAtAsync("2026-10-10T16:00:00Z")).ShouldBe(0);
        (await TaskAsync(handling)).AlertLevel.ShouldBe(SlaAlertLevel.None);

        // Resumed Mon 10-12 10:00: Thu 10-08, Fri 10-09 and Sat 10-10 (make-up) were paused → 2 + 3 WD from Wed 09-30 = Tue 10-13.
        _clock.SetUtcNow(At("2026-10-12T02:00:00Z"));
        _driver.SignInAgain();
        handler = await _driver.As("xt.handler");
        var resumed = await handler.PostAsync($"/api/tasks/{handling.Id}/resume", null);
        resumed.StatusCode.ShouldBe(HttpStatusCode.OK, await resumed.Content.ReadAsStringAsync());
        var task = (await resumed.Content.ReadFromJsonAsync<TaskDto>(ApiClient.Json))!;
        (task.DueDate, task.PausedAt).ShouldBe((new DateOnly(2026, 10, 13), null));
        (await PendingTimersAsync(handling)).Select(t => t.Kind).ShouldBe(["Warning", "Overdue", "Reminder", "Reminder", "Reminder"]);
        (await PendingTimersAsync(handling))[1].At.ShouldBe(At("2026-10-13T16:00:00Z"));
        var change = (await _driver.RequestAsync(handling.RequestId)).DeadlineChanges.ShouldHaveSingleItem();
        (change.Cause, change.OldDueDate, change.NewDueDate).ShouldBe(("PauseResumed", new DateOnly(2026, 10, 9), new DateOnly(2026, 10, 13)));
        change.Reason.ShouldContain("3个工作日");

        // Asked for an extension later, the handling clock still counts the pause: 10-13 + 1 → Wed 10-14.
        var approval = (await _driver.CompleteOkAsync(await TaskAsync(handling), "Extend", new JsonObject { ["days"] = 1, ["reason"] = "需外部门协查" })).OpenTasks.Single();
        (await _driver.CompleteOkAsync(approval, "Approved")).OpenTasks.Single().DueDate.ShouldBe(new DateOnly(2026, 10, 14));
    }

    [Fact]
    public async Task Completing_a_task_cancels_its_timers()
    {
        var handling = await ToHandlingAsync();
        var next = (await _driver.CompleteOkAsync(handling, "Resolved")).OpenTasks.Single();

        (await PendingTimersAsync(handling)).ShouldBeEmpty();
        (await _driver.RequestAsync(handling.RequestId)).Timers!.Where(t => t.TaskId == handling.Id).ShouldAllBe(t => t.Status == "Cancelled");
        (await PendingTimersAsync(next)).ShouldNotBeEmpty("the feedback task has its own ladder");
        var dueByFriday = (await PendingTimersAsync(next)).Count(t => t.At <= At("2026-10-09T16:00:00Z"));
        dueByFriday.ShouldBe(3, "the feedback task (1 WD → Thu 10-08 24:00): warned 4 working hours ahead, red at due, first reminder Fri 10-09 24:00");
        (await ApplyDueAtAsync("2026-10-09T16:00:00Z")).ShouldBe(dueByFriday);
        (await NoticesAsync("xt.handler")).ShouldBeEmpty();
    }

    private async Task<TaskDto> ToHandlingAsync()
    {
        var created = await (await _driver.As("xt.hall")).RegisterAsync(ApiClient.Registration("POLICY", ("receivedAt", Dispatched.AddHours(-1))));
        var dispatch = (await _driver.CompleteOkAsync(created.Tasks!.Single(), "Transfer")).OpenTasks.Single();
        var handling = (await _driver.CompleteOkAsync(dispatch, "Dispatched")).OpenTasks.Single();
        handling.Title.ShouldBe("办理");
        return handling;
    }

    private async Task<int> ApplyDueAtAsync(string instant)
    {
        _clock.SetUtcNow(At(instant));
        _driver.SignInAgain();
        return await _factory.Services.GetRequiredService<DueTimerProcessor>().ApplyDueAsync(_clock.GetUtcNow(), CancellationToken.None);
    }

    private async Task<TaskDto> TaskAsync(TaskDto task) =>
        (await _driver.RequestAsync(task.RequestId)).Tasks!.Single(t => t.Id == task.Id);

    private async Task<List<(string Kind, int Sequence, DateTimeOffset At)>> PendingTimersAsync(TaskDto task) =>
        [.. (await _driver.RequestAsync(task.RequestId)).Timers!.Where(t => t.TaskId == task.Id && t.Status == "Pending").Select(t => (t.Kind, t.Sequence, t.DueAt))];

    private async Task<IReadOnlyList<NoticeDto>> NoticesAsync(string userName) =>
        (await (await _driver.As(userName)).GetFromJsonAsync<NoticePageDto>("/api/notices", ApiClient.Json))!.Items;

    private async Task<Guid> UserIdAsync(string userName) =>
        (await (await _driver.As(userName)).GetFromJsonAsync<JsonObject>("/api/me", ApiClient.Json))!["id"]!.GetValue<Guid>();

    private static DateTimeOffset At(string instant) => DateTimeOffset.Parse(instant, System.Globalization.CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
