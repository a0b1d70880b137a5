using System.Net;
using System.Text.RegularExpressions;
using Bpm.Server.Api;
using Bpm.Testing;
using Shouldly;
using Xunit;

namespace Bpm.Server.Tests.WebUi.Admin;

/// <summary>
/// The SLA page shows each line as the bureau's own or inherited (and from where), and a change is previewed, then applied
/// with the number of moved deadlines. The handling task is dispatched Wed 2026-09-30 10:00 in Shanghai: 仙桃's 2 WD end
/// Fri 10-09 24:00; with 3 WD it ends Sat 10-10, a make-up working day (调休).
/// </summary>
public sealed class AdminSlaPageTests : IDisposable
{
    private static readonly DateTimeOffset Dispatched = new(2026, 9, 30, 2, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _clock = new(Dispatched);
    private readonly BpmServerFactory _factory;
    private readonly WorkflowDriver _driver;

    public AdminSlaPageTests()
    {
        _factory = new BpmServerFactory(time: _clock);
        _driver = new WorkflowDriver(_factory);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }

    [Fact]
    public async Task Xiantao_shows_its_own_handling_line_and_inherits_revisit_from_the_national_bureau()
    {
        var page = await (await _factory.WebSignedInAsync("xt.admin")).PageAsync("/admin/bureaus/xiantao/sla");

        Row(page, "Policy", "Handling").Own.ShouldBe("own");
        Row(page, "Policy", "Handling").Text.ShouldStartWith("政策落实类 办理 2 ");
        Row(page, "Policy", "Handling").Text.ShouldContain("本级设置");
        Row(page, "Policy", "Revisit").Own.ShouldBe("inherited");
        Row(page, "Policy", "Revisit").Text.ShouldContain("继承自 国家税务总局");
    }

    [Fact]
    public async Task Jining_inherits_handling_from_ulanqab_until_it_overrides_it()
    {
        var web = await _factory.WebSignedInAsync("wlcb.admin");
        var page = await web.PageAsync("/admin/bureaus/jining/sla");
        Row(page, "Policy", "Handling").Own.ShouldBe("inherited");
        Row(page, "Policy", "Handling").Text.ShouldContain("10");
        Row(page, "Policy", "Handling").Text.ShouldContain("继承自 国家税务总局乌兰察布市税务局");

        var edit = await web.PageAsync("/admin/bureaus/jining/sla?step=Handling&type=");
        var preview = await web.SubmitAsync("/admin/bureaus/jining/sla?step=Handling&type=", edit, "sla-preview", Fields(
            ("PreviewForm.Type", "Policy"), ("PreviewForm.WorkingDays", "7"), ("PreviewForm.CutOff", "17:30")));
        var confirm = await preview.Content.ReadAsStringAsync();
        WebClient.TextOf(confirm, "admin-preview-count").ShouldBe("此变更将使 0 个未办结任务中的 0 个期限发生变化。");
        var applied = await web.SubmitAsync("/admin/bureaus/jining/sla?step=Handling&type=", confirm, "sla-apply", []);
        applied.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await web.PageAsync(applied.Headers.Location!.ToString());
        (Row(after, "Policy", "Handling").Own, Row(after, "Service", "Handling").Own).ShouldBe(("own", "inherited"));
        Row(after, "Policy", "Handling").Text.ShouldStartWith("政策落实类 办理 7 17:30");
        Row(await web.PageAsync("/admin/bureaus/ulanqab/sla"), "Policy", "Handling").Text.ShouldStartWith("政策落实类 办理 10 ");
    }

    [Fact]
    public async Task Editing_xiantao_handling_previews_then_moves_the_open_deadline_and_reports_the_count()
    {
        var handling = await ToHandlingAsync();
        var web = await _factory.WebSignedInAsync("xt.admin");
        var edit = await web.PageAsync("/admin/bureaus/xiantao/sla?step=Handling&type=");
        HiddenOrValue(edit, "PreviewForm.WorkingDays").ShouldBe("2");

        var preview = await web.SubmitAsync("/admin/bureaus/xiantao/sla?step=Handling&type=", edit, "sla-preview", Fields(
            ("PreviewForm.WorkingDays", "3"), ("PreviewForm.WarnAmount", "1"), ("PreviewForm.WarnUnit", "WorkingDays"),
            ("PreviewForm.EscalateAtDue", "true"), ("PreviewForm.RemindEvery", "1"), ("PreviewForm.MaxReminders", "3")));

        var confirm = await preview.Content.ReadAsStringAsync();
        var previewed = WebClient.TextOf(confirm, "admin-preview-count");
        previewed.ShouldMatch("此变更将使 \\d+ 个未办结任务中的 1 个期限发生变化。");
        (await _driver.RequestAsync(handling.RequestId)).Tasks!.Single(t => t.Id == handling.Id).DueDate.ShouldBe(new DateOnly(2026, 10, 9));

        var applied = await web.SubmitAsync("/admin/bureaus/xiantao/sla?step=Handling&type=", confirm, "sla-apply", []);

        applied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var done = await web.PageAsync(applied.Headers.Location!.ToString());
        WebClient.TextOf(done, "admin-moved").ShouldMatch("已重新计算：\\d+ 个未办结任务中 1 个期限发生变化。");
        Row(done, "Policy", "Handling").Text.ShouldStartWith("政策落实类 办理 3 ");
        var moved = (await _driver.RequestAsync(handling.RequestId)).Tasks!.Single(t => t.Id == handling.Id);
        (moved.DueDate, moved.DueAt).ShouldBe((new DateOnly(2026, 10, 10), new DateTimeOffset(2026, 10, 10, 16, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public async Task A_refused_line_shows_chinese_reasons_and_changes_nothing()
    {
        var handling = await ToHandlingAsync();
        var web = await _factory.WebSignedInAsync("xt.admin");
        var edit = await web.PageAsync("/admin/bureaus/xiantao/sla?step=Handling&type=");

        var refused = await web.SubmitAsync("/admin/bureaus/xiantao/sla?step=Handling&type=", edit, "sla-preview", Fields(
            ("PreviewForm.WorkingDays", "-1"), ("PreviewForm.CutOff", "25:00"), ("PreviewForm.MaxReminders", "99"), ("PreviewForm.RemindEvery", "1")));

        var html = await refused.Content.ReadAsStringAsync();
        html.ShouldContain("“25:00”不是有效时间");
        html.ShouldNotContain("id=\"admin-apply\"");
        var forced = await web.SubmitAsync("/admin/bureaus/xiantao/sla?step=Handling&type=", edit, "sla-preview", Fields(("PreviewForm.WorkingDays", "-1")));
        (await forced.Content.ReadAsStringAsync()).ShouldContain("工作日数应在0到");
        Row(await web.PageAsync("/admin/bureaus/xiantao/sla"), "Policy", "Handling").Text.ShouldStartWith("政策落实类 办理 2 ");
        (await _driver.RequestAsync(handling.RequestId)).DeadlineChanges!.ShouldBeEmpty();
    }

    [Fact]
    public async Task Removing_the_own_line_previews_and_then_inherits_the_national_line_again()
    {
        var web = await _factory.WebSignedInAsync("xt.admin");
        var page = await web.PageAsync("/admin/bureaus/xiantao/sla?remove=Handling&type=");
        WebClient.TextOf(page, "admin-preview-count").ShouldContain("个期限发生变化");

        var removed = await web.SubmitAsync("/admin/bureaus/xiantao/sla?remove=Handling&type=", page, "sla-remove", []);

        removed.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await web.PageAsync(removed.Headers.Location!.ToString());
        WebClient.TextOf(after, "admin-done").ShouldContain("本级规则已删除");
        Row(after, "Policy", "Handling").Own.ShouldBe("inherited");
        Row(after, "Policy", "Handling").Text.ShouldContain("继承自 国家税务总局");
    }

    private async Task<TaskDto> ToHandlingAsync()
    {
        var created = await (await _driver.As("xt.hall")).RegisterAsync(ApiClient.Registration("POLICY", ("receivedAt", Dispatched.AddHours(-1))));
        var dispatch = (await _driver.CompleteOkAsync(created.Tasks!.Single(), "Transfer")).OpenTasks.Single();
        var handling = (await _driver.CompleteOkAsync(dispatch, "Dispatched")).OpenTasks.Single();
        handling.DueDate.ShouldBe(new DateOnly(2026, 10, 9));
        return handling;
    }

    private static (string Own, string Text) Row(string html, string type, string step)
    {
        var match = Regex.Match(html, $"<tr data-type=\"{type}\" data-step=\"{step}\" data-own=\"(?<own>[a-z]+)\">(?<body>.*?)</tr>", RegexOptions.Singleline);
        match.Success.ShouldBeTrue($"{type} {step}");
        return (match.Groups["own"].Value, WebClient.PlainText(match.Groups["body"].Value));
    }

    private static string HiddenOrValue(string html, string name) =>
        Regex.Match(html, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value;

    private static IEnumerable<KeyValuePair<string, string>> Fields(params (string Key, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value));
}
