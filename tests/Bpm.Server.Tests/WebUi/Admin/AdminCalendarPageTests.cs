using System.Net;
using System.Text.RegularExpressions;
using Bpm.Server.Api;
using Bpm.Testing;
using Shouldly;
using Xunit;

namespace Bpm.Server.Tests.WebUi.Admin;

/// <summary>
/// A bureau's year view (national holidays, make-up working days, own and inherited days), closures previewed then applied
/// with the same count, and the import of a State Council notice. The handling task is dispatched Wed 2026-09-30 10:00 in
/// Shanghai and due Fri 10-09 24:00; 仙桃 closing Fri 10-09 moves it to Sat 10-10 (a make-up working day).
/// </summary>
public sealed class AdminCalendarPageTests : IDisposable
{
    private static readonly DateTimeOffset Dispatched = new(2026, 9, 30, 2, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider _clock = new(Dispatched);
    private readonly BpmServerFactory _factory;
    private readonly WorkflowDriver _driver;

    public AdminCalendarPageTests()
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
    public async Task The_2026_year_view_marks_national_day_rest_days_and_the_make_up_saturday()
    {
        var page = await (await _factory.WebSignedInAsync("xt.admin")).PageAsync("/admin/bureaus/xiantao/calendar?year=2026");

        Regex.Matches(page, "<table class=\"admin-month\"").Count.ShouldBe(12);
        foreach (var day in Enumerable.Range(1, 7))
        {
            Cell(page, $"2026-10-0{day}").Css.ShouldBe("admin-holiday");
        }

        Cell(page, "2026-10-10").Css.ShouldBe("admin-makeup");
        Cell(page, "2026-10-10").Title.ShouldContain("工作日 · 国务院通知");
        Cell(page, "2026-10-11").Css.ShouldBe("admin-rest");
        Cell(page, "2026-10-12").Css.ShouldBe("admin-work");
        WebClient.TextOf(page, "admin-legend").ShouldBe("周末休息 节假日/休息日 调休上班 本级设置 继承自上级");
    }

    [Fact]
    public async Task A_closure_is_previewed_then_applied_moving_as_many_deadlines_as_previewed_and_is_inherited_below()
    {
        var handling = await ToHandlingAsync();
        var web = await _factory.WebSignedInAsync("xt.admin");
        var page = await web.PageAsync("/admin/bureaus/xiantao/calendar?year=2026");

        var preview = await web.SubmitAsync("/admin/bureaus/xiantao/calendar?year=2026", page, "day-preview", Fields(
            ("DayForm.Date", "2026-10-09"), ("DayForm.Name", "防汛"), ("DayForm.Kind", "rest"), ("DayForm.Mode", "Open")));

        var confirm = await preview.Content.ReadAsStringAsync();
        var previewed = Moved(WebClient.TextOf(confirm, "admin-preview-count"), "此变更将使 \\d+ 个未办结任务中的 (\\d+) 个期限发生变化");
        previewed.ShouldBe(1);
        (await _driver.RequestAsync(handling.RequestId)).Tasks!.Single(t => t.Id == handling.Id).DueDate.ShouldBe(new DateOnly(2026, 10, 9));

        var applied = await web.SubmitAsync("/admin/bureaus/xiantao/calendar?year=2026", confirm, "day-apply", []);

        applied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var done = await web.PageAsync(applied.Headers.Location!.ToString());
        Moved(WebClient.TextOf(done, "admin-moved"), "已重新计算：\\d+ 个未办结任务中 (\\d+) 个期限发生变化").ShouldBe(previewed);
        Cell(done, "2026-10-09").Css.ShouldBe("admin-holiday admin-own");
        (await _driver.RequestAsync(handling.RequestId)).Tasks!.Single(t => t.Id == handling.Id).DueDate.ShouldBe(new DateOnly(2026, 10, 10));

        var removePage = await web.PageAsync("/admin/bureaus/xiantao/calendar?year=2026&remove=2026-10-09");
        var removePreview = Moved(WebClient.TextOf(removePage, "admin-preview-count"), "此变更将使 \\d+ 个未办结任务中的 (\\d+) 个期限发生变化");
        var removed = await web.SubmitAsync("/admin/bureaus/xiantao/calendar?year=2026&remove=2026-10-09", removePage, "day-remove", []);
        var afterRemoval = await web.PageAsync(removed.Headers.Location!.ToString());
        Moved(WebClient.TextOf(afterRemoval, "admin-moved"), "已重新计算：\\d+ 个未办结任务中 (\\d+) 个期限发生变化").ShouldBe(removePreview);
        removePreview.ShouldBe(1);
        Cell(afterRemoval, "2026-10-09").Css.ShouldBe("admin-work");
    }

    [Fact]
    public async Task An_ulanqab_closure_shows_as_inherited_at_jining()
    {
        var web = await _factory.WebSignedInAsync("wlcb.admin");
        var page = await web.PageAsync("/admin/bureaus/ulanqab/calendar?year=2026");
        var preview = await web.SubmitAsync("/admin/bureaus/ulanqab/calendar?year=2026", page, "day-preview", Fields(
            ("DayForm.Date", "2026-07-13"), ("DayForm.Name", "那达慕"), ("DayForm.Kind", "rest")));
        var applied = await web.SubmitAsync("/admin/bureaus/ulanqab/calendar?year=2026", await preview.Content.ReadAsStringAsync(), "day-apply", []);
        applied.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var jining = await web.PageAsync("/admin/bureaus/jining/calendar?year=2026");

        Cell(jining, "2026-07-13").Css.ShouldBe("admin-holiday admin-inherited");
        Cell(jining, "2026-07-13").Title.ShouldBe("那达慕 · 休息日 · 继承自 国家税务总局乌兰察布市税务局");
        jining.ShouldNotContain("remove=2026-07-13");
    }

    [Fact]
    public async Task A_closure_without_a_name_or_date_is_refused_in_chinese_and_nothing_is_stored()
    {
        var web = await _factory.WebSignedInAsync("xt.admin");
        var page = await web.PageAsync("/admin/bureaus/xiantao/calendar?year=2026");

        var refused = await web.SubmitAsync("/admin/bureaus/xiantao/calendar?year=2026", page, "day-preview", Fields(("DayForm.Date", "2026-02-30")));
        (await refused.Content.ReadAsStringAsync()).ShouldContain("“2026-02-30”不是有效日期");
        var unnamed = await web.SubmitAsync("/admin/bureaus/xiantao/calendar?year=2026", page, "day-preview", Fields(("DayForm.Date", "2026-10-09")));
        var html = await unnamed.Content.ReadAsStringAsync();
        html.ShouldContain("日期说明不能为空");
        html.ShouldNotContain("id=\"admin-apply\"");
        Cell(await web.PageAsync("/admin/bureaus/xiantao/calendar?year=2026"), "2026-10-09").Css.ShouldBe("admin-work");
    }

    [Fact]
    public async Task The_national_administrator_imports_a_notice_and_a_city_administrator_is_told_why_not()
    {
        const string notice = """
            {"year": 2027, "papers": ["https://www.gov.cn/zhengce/test-2027"], "days": [
              {"name": "元旦", "date": "2027-01-01", "isOffDay": true},
              {"name": "春节", "date": "2027-02-07", "isOffDay": false},
              {"name": "春节", "date": "2027-02-08", "isOffDay": true}]}
            """;
        var city = await _factory.WebSignedInAsync("xt.admin");
        var cityPage = await city.PageAsync("/admin/bureaus/xiantao/calendar?year=2027");
        var refused = await city.SubmitAsync("/admin/bureaus/xiantao/calendar?year=2027", cityPage, "notice", Fields(("NoticeForm.Json", notice)));
        (await refused.Content.ReadAsStringAsync()).ShouldContain("只有国家税务总局的管理员可以导入国务院节假日通知");
        var broken = await city.SubmitAsync("/admin/bureaus/xiantao/calendar?year=2027", cityPage, "notice", Fields(("NoticeForm.Json", "{\"year\": ")));
        (await broken.Content.ReadAsStringAsync()).ShouldContain("不是有效的JSON");

        var admin = await _factory.WebSignedInAsync("admin");
        var page = await admin.PageAsync("/admin/bureaus/xiantao/calendar?year=2027");
        WebClient.TextOf(page, "admin-provisional").ShouldNotBeEmpty();
        var imported = await admin.SubmitAsync("/admin/bureaus/xiantao/calendar?year=2027", page, "notice", Fields(("NoticeForm.Json", notice)));

        imported.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await admin.PageAsync(imported.Headers.Location!.ToString());
        WebClient.TextOf(after, "admin-done").ShouldContain("已导入2027年国务院节假日通知");
        Cell(after, "2027-02-07").Css.ShouldBe("admin-makeup");
        Cell(after, "2027-02-08").Css.ShouldBe("admin-holiday");
        WebClient.TextOf(after, "admin-provisional").ShouldBeEmpty();
    }

    private async Task<TaskDto> ToHandlingAsync()
    {
        var created = await (await _driver.As("xt.hall")).RegisterAsync(ApiClient.Registration("POLICY", ("receivedAt", Dispatched.AddHours(-1))));
        var dispatch = (await _driver.CompleteOkAsync(created.Tasks!.Single(), "Transfer")).OpenTasks.Single();
        return (await _driver.CompleteOkAsync(dispatch, "Dispatched")).OpenTasks.Single();
    }

    private static (string Css, string Title) Cell(string html, string date)
    {
        var match = Regex.Match(html, $"<td class=\"(?<css>[^\"]*)\" data-date=\"{date}\" title=\"(?<title>[^\"]*)\"");
        match.Success.ShouldBeTrue(date);
        return (match.Groups["css"].Value, WebUtility.HtmlDecode(match.Groups["title"].Value));
    }

    private static int Moved(string text, string pattern)
    {
        var match = Regex.Match(text, pattern);
        match.Success.ShouldBeTrue(text);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static IEnumerable<KeyValuePair<string, string>> Fields(params (string Key, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value));
}
