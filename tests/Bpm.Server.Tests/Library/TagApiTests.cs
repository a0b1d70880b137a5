using System.Net;
using System.Net.Http.Json;
using Bpm.Server.Api;
using Bpm.Server.Library;
using Bpm.Testing;

namespace Bpm.Server.Tests.Library;

/// <summary>
/// Tags over the API: Ulanqab's vocabulary holds at 集宁区 too (inherited), a request's tags are marked vocabulary or free,
/// refused tags name the field, the list filters by tag, and every change is in the request's journal.
/// </summary>
public sealed class TagApiTests : IDisposable
{
    private readonly BpmServerFactory _factory = new(time: new ManualTimeProvider(ApiClient.Now));

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }

    [Fact]
    public async Task A_vocabulary_set_at_Ulanqab_is_inherited_by_Jining_until_Jining_sets_its_own()
    {
        var admin = await _factory.SignedInAsync("wlcb.admin");

        var set = await admin.PutAsJsonAsync("/api/admin/bureaus/ulanqab/tags", new { tags = new[] { "发票", " 出口退税 ", "发票" } });
        var atJining = await admin.GetFromJsonAsync<TagVocabularyDto>("/api/admin/bureaus/jining/tags", ApiClient.Json);
        await admin.PutAsJsonAsync("/api/admin/bureaus/jining/tags", new { tags = new[] { "社保费" } });
        var own = await admin.GetFromJsonAsync<TagVocabularyDto>("/api/admin/bureaus/jining/tags", ApiClient.Json);

        set.StatusCode.ShouldBe(HttpStatusCode.OK, await set.Content.ReadAsStringAsync());
        var ulanqab = (await set.Content.ReadFromJsonAsync<TagVocabularyDto>(ApiClient.Json))!;
        ulanqab.IsOwn.ShouldBeTrue();
        ulanqab.Tags.ShouldBe(["发票", "出口退税"]);
        (atJining!.IsOwn, atJining.InheritedFrom, atJining.Tags.Count).ShouldBe((false, ulanqab.BureauId, 2));
        (own!.IsOwn, own.Tags.ShouldHaveSingleItem()).ShouldBe((true, "社保费"));
        (await (await _factory.SignedInAsync("xt.admin")).GetAsync("/api/admin/bureaus/ulanqab/tags")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await _factory.SignedInAsync("wlcb.handler")).PutAsJsonAsync("/api/admin/bureaus/ulanqab/tags", new { tags = new[] { "x" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Request_tags_are_marked_vocabulary_or_free_filter_the_list_and_are_journalled()
    {
        await (await _factory.SignedInAsync("wlcb.admin")).PutAsJsonAsync("/api/admin/bureaus/ulanqab/tags", new { tags = new[] { "发票", "出口退税" } });
        var hall = await _factory.SignedInAsync("jn.hall");
        var request = await hall.RegisterAsync(ApiClient.Registration("ZCYW"));
        var untagged = await hall.RegisterAsync(ApiClient.Registration("ZCYW"));

        var response = await hall.PutAsJsonAsync($"/api/requests/{request.Id}/tags", new { tags = new[] { "发票", "额度不足" } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadFromJsonAsync<List<RequestTagDto>>(ApiClient.Json))!.Select(t => (t.Name, t.FromVocabulary))
            .ShouldBe([("发票", true), ("额度不足", false)]);
        (await hall.ListAsync("?tag=" + Uri.EscapeDataString("发票"))).Items.Select(r => r.Id).ShouldBe([request.Id]);
        (await hall.ListAsync()).Items.Select(r => r.Id).ShouldContain(untagged.Id);
        var journal = (await hall.GetFromJsonAsync<RequestDto>($"/api/requests/{request.Id}", ApiClient.Json))!.Journal!;
        journal.Last().ActivityType.ShouldBe("Bpm.Tags");
        journal.Last().Message.ShouldBe("标签：（无） → 发票、额度不足");
    }

    [Fact]
    public async Task Bad_tags_are_refused_naming_the_field_and_nothing_changes()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var request = await hall.RegisterAsync(ApiClient.Registration("POLICY"));
        await hall.PutAsJsonAsync($"/api/requests/{request.Id}/tags", new { tags = new[] { "发票" } });

        var tooMany = await hall.PutAsJsonAsync($"/api/requests/{request.Id}/tags", new { tags = Enumerable.Range(1, 11).Select(i => $"标签{i}") });
        var tooLong = await hall.PutAsJsonAsync($"/api/requests/{request.Id}/tags", new { tags = new[] { new string('税', 21) } });
        var control = await hall.PutAsJsonAsync($"/api/requests/{request.Id}/tags", new { tags = new[] { "电子\u0007税务局" } });

        (await tooMany.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["tags"]);
        (await tooLong.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["tags"]);
        (await control.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["tags"]);
        (await hall.GetFromJsonAsync<List<RequestTagDto>>($"/api/requests/{request.Id}/tags", ApiClient.Json))!.ShouldHaveSingleItem().Name.ShouldBe("发票");
        (await (await _factory.SignedInAsync("wlcb.handler")).PutAsJsonAsync($"/api/requests/{request.Id}/tags", new { tags = new[] { "x" } }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await _factory.SignedInAsync("xt.analyst")).PutAsJsonAsync($"/api/requests/{request.Id}/tags", new { tags = new[] { "x" } }))
            .StatusCode.ShouldBe(HttpStatusCode.Forbidden);
    }
}
