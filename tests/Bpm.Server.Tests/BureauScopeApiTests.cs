using System.Net;
using System.Net.Http.Json;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Server.Api;
using Bpm.Testing;

namespace Bpm.Server.Tests;

/// <summary>A user sees their bureau and everything below it, nothing beside or above it.</summary>
public sealed class BureauScopeApiTests : IDisposable
{
    private readonly BpmServerFactory _factory = new(time: new ManualTimeProvider(ApiClient.Now));

    [Fact]
    public async Task A_city_sees_its_sub_bureaus_requests_but_not_the_other_way_round()
    {
        var atJining = await (await _factory.SignedInAsync("jn.hall")).RegisterAsync(ApiClient.Registration("ZCYW"));
        var atUlanqab = await (await _factory.SignedInAsync("wlcb.handler")).RegisterAsync(ApiClient.Registration("FWYX"));
        atJining.Number.ShouldBe("JN-2026-000001");
        atUlanqab.Number.ShouldBe("WLCB-2026-000001");

        var wlcbAdmin = await _factory.SignedInAsync("wlcb.admin");
        (await wlcbAdmin.GetFromJsonAsync<RequestDto>($"/api/requests/{atJining.Id}", ApiClient.Json))!.Number.ShouldBe(atJining.Number);
        (await wlcbAdmin.ListAsync()).Items.Select(r => r.Number).Order().ShouldBe(["JN-2026-000001", "WLCB-2026-000001"]);

        var jnHandler = await _factory.SignedInAsync("jn.handler");
        await (await jnHandler.GetAsync($"/api/requests/{atUlanqab.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        (await jnHandler.ListAsync()).Items.Select(r => r.Number).ShouldBe(["JN-2026-000001"]);
    }

    [Fact]
    public async Task Another_city_cannot_tell_a_hidden_request_from_a_missing_one()
    {
        var atUlanqab = await (await _factory.SignedInAsync("wlcb.handler")).RegisterAsync(ApiClient.Registration("FWYX"));
        var xiantao = await _factory.SignedInAsync("xt.handler");

        var hidden = await (await xiantao.GetAsync($"/api/requests/{atUlanqab.Id}")).ProblemAsync(HttpStatusCode.NotFound);
        var missing = await (await xiantao.GetAsync($"/api/requests/{Guid.NewGuid()}")).ProblemAsync(HttpStatusCode.NotFound);

        hidden.GetProperty("title").GetString().ShouldBe(missing.GetProperty("title").GetString());
        (await xiantao.ListAsync()).TotalCount.ShouldBe(0);
        (await xiantao.ListAsync("?category=FWYX")).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Bureaus_show_the_users_subtree_with_units_and_inherited_settings()
    {
        var admin = await _factory.SignedInAsync("wlcb.admin");

        var roots = (await admin.GetFromJsonAsync<List<BureauNodeDto>>("/api/bureaus", ApiClient.Json))!;

        var ulanqab = roots.ShouldHaveSingleItem();
        ulanqab.Code.ShouldBe("ulanqab");
        ulanqab.Units.Select(u => u.Code).ShouldContain("nsfwk");
        ulanqab.Units.Single(u => u.Code == "nsfwk").Duties.ShouldBe(Bpm.Domain.Bureaus.UnitDuties.TaxService | Bpm.Domain.Bureaus.UnitDuties.JointMeetingOffice);
        ulanqab.Categories.Inherited.ShouldBeFalse();
        ulanqab.Categories.FromBureau.ShouldBe("ulanqab");
        var ownHandling = Line(ulanqab, RequestType.Service, SlaStep.Handling);
        (ownHandling.WorkingDays, ownHandling.Inherited, ownHandling.FromBureau).ShouldBe((10, false, "ulanqab"));
        var transfer = Line(ulanqab, RequestType.Service, SlaStep.Transfer);
        (transfer.WorkingDays, transfer.Inherited, transfer.FromBureau).ShouldBe((1, true, "national"));

        var jining = ulanqab.Children.ShouldHaveSingleItem();
        jining.Code.ShouldBe("jining");
        jining.ParentId.ShouldBe(ulanqab.Id);
        jining.Units.Select(u => u.Code).Order().ShouldBe(["bsfwt", "dyfj", "nsfwg", "zsglg"]);
        jining.Children.ShouldBeEmpty();
        var handling = Line(jining, RequestType.Policy, SlaStep.Handling);
        (handling.WorkingDays, handling.Inherited, handling.FromBureau).ShouldBe((10, true, "ulanqab"));
        var cap = Line(jining, RequestType.Policy, SlaStep.ExtensionCap);
        (cap.WorkingDays, cap.CapBasis).ShouldBe((20, ExtensionCapBasis.ExtensionOnly));
        jining.Sla.Select(p => p.Type).ShouldBe(Enum.GetValues<RequestType>());
        jining.Categories.Inherited.ShouldBeTrue();
        jining.Categories.FromBureau.ShouldBe("ulanqab");
        jining.Categories.Items.Select(c => c.Code).ShouldBe(["ZCYW", "XTJS", "ZGLC", "FWYX", "FWZX", "QHQY", "QT"]);
    }

    [Fact]
    public async Task A_sub_bureau_sees_only_itself_and_Xiantao_has_no_children()
    {
        var jining = (await (await _factory.SignedInAsync("jn.handler")).GetFromJsonAsync<List<BureauNodeDto>>("/api/bureaus", ApiClient.Json))!;
        jining.Select(b => b.Code).ShouldBe(["jining"]);

        var xiantao = (await (await _factory.SignedInAsync("xt.admin")).GetFromJsonAsync<List<BureauNodeDto>>("/api/bureaus", ApiClient.Json))!;
        xiantao.Single().Children.ShouldBeEmpty();
        Line(xiantao.Single(), RequestType.Other, SlaStep.Handling).ShouldSatisfyAllConditions(
            line => line.WorkingDays.ShouldBe(2), line => line.Inherited.ShouldBeFalse());
        xiantao.Single().Categories.FromBureau.ShouldBe("national");
    }

    private static SlaLineDto Line(BureauNodeDto bureau, RequestType type, SlaStep step) =>
        bureau.Sla.Single(p => p.Type == type).Steps.Single(s => s.Step == step);

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
