using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bpm.Server.Tests.WebUi;
using WebClient = Bpm.Server.Tests.WebUi.WebClient;

namespace Bpm.Server.Tests.Security;

/// <summary>
/// 三权分立 in role administration: the security admin assigns roles (the three admin roles included) in their subtree, never
/// their own and never two admin roles to one user; the system admin gives business roles only and cannot touch an admin's.
/// </summary>
public sealed class RoleAssignmentTests : IDisposable
{
    private readonly BpmServerFactory _factory = new();

    [Fact]
    public async Task The_security_admin_makes_an_analyst_audit_admin_by_api_and_the_change_is_audited()
    {
        var security = await _factory.SignedInAsync("xt.security");
        var analyst = await UserIdAsync("xt.analyst");

        var response = await security.PutAsJsonAsync($"/api/security/users/{analyst}/roles", new { roles = new[] { "AuditAdmin" } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await RolesOfAsync("xt.analyst")).ShouldBe(["AuditAdmin"]);
        var audit = await (await _factory.SignedInAsync("xt.auditor")).GetFromJsonAsync<JsonElement>("/api/audit?kind=SecurityChange");
        audit.GetProperty("items").EnumerateArray().ShouldContain(e =>
            e.GetProperty("subject").GetString() == "user:xt.analyst" && e.GetProperty("summary").GetString() == "roles Analyst → AuditAdmin");
    }

    [Theory]
    [InlineData("xt.analyst", new[] { "Administrator", "AuditAdmin" }, "三权分立")]
    [InlineData("xt.security", new[] { "Handler" }, "不能修改自己的角色")]
    [InlineData("xt.analyst", new string[0], "请至少选择一个角色")]
    [InlineData("xt.analyst", new[] { "Handler" }, "承办人必须属于一个单位")]
    public async Task A_refused_assignment_is_a_400_naming_roles_and_changes_nothing(string userName, string[] roles, string reason)
    {
        var security = await _factory.SignedInAsync("xt.security");
        var before = await RolesOfAsync(userName);

        var response = await security.PutAsJsonAsync($"/api/security/users/{await UserIdAsync(userName)}/roles", new { roles });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("roles").EnumerateArray().ShouldContain(e => e.GetString()!.Contains(reason));
        (await RolesOfAsync(userName)).ShouldBe(before);
    }

    [Fact]
    public async Task Outside_the_subtree_is_404_and_another_role_is_403()
    {
        var hall = await UserIdAsync("xt.hall");

        var other = await (await _factory.SignedInAsync("wlcb.security")).PutAsJsonAsync($"/api/security/users/{hall}/roles", new { roles = new[] { "AuditAdmin" } });
        var admin = await (await _factory.SignedInAsync("xt.admin")).PutAsJsonAsync($"/api/security/users/{hall}/roles", new { roles = new[] { "AuditAdmin" } });

        other.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await other.Content.ReadAsStringAsync()).ShouldNotContain("xt.hall");
        admin.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await RolesOfAsync("xt.hall")).ShouldBe(["Handler"]);
    }

    [Theory]
    [InlineData("xt.hall", "AuditAdmin", "只能由安全管理员分配")]
    [InlineData("xt.hall", "Administrator", "只能由安全管理员分配")]
    [InlineData("xt.auditor", "Analyst", "xt.auditor是管理员账户")]
    [InlineData("xt.admin", "Analyst", "xt.admin是管理员账户")]
    public async Task The_system_admin_neither_gives_an_admin_role_nor_changes_an_admins_roles(string userName, string role, string reason)
    {
        var admin = await _factory.SignedInAsync("xt.admin");
        var before = await RolesOfAsync(userName);

        var response = await admin.PutAsJsonAsync($"/api/admin/bureaus/xiantao/users/{await UserIdAsync(userName)}", new { roles = new[] { role } });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("roles").EnumerateArray().ShouldContain(e => e.GetString()!.Contains(reason) && e.GetString()!.Contains("三权分立"));
        (await RolesOfAsync(userName)).ShouldBe(before);
    }

    [Fact]
    public async Task The_system_admin_cannot_add_a_user_with_an_admin_role()
    {
        var admin = await _factory.SignedInAsync("xt.admin");

        var response = await admin.PostAsJsonAsync("/api/admin/bureaus/xiantao/users", new
        {
            userName = "xt.newsec", displayName = "新安全员", roles = new[] { "SecurityAdmin" }, password = "Bpm@2026new!",
        });

        (await response.ProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetProperty("roles")[0].GetString()!.ShouldContain("只能由安全管理员分配");
        (await admin.GetFromJsonAsync<JsonElement>("/api/admin/bureaus/xiantao/users")).EnumerateArray()
            .ShouldNotContain(u => u.GetProperty("userName").GetString() == "xt.newsec");
    }

    [Fact]
    public async Task On_the_web_page_the_security_admin_gives_a_role_and_sees_a_refusal_in_chinese()
    {
        var web = await _factory.WebSignedInAsync("xt.security");
        var list = await web.PageAsync("/security/users");
        var analyst = EditId(list, "xt.analyst");
        EditLinkOf(list, "xt.security").ShouldBeFalse("nobody assigns their own roles");
        list.ShouldNotContain("wlcb.handler");

        var form = await web.PageAsync($"/security/users?edit={analyst}");
        var refused = await web.SubmitAsync("/security/users", form, "assign-roles", [new("Form.Analyst", "false"), new("Form.Administrator", "true"), new("Form.AuditAdmin", "true")]);
        var saved = await web.SubmitAsync("/security/users", form, "assign-roles", [new("Form.Analyst", "false"), new("Form.AuditAdmin", "true")]);

        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("三权分立");
        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        saved.Headers.Location!.OriginalString.ShouldEndWith("/security/users?done=roles");
        var after = await web.PageAsync("/security/users?done=roles");
        WebClient.TextOf(after, "security-done").ShouldBe("角色已保存");
        Row(after, "xt.analyst").ShouldContain("审计管理员");
        (await RolesOfAsync("xt.analyst")).ShouldBe(["AuditAdmin"]);
    }

    [Fact]
    public async Task Only_security_admins_open_the_page_and_the_admin_page_offers_business_roles_only()
    {
        var denied = await (await _factory.WebSignedInAsync("xt.admin")).GetAsync("/security/users");
        var adminPage = await (await _factory.WebSignedInAsync("xt.admin")).PageAsync($"/admin/bureaus/xiantao?edit={await UserIdAsync("xt.hall")}");

        denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        denied.Headers.Location!.OriginalString.ShouldContain("/ui/denied");
        adminPage.ShouldContain("name=\"AssignForm.Handler\"");
        adminPage.ShouldNotContain("name=\"AssignForm.Administrator\"");
        adminPage.ShouldNotContain("name=\"AssignForm.AuditAdmin\"");
        (await (await _factory.WebSignedInAsync("xt.security")).GetAsync("/")).Headers.Location!.OriginalString.ShouldEndWith("/security/users");
    }

    private async Task<Guid> UserIdAsync(string userName) =>
        (await UsersAsync()).Single(u => u.GetProperty("userName").GetString() == userName).GetProperty("id").GetGuid();

    private async Task<List<string?>> RolesOfAsync(string userName) =>
        [.. (await UsersAsync()).Single(u => u.GetProperty("userName").GetString() == userName).GetProperty("roles").EnumerateArray().Select(r => r.GetString())];

    private async Task<List<JsonElement>> UsersAsync()
    {
        var admin = await _factory.SignedInAsync("xt.admin");
        return [.. (await admin.GetFromJsonAsync<JsonElement>("/api/admin/bureaus/xiantao/users")).EnumerateArray()];
    }

    private static string Row(string html, string userName)
    {
        var match = Regex.Match(html, $"<tr data-user=\"{Regex.Escape(userName)}\">(.*?)</tr>", RegexOptions.Singleline);
        return match.Success ? WebClient.PlainText(match.Groups[1].Value) : "";
    }

    private static bool EditLinkOf(string html, string userName) =>
        Regex.IsMatch(html, $"<tr data-user=\"{Regex.Escape(userName)}\">(?:(?!</tr>).)*edit=", RegexOptions.Singleline);

    private static string EditId(string html, string userName)
    {
        var match = Regex.Match(html, $"<tr data-user=\"{Regex.Escape(userName)}\">.*?edit=([0-9a-f-]+)", RegexOptions.Singleline);
        match.Success.ShouldBeTrue(userName);
        return match.Groups[1].Value;
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
