using System.Net;
using System.Net.Http.Json;
using Bpm.Server.Api;
using Shouldly;
using Xunit;

namespace Bpm.Server.Tests.WebUi.Admin;

/// <summary>
/// The bureau tree, units and users of an administrator's subtree: xt.admin manages 仙桃 only; wlcb.admin manages 乌兰察布 and
/// 集宁区; another bureau is 404 and a handler gets 403. Refused input shows Chinese reasons and stores nothing.
/// </summary>
public sealed class AdminDirectoryPageTests : IDisposable
{
    private readonly BpmServerFactory _factory = new();

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }

    [Fact]
    public async Task The_tree_shows_only_the_administrators_subtree()
    {
        var xiantao = await (await _factory.WebSignedInAsync("xt.admin")).PageAsync("/admin");
        var ulanqab = await (await _factory.WebSignedInAsync("wlcb.admin")).PageAsync("/admin");

        var xiantaoTree = WebClient.TextOf(xiantao, "admin-tree");
        xiantaoTree.ShouldContain("国家税务总局仙桃市税务局 xiantao XT Asia/Shanghai");
        xiantaoTree.ShouldNotContain("乌兰察布");
        xiantaoTree.ShouldNotContain("国家税务总局 national");
        var ulanqabTree = WebClient.TextOf(ulanqab, "admin-tree");
        ulanqabTree.ShouldContain("国家税务总局乌兰察布市税务局 ulanqab WLCB");
        ulanqabTree.ShouldContain("国家税务总局乌兰察布市集宁区税务局 jining JN");
        ulanqabTree.ShouldNotContain("仙桃");
        ulanqab.ShouldContain("href=\"/admin/bureaus/jining/sla\"");
    }

    [Fact]
    public async Task Another_bureau_is_404_without_its_data_and_a_handler_gets_403()
    {
        var wlcb = await _factory.WebSignedInAsync("wlcb.admin");
        foreach (var path in new[] { "/admin/bureaus/xiantao", "/admin/bureaus/xiantao/sla", "/admin/bureaus/xiantao/calendar?year=2026", "/admin/bureaus/nowhere" })
        {
            var html = await wlcb.PageAsync(path, HttpStatusCode.NotFound);
            html.ShouldNotContain("xt.hall");
            html.ShouldNotContain("仙桃市税务局");
        }

        await (await _factory.WebSignedInAsync("xt.admin")).PageAsync("/admin/bureaus/jining", HttpStatusCode.NotFound);
        var handler = await _factory.WebSignedInAsync("xt.handler");
        (await handler.GetAsync("/admin")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.Redirect);
        var denied = await handler.GetAsync("/admin/bureaus/xiantao");
        if (denied.StatusCode == HttpStatusCode.Redirect)
        {
            denied.Headers.Location!.ToString().ShouldContain("/ui/denied");
        }
        else
        {
            denied.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        }

        (await denied.Content.ReadAsStringAsync()).ShouldNotContain("xt.hall");
    }

    [Fact]
    public async Task An_administrator_adds_a_unit_and_a_refused_unit_shows_chinese_reasons_and_adds_nothing()
    {
        var web = await _factory.WebSignedInAsync("xt.admin");
        var page = await web.PageAsync("/admin/bureaus/xiantao");

        var added = await web.SubmitAsync("/admin/bureaus/xiantao", page, "add-unit", Fields(("UnitForm.Code", "dejfj"), ("UnitForm.Name", "第二税务分局"), ("UnitForm.Kind", "Branch")));

        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await web.PageAsync(added.Headers.Location!.ToString());
        WebClient.TextOf(after, "admin-done").ShouldBe("单位已新增。");
        WebClient.TextOf(after, "admin-units").ShouldContain("dejfj 第二税务分局 分局（所）");

        var refused = await web.SubmitAsync("/admin/bureaus/xiantao", after, "add-unit", Fields(("UnitForm.Code", "SDSK"), ("UnitForm.Name", " ")));

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await refused.Content.ReadAsStringAsync();
        html.ShouldContain("已有代码为“SDSK”的单位");
        html.ShouldContain("单位名称不能为空");
        html.ShouldContain("value=\"SDSK\"");
        Units(await web.PageAsync("/admin/bureaus/xiantao")).Count(u => u.Equals("sdsk", StringComparison.OrdinalIgnoreCase)).ShouldBe(1);
    }

    [Fact]
    public async Task A_user_added_with_an_initial_password_signs_in_with_it_and_gets_new_roles_and_unit()
    {
        var web = await _factory.WebSignedInAsync("xt.admin");
        var page = await web.PageAsync("/admin/bureaus/xiantao");
        var sdsk = UnitId(page, "所得税科");

        var added = await web.SubmitAsync("/admin/bureaus/xiantao", page, "add-user", Fields(
            ("UserForm.UserName", "xt.zhang"), ("UserForm.DisplayName", "张三"), ("UserForm.UnitId", sdsk), ("UserForm.Password", ApiClient.DemoPassword),
            ("UserForm.Handler", "true")));

        added.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var users = await web.PageAsync("/admin/bureaus/xiantao?done=user");
        UserRow(users, "xt.zhang").ShouldBe("xt.zhang 张三 所得税科 承办人 修改角色和单位");
        var zhang = await _factory.WebSignedInAsync("xt.zhang");
        (await zhang.GetAsync("/")).Headers.Location!.ToString().ShouldEndWith("/inbox");

        var id = UserId(users, "xt.zhang");
        var edit = await web.PageAsync($"/admin/bureaus/xiantao?edit={id}");
        var nsfwk = UnitId(edit, "纳税服务科");
        var assigned = await web.SubmitAsync($"/admin/bureaus/xiantao?edit={id}", edit, "assign-user", Fields(
            ("AssignForm.UnitId", nsfwk), ("AssignForm.Handler", "true"), ("AssignForm.Approver", "true")));

        assigned.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        UserRow(await web.PageAsync("/admin/bureaus/xiantao"), "xt.zhang").ShouldBe("xt.zhang 张三 纳税服务科 承办人、审批人 修改角色和单位");
    }

    [Fact]
    public async Task A_refused_user_shows_every_reason_in_chinese_and_nothing_is_stored()
    {
        var web = await _factory.WebSignedInAsync("xt.admin");
        var page = await web.PageAsync("/admin/bureaus/xiantao");
        var before = WebClient.TextOf(page, "admin-users");

        var refused = await web.SubmitAsync("/admin/bureaus/xiantao", page, "add-user", Fields(
            ("UserForm.UserName", "XT.Hall"), ("UserForm.DisplayName", "重名"), ("UserForm.Password", "short")));

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await refused.Content.ReadAsStringAsync();
        html.ShouldContain("用户名“XT.Hall”已被使用");
        html.ShouldContain("初始密码至少8个字符");
        html.ShouldContain("请至少选择一个角色");
        WebClient.TextOf(await web.PageAsync("/admin/bureaus/xiantao"), "admin-users").ShouldBe(before);
    }

    [Fact]
    public async Task A_user_of_another_bureau_cannot_be_given_roles()
    {
        var web = await _factory.WebSignedInAsync("wlcb.admin");
        var jining = await web.PageAsync("/admin/bureaus/jining");
        jining = await web.PageAsync($"/admin/bureaus/jining?edit={UserId(jining, "jn.hall")}");
        var xiantao = await (await _factory.WebSignedInAsync("xt.admin")).PageAsync("/admin/bureaus/xiantao");
        var hall = UserId(xiantao, "xt.hall");

        var refused = await web.SubmitAsync("/admin/bureaus/jining", jining, "assign-user", Fields(("AssignForm.UserId", hall), ("AssignForm.Administrator", "true")));

        (await refused.Content.ReadAsStringAsync()).ShouldContain("没有这个用户");
        UserRow(await (await _factory.WebSignedInAsync("xt.admin")).PageAsync("/admin/bureaus/xiantao"), "xt.hall").ShouldContain("承办人 ");
        var api = await _factory.SignedInAsync("wlcb.admin");
        (await api.PutAsJsonAsync($"/api/admin/bureaus/xiantao/users/{hall}", new { roles = new[] { "Administrator" } })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_api_agrees_with_the_pages_and_answers_problem_details_on_bad_input()
    {
        var api = await _factory.SignedInAsync("xt.admin");

        var bad = await api.PostAsJsonAsync("/api/admin/bureaus/xiantao/users", new { userName = "xt hall", displayName = "", roles = Array.Empty<string>(), password = "1" });
        var problem = await bad.ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["displayName", "password", "roles", "userName"], ignoreOrder: true);

        var unit = await api.PostAsJsonAsync("/api/admin/bureaus/xiantao/units", new { code = "dejfj", name = "第二税务分局", kind = "Branch" });
        unit.StatusCode.ShouldBe(HttpStatusCode.Created);
        var unitId = (await unit.Content.ReadFromJsonAsync<AdminUnitDto>(ApiClient.Json))!.Id;
        var user = await api.PostAsJsonAsync("/api/admin/bureaus/xiantao/users", new
        {
            userName = "xt.li", displayName = "李四", unitId, roles = new[] { "Handler" }, password = "Bpm@2026li",
        });
        user.StatusCode.ShouldBe(HttpStatusCode.Created);

        var page = await (await _factory.WebSignedInAsync("xt.admin")).PageAsync("/admin/bureaus/xiantao");
        UserRow(page, "xt.li").ShouldBe("xt.li 李四 第二税务分局 承办人 修改角色和单位");
        var listed = await api.GetFromJsonAsync<List<AdminUserDto>>("/api/admin/bureaus/xiantao/users", ApiClient.Json);
        listed!.Single(u => u.UserName == "xt.li").Roles.ShouldBe(["Handler"]);
        (await (await _factory.SignedInAsync("xt.handler")).GetAsync("/api/admin/bureaus/xiantao/users")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    private static IEnumerable<KeyValuePair<string, string>> Fields(params (string Key, string Value)[] fields) =>
        fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value));

    private static List<string> Units(string html) =>
        [.. System.Text.RegularExpressions.Regex.Matches(html, "data-unit=\"([^\"]+)\"").Select(m => m.Groups[1].Value)];

    private static string UserRow(string html, string userName)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"<tr data-user=\"{userName}\">(.*?)</tr>", System.Text.RegularExpressions.RegexOptions.Singleline);
        return match.Success ? WebClient.PlainText(match.Groups[1].Value) : "";
    }

    private static string UserId(string html, string userName)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"<tr data-user=\"{userName}\">.*?edit=([0-9a-f-]+)", System.Text.RegularExpressions.RegexOptions.Singleline);
        match.Success.ShouldBeTrue(userName);
        return match.Groups[1].Value;
    }

    private static string UnitId(string html, string unitName)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, $"<option value=\"([0-9a-f-]+)\"[^>]*>{unitName}</option>");
        match.Success.ShouldBeTrue(unitName);
        return match.Groups[1].Value;
    }
}
