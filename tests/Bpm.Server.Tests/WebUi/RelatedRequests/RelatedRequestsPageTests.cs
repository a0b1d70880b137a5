using System.Net;
using Bpm.Domain.Requests;
using Bpm.Server.Api;
using Bpm.Testing;
using Shouldly;
using Xunit;

namespace Bpm.Server.Tests.WebUi.RelatedRequests;

/// <summary>The request page's card of repeat requesters and likely duplicates, and its merge form (Xiantao).</summary>
public sealed class RelatedRequestsPageTests : IDisposable
{
    private const string Invoice = "电子税务局开具增值税专用发票时提示税控设备异常，无法开票，请尽快处理。";
    private const string InvoiceRewritten = "你好，我们公司在电子税务局开专票的时候一直提示税控设备异常，发票开不出来，麻烦帮忙看一下。";

    private readonly BpmServerFactory _factory = new(time: new ManualTimeProvider(ApiClient.Now));

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }

    private async Task<(RequestDto First, RequestDto Second)> TwoOfOneMatterAsync()
    {
        var api = await _factory.SignedInAsync("xt.hall");
        var first = await api.RegisterAsync(ApiClient.Registration("POLICY", ("text", Invoice), ("receivedAt", ApiClient.Now.AddDays(-2))));
        var second = await api.RegisterAsync(ApiClient.Registration("POLICY", ("text", InvoiceRewritten)));
        return (first, second);
    }

    [Fact]
    public async Task The_page_marks_a_likely_duplicate_with_its_similarity_and_the_repeat_requester_with_links()
    {
        var (first, second) = await TwoOfOneMatterAsync();
        var web = await _factory.WebSignedInAsync("xt.dispatcher");

        var html = await web.PageAsync($"/requests/{second.Id}");

        var duplicates = WebClient.TextOf(html, "related-duplicates");
        duplicates.ShouldContain("疑似重复诉求");
        duplicates.ShouldMatch(@"相似度 \d+%");
        duplicates.ShouldContain(first.Number);
        html.ShouldContain($"href=\"/requests/{first.Id}\"");
        WebClient.TextOf(html, "related-repeat").ShouldContain("重复诉求人");
        // The earlier request shows the later one too.
        WebClient.TextOf(await web.PageAsync($"/requests/{first.Id}"), "related-duplicates").ShouldContain(second.Number);
    }

    [Fact]
    public async Task A_handler_merges_on_the_page_a_missing_reason_is_refused_and_the_page_then_shows_the_merge()
    {
        var (first, second) = await TwoOfOneMatterAsync();
        var web = await _factory.WebSignedInAsync("xt.hall");
        var path = $"/requests/{second.Id}";

        var refused = await web.SubmitAsync(path, await web.PageAsync(path), "merge", [new("intoRequestId", first.Id.ToString()), new("mergeReason", "")]);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("合并须说明原因");

        var merged = await web.SubmitAsync(path, await web.PageAsync(path), "merge", [new("intoRequestId", first.Id.ToString()), new("mergeReason", "与前一件为同一事项")]);
        merged.Headers.Location!.ToString().ShouldEndWith("?done=merged");

        var html = await web.PageAsync(path + "?done=merged");
        WebClient.TextOf(html, "request-status").ShouldBe("已合并");
        WebClient.TextOf(html, "request-merged").ShouldContain("已合并");
        WebClient.TextOf(html, "related-merged-into").ShouldContain(first.Number);
        html.ShouldNotContain("id=\"merge-form\"");
        WebClient.TextOf(await web.PageAsync($"/requests/{first.Id}"), "related-merged-here").ShouldContain(second.Number);
    }

    [Fact]
    public async Task The_inbox_marks_the_row_of_a_likely_duplicate_only()
    {
        var (first, second) = await TwoOfOneMatterAsync();

        var html = await (await _factory.WebSignedInAsync("xt.hall")).PageAsync("/inbox");

        string Row(string number) => System.Text.RegularExpressions.Regex.Matches(html, "<tr\\b.*?</tr>", System.Text.RegularExpressions.RegexOptions.Singleline)
            .Select(m => m.Value).Single(row => row.Contains(number, StringComparison.Ordinal));
        Row(second.Number).ShouldContain("data-mark=\"duplicate\"");
        WebClient.PlainText(Row(second.Number)).ShouldContain("疑似重复诉求");
        Row(first.Number).ShouldNotContain("data-mark=\"duplicate\"");
    }

    [Fact]
    public async Task Users_who_may_not_merge_get_no_form_and_another_bureau_gets_404_without_the_links()
    {
        var (first, second) = await TwoOfOneMatterAsync();

        var analyst = await (await _factory.WebSignedInAsync("xt.analyst")).PageAsync($"/requests/{second.Id}");
        analyst.ShouldContain(first.Number);
        analyst.ShouldNotContain("id=\"merge-form\"");

        var other = await (await _factory.WebSignedInAsync("wlcb.handler")).PageAsync($"/requests/{second.Id}", HttpStatusCode.NotFound);
        other.ShouldNotContain(first.Number);
        other.ShouldNotContain("疑似重复");
    }
}
