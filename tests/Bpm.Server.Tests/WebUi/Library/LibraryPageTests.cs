using System.Net;
using System.Net.Http.Json;
using Bpm.Server.Tests.Library;
using Bpm.Testing;

namespace Bpm.Server.Tests.WebUi.Library;

/// <summary>
/// The library's pages at Xiantao (clock Mon 2026-03-02 10:00 Shanghai): tags on the request page, proposing a closed request,
/// reviewing proposals on /library, suggested answers prefilling the handling form, and the taxpayer profile.
/// </summary>
public sealed class LibraryPageTests : IDisposable
{
    private const string Code = "91350100M000100Y43";
    private readonly BpmServerFactory _factory = new(time: new ManualTimeProvider(ApiClient.Now));

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }

    [Fact]
    public async Task A_handler_ticks_vocabulary_tags_and_types_free_ones_on_the_request_page_and_a_bad_tag_keeps_the_input()
    {
        await (await _factory.SignedInAsync("xt.admin")).PutAsJsonAsync("/api/admin/bureaus/xiantao/tags", new { tags = new[] { "发票", "出口退税" } });
        var request = await (await _factory.SignedInAsync("xt.hall")).RegisterAsync(ApiClient.Registration("POLICY"));
        var web = await _factory.WebSignedInAsync("xt.hall");
        var path = $"/requests/{request.Id}";

        var saved = await web.SubmitAsync(path, await web.PageAsync(path), "tags", [new("tag", "发票"), new("freeTags", "额度不足，电子税务局")]);
        var after = await web.PageAsync(saved.Headers.Location!.ToString());
        var refused = await web.SubmitAsync(path, after, "tags", [new("freeTags", new string('税', 21))]);

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        saved.Headers.Location!.ToString().ShouldEndWith("?done=tagged");
        WebClient.TextOf(after, "request-done").ShouldBe("标签已保存。");
        WebClient.TextOf(after, "request-tag-list").ShouldBe("发票 电子税务局 * 额度不足 *");
        after.ShouldContain("data-tag=\"发票\" data-vocabulary=\"true\"");
        after.ShouldContain("href=\"/requests?tag=%E5%8F%91%E7%A5%A8\"");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var html = await refused.Content.ReadAsStringAsync();
        html.ShouldContain("超过20个字符");
        html.ShouldContain(new string('税', 21));
        WebClient.TextOf(await web.PageAsync(path), "request-tag-list").ShouldBe("发票 电子税务局 * 额度不足 *");
    }

    [Fact]
    public async Task A_handler_proposes_a_closed_request_from_its_page_and_an_approver_publishes_or_rejects_on_the_library_page()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var closed = await hall.RegisterClosedAsync("POLICY");
        var other = await hall.RegisterClosedAsync("POLICY", "咨询个人所得税汇算清缴的办理时间。");
        var open = await hall.RegisterAsync(ApiClient.Registration("POLICY"));
        var handler = await _factory.WebSignedInAsync("xt.handler");

        (await handler.PageAsync($"/requests/{closed.Id}")).ShouldContain($"href=\"/library/propose/{closed.Id}\"");
        (await handler.PageAsync($"/requests/{open.Id}")).ShouldNotContain("request-propose");
        (await handler.PageAsync($"/library/propose/{open.Id}")).ShouldContain("尚未办结归档");
        var form = await handler.PageAsync($"/library/propose/{closed.Id}");
        form.ShouldContain(LibraryApi.InvoiceText);
        form.ShouldContain(LibraryApi.OnTheSpotAnswer);
        var proposed = await handler.SubmitAsync($"/library/propose/{closed.Id}", form, "propose",
            [new("kind", "StandardAnswer"), new("title", "专用发票额度不足的答复口径"), new("question", LibraryApi.InvoiceText),
             new("answer", LibraryApi.OnTheSpotAnswer), new("policyBasis", "《发票管理办法》"), new("tags", "发票，额度")]);
        var second = await handler.SubmitAsync($"/library/propose/{other.Id}", await handler.PageAsync($"/library/propose/{other.Id}"), "propose",
            [new("kind", "TypicalCase"), new("title", "汇算清缴时间"), new("question", "汇算清缴什么时候办？"), new("answer", "每年3月1日至6月30日。")]);

        proposed.Headers.Location!.ToString().ShouldEndWith("/library?done=proposed");
        second.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var entries = await (await _factory.SignedInAsync("xt.approver")).SearchAsync("?status=Proposed");
        var invoice = entries.Single(e => e.Title == "专用发票额度不足的答复口径");
        var tax = entries.Single(e => e.Title == "汇算清缴时间");
        invoice.Tags.ShouldBe(["发票", "额度"]);

        var approver = await _factory.WebSignedInAsync("xt.approver");
        var review = await approver.PageAsync("/library");
        WebClient.TextOf(review, "library-proposals").ShouldContain("专用发票额度不足的答复口径");
        var published = await approver.SubmitAsync("/library", review, $"publish-{invoice.Id:N}", []);
        var noReason = await approver.SubmitAsync("/library", await approver.PageAsync("/library"), $"reject-{tax.Id:N}", []);
        var rejected = await approver.SubmitAsync("/library", await approver.PageAsync("/library"), $"reject-{tax.Id:N}", [new("reason", "不具有典型性")]);

        published.Headers.Location!.ToString().ShouldEndWith("/library?done=published");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadAsStringAsync()).ShouldContain("驳回理由不能为空");
        rejected.Headers.Location!.ToString().ShouldEndWith("/library?done=rejected");
        var library = await handler.PageAsync("/library");
        var markdown = await handler.GetAsync("/library/export?format=markdown");
        markdown.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await markdown.Content.ReadAsStringAsync()).ShouldContain("### 专用发票额度不足的答复口径");
        library.ShouldContain("href=\"/library/export?format=json\"");
        WebClient.TextOf(library, "library-published").ShouldContain("专用发票额度不足的答复口径");
        WebClient.TextOf(library, "library-published").ShouldNotContain("汇算清缴时间");
        library.ShouldNotContain("library-proposals");
        WebClient.TextOf(await handler.PageAsync("/library?q=" + Uri.EscapeDataString("汇算")), "library-none").ShouldNotBeEmpty();
        WebClient.TextOf(await (await _factory.WebSignedInAsync("wlcb.handler")).PageAsync("/library"), "library-none").ShouldNotBeEmpty();
        var denied = await (await _factory.WebSignedInAsync("xt.admin")).GetAsync("/library");
        denied.Headers.Location!.ToString().ShouldContain("/ui/denied");
        (await (await _factory.WebSignedInAsync("wlcb.handler")).PageAsync($"/library/propose/{closed.Id}", HttpStatusCode.NotFound))
            .ShouldNotContain(LibraryApi.InvoiceText);
    }

    [Fact]
    public async Task An_open_similar_request_offers_the_published_answer_and_using_it_fills_the_handling_result()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var api = await _factory.SignedInAsync("xt.handler");
        var entry = await api.ProposeAsync((await hall.RegisterClosedAsync("POLICY")).Id);
        await (await _factory.SignedInAsync("xt.approver")).PublishAsync(entry.Id);
        var driver = new WorkflowDriver(_factory);
        var similar = await hall.RegisterAsync(ApiClient.Registration("POLICY", ("text", "开具增值税专用发票时提示额度不足，怎么处理？")));
        var dispatch = (await driver.CompleteOkAsync(similar.Tasks!.Single(), "Transfer")).OpenTasks.Single();
        var handling = (await driver.CompleteOkAsync(dispatch, "Dispatched")).OpenTasks.Single();
        var unrelated = await hall.RegisterAsync(ApiClient.Registration("POLICY", ("text", "咨询个人所得税汇算清缴的办理时间。")));
        var web = await _factory.WebSignedInAsync("xt.handler");

        var page = await web.PageAsync($"/requests/{similar.Id}");
        var prefilled = await web.PageAsync($"/requests/{similar.Id}?answer={entry.Id}");

        WebClient.TextOf(page, "suggested-list").ShouldContain("专用发票额度不足的答复口径");
        WebClient.TextOf(page, "suggested-list").ShouldContain("相似度");
        page.ShouldContain($"href=\"/requests/{similar.Id}?answer={entry.Id}#request-position\"");
        prefilled.ShouldContain($"<textarea name=\"data.result\" rows=\"3\">{LibraryApi.OnTheSpotAnswer}</textarea>");
        var done = await web.SubmitAsync($"/requests/{similar.Id}", prefilled, $"complete-{handling.Id:N}",
            [new("outcome", "Resolved"), new("data.result", LibraryApi.OnTheSpotAnswer)]);
        done.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        WebClient.TextOf(await web.PageAsync($"/requests/{unrelated.Id}"), "suggested-none").ShouldNotBeEmpty();
    }

    [Fact]
    public async Task The_taxpayer_page_shows_the_subtrees_requests_and_refuses_an_invalid_code()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var first = await hall.RegisterClosedAsync("POLICY", LibraryApi.InvoiceText, ("creditCode", Code));
        var second = await hall.RegisterAsync(ApiClient.Registration("POLICY", ("creditCode", Code)));
        var web = await _factory.WebSignedInAsync("xt.dispatcher");

        var request = await web.PageAsync($"/requests/{second.Id}");
        var profile = await web.PageAsync($"/taxpayers/{Code}");
        var invalid = await web.PageAsync("/taxpayers/123", HttpStatusCode.BadRequest);
        var foreign = await (await _factory.WebSignedInAsync("wlcb.handler")).PageAsync($"/taxpayers/{Code}");

        request.ShouldContain($"href=\"/taxpayers/{Code}\"");
        WebClient.TextOf(profile, "profile-count").ShouldBe("2");
        WebClient.TextOf(profile, "profile-repeats").ShouldBe("1");
        WebClient.TextOf(profile, "profile-types").ShouldContain("政策落实类 2");
        var rows = WebClient.TextOf(profile, "profile-requests");
        rows.IndexOf(second.Number, StringComparison.Ordinal).ShouldBeLessThan(rows.IndexOf(first.Number, StringComparison.Ordinal));
        rows.ShouldContain(LibraryApi.OnTheSpotAnswer);
        WebClient.TextOf(invalid, "profile-invalid").ShouldContain("18位");
        WebClient.TextOf(foreign, "profile-empty").ShouldNotBeEmpty();
        foreign.ShouldNotContain(first.Number);
    }

    [Fact]
    public async Task An_administrator_keeps_the_vocabulary_on_the_bureau_page_and_the_bureau_below_shows_it_inherited()
    {
        var admin = await _factory.WebSignedInAsync("wlcb.admin");

        var saved = await admin.SubmitAsync("/admin/bureaus/ulanqab", await admin.PageAsync("/admin/bureaus/ulanqab"), "tag-vocabulary",
            [new("vocabulary", "发票\n出口退税\n发票")]);
        var refused = await admin.SubmitAsync("/admin/bureaus/ulanqab", await admin.PageAsync("/admin/bureaus/ulanqab"), "tag-vocabulary",
            [new("vocabulary", new string('税', 21))]);
        var jining = await admin.PageAsync("/admin/bureaus/jining");

        saved.StatusCode.ShouldBe(HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync());
        saved.Headers.Location!.ToString().ShouldEndWith("/admin/bureaus/ulanqab?tags=saved");
        WebClient.TextOf(await admin.PageAsync("/admin/bureaus/ulanqab?tags=saved"), "vocabulary-names").ShouldBe("发票、出口退税");
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("超过20个字符");
        WebClient.TextOf(jining, "vocabulary-source").ShouldContain("沿用");
        WebClient.TextOf(jining, "vocabulary-names").ShouldBe("发票、出口退税");
    }
}
