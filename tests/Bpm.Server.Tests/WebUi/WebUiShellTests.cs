using System.Net;
using Shouldly;
using Xunit;

namespace Bpm.Server.Tests.WebUi;

/// <summary>The web UI's frame: sign-in required, each role's home, header links by role, Chinese by default, English on request, 403 page.</summary>
public sealed class WebUiShellTests : IDisposable
{
    private readonly BpmServerFactory _factory = new();

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }

    [Fact]
    public async Task A_visitor_without_sign_in_is_sent_to_the_sign_in_page()
    {
        var response = await _factory.WebClientFor().GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldContain("/account/login?returnUrl=%2F");
    }

    [Theory]
    [InlineData("xt.hall", "/inbox")]
    [InlineData("xt.approver", "/inbox")]
    [InlineData("xt.analyst", "/dashboard")]
    [InlineData("xt.admin", "/admin")]
    [InlineData("xt.owner", "/studio/")]
    public async Task Home_sends_each_role_to_its_area(string userName, string area)
    {
        var web = await _factory.WebSignedInAsync(userName);

        var response = await web.GetAsync("/");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.ToString().ShouldEndWith(area);
    }

    [Fact]
    public async Task The_header_is_in_Chinese_and_shows_only_the_links_of_the_users_roles()
    {
        var web = await _factory.WebSignedInAsync("xt.analyst");

        var html = await web.PageAsync("/ui/denied", HttpStatusCode.Forbidden);

        html.ShouldContain("<html lang=\"zh-CN\">");
        html.ShouldContain("统计分析");
        html.ShouldContain("诉求台账");
        html.ShouldNotContain("登记诉求");
        html.ShouldNotContain("系统管理");
        WebClient.TextOf(html, "bpm-user-name").ShouldBe("仙桃 分析员 (xt.analyst)");
    }

    [Fact]
    public async Task Choosing_English_keeps_it_for_later_pages_and_returns_to_the_page()
    {
        var web = await _factory.WebSignedInAsync("xt.analyst");

        var choice = await web.GetAsync("/ui/culture?name=en&returnUrl=%2Fui%2Fdenied");
        choice.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        choice.Headers.Location!.ToString().ShouldBe("/ui/denied");

        var html = await web.PageAsync("/ui/denied", HttpStatusCode.Forbidden);
        html.ShouldContain("<html lang=\"en\">");
        html.ShouldContain("Dashboard");
        html.ShouldNotContain("统计分析");
    }

    [Fact]
    public async Task The_language_switch_never_leaves_the_site()
    {
        var web = await _factory.WebSignedInAsync("xt.analyst");

        var choice = await web.GetAsync("/ui/culture?name=en&returnUrl=" + Uri.EscapeDataString("//evil.example/"));

        choice.Headers.Location!.ToString().ShouldBe("/");
    }

    [Fact]
    public async Task The_API_keeps_answering_without_the_page_culture()
    {
        var api = await _factory.SignedInAsync("xt.analyst");
        api.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en");

        var response = await api.GetAsync("/api/requests?page=0");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("应为1到");
    }

    [Fact]
    public async Task The_stylesheet_is_served()
    {
        var response = await _factory.WebClientFor().GetAsync("/ui/bpm.css");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/css");
        (await response.Content.ReadAsStringAsync()).ShouldContain(".ui-due-red");
    }
}
