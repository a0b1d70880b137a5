using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bpm.Server.Tests.Fuzz;
using Bpm.Testing;
using static Bpm.Server.Tests.Fuzz.HostileWorkflows;

namespace Bpm.Server.Tests.Elsa;

/// <summary>
/// A definition saved from Studio is checked before it is published (Studio's Publish button = save with
/// <c>publish: true</c>; also <c>POST …/{id}/publish</c>): each fault is a 400 whose <c>errors</c> are keyed by the activity
/// to look at, which Studio's snackbar lists, and nothing is published; the draft itself is kept (auto-save must not lose work).
/// </summary>
public sealed class ElsaPublishValidationTests : IDisposable
{
    private readonly BpmServerFactory _factory = new(time: new ManualTimeProvider(ApiClient.Now));

    public static TheoryData<string, string, string> Faults() => new()
    {
        { "unknown activity", "x", "Unknown activity type 'Acme.LaunchMissiles'" },
        { "dangling connection", "w", "activity 'ghost' does not exist" },
        { "missing start", "workflow", "No start activity" },
        { "javascript that does not parse", "d", "JavaScript does not parse" },
        { "javascript ES6 arrow", "d", "JavaScript does not parse" },
        { "endless loop", "a", "endless loop a → b → a" },
        { "endless self loop", "a", "endless loop a → a" },
    };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task A_faulty_definition_is_saved_as_a_draft_but_publishing_it_is_a_400_naming_the_activity(string fault, string field, string message)
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var model = Model(fault);
        model["definitionId"] = "pilot";

        var published = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions", JsonContent.Create(ElsaWireClient.SaveBody(model, publish: true)));
        var saved = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions", JsonContent.Create(ElsaWireClient.SaveBody(model, publish: false)));
        var viaRoute = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions/pilot/publish", JsonContent.Create(new JsonObject()));

        var problem = await published.ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldContain(field);
        problem.ErrorMessages().ShouldContain(m => m.Contains(message, StringComparison.Ordinal));
        saved.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await viaRoute.ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldContain(field);
        (await ElsaDefinitionContractTests.ModelAsync(owner, "pilot"))["isPublished"]!.GetValue<bool>().ShouldBeFalse();
        (await owner.ElsaGetAsync("/workflow-definitions?versionOptions=Published&DefinitionIds=pilot")).GetProperty("totalCount").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task Loops_that_wait_for_someone_or_can_leave_are_published()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var rehandling = Flowchart([Start("s"), WriteLine("a"), Activity("wait", "Elsa.Event")], [Connect("s", "a"), Connect("a", "wait"), Connect("wait", "a")]);
        rehandling["definitionId"] = "rehandling";
        var retry = Flowchart(
            [Start("s"), WriteLine("a"), Decision("again", "false"), Activity("end", "Elsa.End")],
            [Connect("s", "a"), Connect("a", "again"), Connect("again", "a", "True"), Connect("again", "end", "False")]);
        retry["definitionId"] = "retry";

        var first = await ElsaDefinitionContractTests.SaveAsync(owner, rehandling, publish: true);
        var second = await ElsaDefinitionContractTests.SaveAsync(owner, retry, publish: true);

        first.GetProperty("workflowDefinition").GetProperty("isPublished").GetBoolean().ShouldBeTrue();
        second.GetProperty("workflowDefinition").GetProperty("isPublished").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_loop_of_ten_thousand_activities_is_refused_quickly_by_name()
    {
        var owner = await _factory.SignedInAsync("xt.owner");
        var (_, model) = HostileWorkflows.Models().Single(m => m.Name == "10,000 activities in a cycle");
        model["definitionId"] = "huge-loop";

        var response = await owner.PostAsync(ElsaWireClient.Api + "/workflow-definitions", JsonContent.Create(ElsaWireClient.SaveBody(model, publish: true)));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["a0"]);
        problem.ErrorMessages().ShouldHaveSingleItem().ShouldContain("endless loop a0 → a1 → a2");
    }

    private static JsonObject Model(string fault) => fault switch
    {
        "unknown activity" => Flowchart([Start("s"), Activity("x", "Acme.LaunchMissiles")], [Connect("s", "x")]),
        "dangling connection" => Flowchart([Start("s"), WriteLine("w")], [Connect("s", "w"), Connect("w", "ghost")]),
        "missing start" => Flowchart([WriteLine("a"), WriteLine("b")], [Connect("a", "b"), Connect("b", "a")]),
        "javascript that does not parse" => Flowchart([Start("s"), Decision("d", "function (")], [Connect("s", "d")]),
        "javascript ES6 arrow" => Flowchart([Start("s"), Decision("d", "(() => true)()")], [Connect("s", "d")]),
        "endless loop" => Flowchart([Start("s"), WriteLine("a"), WriteLine("b")], [Connect("s", "a"), Connect("a", "b"), Connect("b", "a")]),
        "endless self loop" => Flowchart([Start("s"), WriteLine("a")], [Connect("s", "a"), Connect("a", "a")]),
        _ => throw new ArgumentOutOfRangeException(nameof(fault), fault, null),
    };

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
