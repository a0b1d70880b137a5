using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Domain.Users;

namespace Bpm.Server.Tests.Security;

/// <summary>三权分立: no user holds two of system admin, security admin, audit admin; passwords follow the complexity rules.</summary>
public sealed class SeparationOfDutiesTests : IDisposable
{
    private readonly BpmServerFactory _factory = new();

    [Fact]
    public async Task Giving_a_second_admin_role_is_a_400_naming_roles_and_changes_nothing()
    {
        var admin = await _factory.SignedInAsync("xt.admin");
        var users = await admin.GetFromJsonAsync<JsonElement>("/api/admin/bureaus/xiantao/users");
        var auditor = users.EnumerateArray().Single(u => u.GetProperty("userName").GetString() == "xt.auditor");

        var response = await admin.PutAsJsonAsync($"/api/admin/bureaus/xiantao/users/{auditor.GetProperty("id").GetGuid()}", new { roles = new[] { "AuditAdmin", "SecurityAdmin" } });

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").GetProperty("roles")[0].GetString()!.ShouldContain("三权分立");
        var after = (await admin.GetFromJsonAsync<JsonElement>("/api/admin/bureaus/xiantao/users")).EnumerateArray()
            .Single(u => u.GetProperty("userName").GetString() == "xt.auditor");
        after.GetProperty("roles").EnumerateArray().Select(r => r.GetString()).ShouldBe(["AuditAdmin"]);
    }

    [Theory]
    [InlineData("Bpm@2026demo", "xt.zhang", null)]
    [InlineData("Short1!", "xt.zhang", "密码至少8个字符")]
    [InlineData("bpm2026demo", "xt.zhang", "至少三类")]
    [InlineData("Xt.Zhang2026!", "xt.zhang", "不能包含用户名")]
    public void Passwords_need_eight_characters_three_classes_and_not_the_user_name(string password, string userName, string? problem)
    {
        var found = PasswordPolicy.Problem(password, userName);

        if (problem is null)
        {
            found.ShouldBeNull();
        }
        else
        {
            found.ShouldNotBeNull().ShouldContain(problem);
        }
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
