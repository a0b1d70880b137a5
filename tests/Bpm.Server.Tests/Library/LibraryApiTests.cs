using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Domain.Library;
using Bpm.Testing;
using Bpm.Server.Library;

namespace Bpm.Server.Tests.Library;

/// <summary>
/// The library over the API (clock Mon 2026-03-02 10:00 Shanghai): proposing from closed requests only, publishing by approvers
/// only, who sees what in the bureau tree (湖北 → 仙桃; 内蒙古 → 乌兰察布 → 集宁区), suggestions for similar requests, export.
/// </summary>
public sealed class LibraryApiTests : IDisposable
{
    private readonly BpmServerFactory _factory = new(time: new ManualTimeProvider(ApiClient.Now));

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }

    [Fact]
    public async Task A_handler_proposes_a_closed_request_with_its_text_and_answer_but_not_an_open_one()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var handler = await _factory.SignedInAsync("xt.handler");
        var open = await hall.RegisterAsync(ApiClient.Registration("POLICY"));
        var closed = await hall.RegisterClosedAsync("POLICY");

        var refused = await handler.PostAsJsonAsync("/api/library", new { sourceRequestId = open.Id, kind = "TypicalCase", title = "额度不足" });
        var missing = await handler.PostAsJsonAsync("/api/library", new { title = "额度不足" });
        var entry = await handler.ProposeAsync(closed.Id);

        (await refused.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["sourceRequestId"]);
        (await missing.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["kind", "sourceRequestId"]);
        (entry.Status, entry.Question, entry.Answer, entry.RequestType, entry.ProposerName)
            .ShouldBe((LibraryEntryStatus.Proposed, LibraryApi.InvoiceText, LibraryApi.OnTheSpotAnswer, Bpm.Domain.Requests.RequestType.Policy, "仙桃 所得税科"));
        (await handler.SearchAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_an_approver_publishes_a_rejection_needs_a_reason_and_a_decided_item_is_not_decided_again()
    {
        var handler = await _factory.SignedInAsync("xt.handler");
        var approver = await _factory.SignedInAsync("xt.approver");
        var entry = await handler.ProposeAsync((await (await _factory.SignedInAsync("xt.hall")).RegisterClosedAsync("POLICY")).Id);

        (await handler.PostAsync($"/api/library/{entry.Id}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await (await approver.PostAsJsonAsync($"/api/library/{entry.Id}/reject", new { reason = " " })).ProblemAsync(HttpStatusCode.BadRequest))
            .ErrorFields().ShouldBe(["reason"]);
        (await approver.SearchAsync("?status=Proposed")).ShouldHaveSingleItem().Id.ShouldBe(entry.Id);
        var published = await approver.PublishAsync(entry.Id);
        var again = await approver.PostAsJsonAsync($"/api/library/{entry.Id}/reject", new { reason = "口径已过时" });

        (published.Status, published.DeciderName).ShouldBe((LibraryEntryStatus.Published, "仙桃 纳服科科长"));
        (await again.ProblemAsync(HttpStatusCode.Conflict)).GetProperty("code").GetString().ShouldBe("library.decided");
        (await handler.SearchAsync()).ShouldHaveSingleItem().Id.ShouldBe(entry.Id);
    }

    [Fact]
    public async Task A_published_item_is_seen_below_its_bureau_but_not_in_another_branch_and_proposals_stay_in_the_subtree()
    {
        var ulanqab = await _factory.SignedInAsync("wlcb.handler");
        var entry = await ulanqab.ProposeAsync((await ulanqab.RegisterClosedAsync("ZCYW")).Id);
        var jining = await _factory.SignedInAsync("jn.handler");
        var xiantao = await _factory.SignedInAsync("xt.handler");

        (await jining.SearchAsync("?status=Proposed")).ShouldBeEmpty();
        (await (await _factory.SignedInAsync("xt.approver")).PostAsync($"/api/library/{entry.Id}/publish", null)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await (await _factory.SignedInAsync("wlcb.approver")).PublishAsync(entry.Id);

        (await jining.SearchAsync()).ShouldHaveSingleItem().Id.ShouldBe(entry.Id);
        (await jining.GetAsync($"/api/library/{entry.Id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await xiantao.SearchAsync()).ShouldBeEmpty();
        (await xiantao.GetAsync($"/api/library/{entry.Id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Search_finds_by_substring_similarity_and_tag_and_filters_by_kind_and_type()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var handler = await _factory.SignedInAsync("xt.handler");
        var approver = await _factory.SignedInAsync("xt.approver");
        var invoice = await handler.ProposeAsync((await hall.RegisterClosedAsync("POLICY")).Id);
        var tax = await handler.ProposeAsync((await hall.RegisterClosedAsync("POLICY", "咨询个人所得税汇算清缴的办理时间。")).Id, "汇算清缴时间", "TypicalCase");
        await approver.PublishAsync(invoice.Id);
        await approver.PublishAsync(tax.Id);

        (await handler.SearchAsync("?q=" + Uri.EscapeDataString("汇算清缴"))).Select(e => e.Id).ShouldBe([tax.Id]);
        (await handler.SearchAsync("?q=" + Uri.EscapeDataString("开专用发票提示额度不够"))).Select(e => e.Id).ShouldBe([invoice.Id]);
        (await handler.SearchAsync("?kind=TypicalCase")).Select(e => e.Id).ShouldBe([tax.Id]);
        (await handler.SearchAsync("?tag=" + Uri.EscapeDataString("发票") + "&type=Service")).ShouldBeEmpty();
        (await (await handler.GetAsync("/api/library?kind=Poem&status=Lost")).ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["kind", "status"]);
    }

    [Fact]
    public async Task A_similar_new_request_is_offered_the_published_answer_with_its_score_and_an_unrelated_one_nothing()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var handler = await _factory.SignedInAsync("xt.handler");
        var entry = await handler.ProposeAsync((await hall.RegisterClosedAsync("POLICY")).Id);
        var similar = await hall.RegisterAsync(ApiClient.Registration("POLICY", ("text", "开具增值税专用发票时提示额度不足，怎么处理？")));
        var unrelated = await hall.RegisterAsync(ApiClient.Registration("POLICY", ("text", "咨询个人所得税汇算清缴的办理时间。")));

        (await handler.SuggestedAsync(similar.Id)).ShouldBeEmpty();
        await (await _factory.SignedInAsync("xt.approver")).PublishAsync(entry.Id);
        var offered = await handler.SuggestedAsync(similar.Id);

        offered.ShouldHaveSingleItem().Entry.Id.ShouldBe(entry.Id);
        offered[0].Score.ShouldBeGreaterThanOrEqualTo(Bpm.Application.Library.LibraryService.SuggestionThreshold);
        (await handler.SuggestedAsync(unrelated.Id)).ShouldBeEmpty();
        var ulanqab = await _factory.SignedInAsync("wlcb.handler");
        (await ulanqab.SuggestedAsync((await ulanqab.RegisterAsync(ApiClient.Registration("ZCYW"))).Id)).ShouldBeEmpty();
        (await ulanqab.GetAsync($"/api/requests/{similar.Id}/suggested-answers")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task The_export_gives_published_items_as_parseable_JSON_and_as_Markdown_grouped_by_type()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var handler = await _factory.SignedInAsync("xt.handler");
        var published = await handler.ProposeAsync((await hall.RegisterClosedAsync("POLICY")).Id);
        await handler.ProposeAsync((await hall.RegisterClosedAsync("POLICY", "咨询个人所得税汇算清缴的办理时间。")).Id, "尚未审核");
        await (await _factory.SignedInAsync("xt.approver")).PublishAsync(published.Id);

        var json = await handler.GetAsync("/api/library/export?format=json");
        var markdown = await handler.GetStringAsync("/api/library/export?format=markdown&kind=StandardAnswer");
        var bad = await handler.GetAsync("/api/library/export?format=xml");

        json.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        var items = JsonSerializer.Deserialize<List<LibraryEntryDto>>(await json.Content.ReadAsStringAsync(), ApiClient.Json)!;
        items.ShouldHaveSingleItem().Answer.ShouldBe(LibraryApi.OnTheSpotAnswer);
        markdown.ShouldContain("## 政策落实类");
        markdown.ShouldContain("### 专用发票额度不足的答复口径");
        markdown.ShouldContain("**答复**");
        markdown.ShouldContain("> " + LibraryApi.OnTheSpotAnswer);
        markdown.ShouldContain("《发票管理办法》");
        markdown.ShouldNotContain("尚未审核");
        (await bad.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["format"]);
    }
}
