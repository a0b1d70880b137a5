using System.Net;
using System.Text.RegularExpressions;
using Bpm.Application.Collections;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.WebUi.Collections;

/// <summary>
/// The monthly collection page on Tue 2026-03-03 10:00 Shanghai, March's tasks opened (due Wed 03-04 24:00): 所得税科's
/// handler sends with the form; the tax-service department sees who has not sent; other bureaus see none of 仙桃's.
/// </summary>
public sealed partial class CollectionsPageTests : IDisposable
{
    private readonly ManualTimeProvider _time = new(new DateTimeOffset(2026, 3, 3, 2, 0, 0, TimeSpan.Zero));
    private readonly BpmServerFactory _factory;

    public CollectionsPageTests() => _factory = new BpmServerFactory(time: _time);

    [Fact]
    public async Task A_handler_sends_the_units_figures_through_the_form_and_a_refusal_keeps_the_input()
    {
        await OpenMarchAsync();
        var handler = await _factory.WebSignedInAsync("xt.handler");

        var html = await handler.PageAsync("/collections");
        html.ShouldContain("<h1>月度报送</h1>");
        WebClient.TextOf(html, "my-collection").ShouldContain("2026-03-04 24:00");
        Rows(html).Count.ShouldBe(8);
        WebClient.TextOf(html, "collection-counts").ShouldBe("未报送 8 个单位，已报送 0 个单位");

        var refused = await handler.SubmitAsync("/collections", html, "collection-submit", [new("requestCount", "12"), new("riskPoints", " ")]);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var refusedHtml = await refused.Content.ReadAsStringAsync();
        refusedHtml.ShouldContain("风险点不能为空");
        refusedHtml.ShouldContain("value=\"12\"");

        var sent = await handler.SubmitAsync("/collections", html, "collection-submit", [new("requestCount", "12"), new("riskPoints", "发票额度诉求集中")]);
        sent.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        sent.Headers.Location!.ToString().ShouldEndWith("/collections?done=submitted");

        var after = await handler.PageAsync("/collections?done=submitted");
        WebClient.TextOf(after, "collection-done").ShouldBe("已报送。");
        after.ShouldNotContain("id=\"collection-submit\"");
        Rows(after).ShouldContain(r => r.Contains("所得税科") && r.Contains("已报送") && r.Contains("发票额度诉求集中"));
    }

    [Fact]
    public async Task The_tax_service_department_sees_who_has_not_sent_and_other_bureaus_see_none_of_it()
    {
        await OpenMarchAsync();

        var dispatcher = await _factory.WebSignedInAsync("xt.dispatcher");
        var html = await dispatcher.PageAsync("/collections?month=2026-03");
        html.ShouldNotContain("id=\"collection-submit\"", Case.Sensitive, "纳税服务科 receives, it has no task of its own");
        Rows(html).Count(r => r.Contains("未报送")).ShouldBe(8);
        html.ShouldNotContain("ui-due-yellow", Case.Sensitive, "the 3rd working day is tomorrow: yellow only from the due day on");

        // Wed 03-04 10:00: the due day → yellow; Thu 03-05 00:00 Shanghai: past the cut-off → red.
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 4, 2, 0, 0, TimeSpan.Zero));
        Regex.Matches(await (await _factory.WebSignedInAsync("xt.dispatcher")).PageAsync("/collections"), "ui-due-yellow").Count.ShouldBe(8);
        _time.SetUtcNow(new DateTimeOffset(2026, 3, 4, 16, 0, 0, TimeSpan.Zero));
        Regex.Matches(await (await _factory.WebSignedInAsync("xt.dispatcher")).PageAsync("/collections"), "ui-due-red").Count.ShouldBe(8);

        var ulanqab = await _factory.WebSignedInAsync("wlcb.handler");
        var theirs = await ulanqab.PageAsync("/collections");
        Rows(theirs).Count.ShouldBe(13);
        theirs.ShouldNotContain("仙桃市税务局");

        var english = await _factory.WebSignedInAsync("xt.dispatcher", "en");
        (await english.PageAsync("/collections")).ShouldContain("<h1>Monthly collection</h1>");
        (await english.PageAsync("/collections?month=2026-3x", HttpStatusCode.BadRequest)).ShouldContain("yyyy-MM");
    }

    private async Task OpenMarchAsync()
    {
        var duties = _factory.Services.GetRequiredService<PeriodicDuties>();
        (await duties.RunAsync(CancellationToken.None)).CollectionTasksOpened.ShouldBe(21);
    }

    private static List<string> Rows(string html)
    {
        var table = Regex.Match(html, "<table[^>]*id=\"collections\".*?</table>", RegexOptions.Singleline).Value;
        return [.. RowPattern().Matches(table).Select(m => WebClient.PlainText(m.Value))];
    }

    [GeneratedRegex("<tr data-task=.*?</tr>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
