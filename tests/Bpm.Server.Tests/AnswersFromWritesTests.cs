using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bpm.Testing;

namespace Bpm.Server.Tests;

/// <summary>
/// A registration's 201 and a completion's 200 are built from what the unit of work wrote, not read back from the database;
/// a client must not tell the difference: every field they show is, byte for byte, what <c>GET /api/requests/{id}</c> shows.
/// </summary>
public sealed class AnswersFromWritesTests : IDisposable
{
    private readonly BpmServerFactory _factory = new(time: new ManualTimeProvider(ApiClient.Now));

    [Fact]
    public async Task A_registrations_201_is_what_a_GET_of_the_request_shows_tasks_timers_deadlines_and_journal_included()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        await hall.RegisterAsync(ApiClient.Registration("SERVICE"));

        var response = await hall.PostAsJsonAsync("/api/requests", ApiClient.Registration("POLICY"));

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var read = JsonNode.Parse(await hall.GetStringAsync(response.Headers.Location))!.AsObject();
        created["tasks"]!.AsArray().Count.ShouldBe(1);
        created["timers"]!.AsArray().Count.ShouldBe(5);
        created["deadlines"]!.AsArray().Count.ShouldBe(1);
        created["journal"]!.AsArray().Count.ShouldBeGreaterThan(0);
        ShouldShowTheSame(created, read);
        read.Select(p => p.Key).ShouldBe(created.Select(p => p.Key));
    }

    [Fact]
    public async Task A_request_answered_on_the_spot_has_a_201_without_tasks_equal_to_its_GET()
    {
        var hall = await _factory.SignedInAsync("xt.hall");

        var response = await hall.PostAsJsonAsync("/api/requests", ApiClient.Registration("POLICY", ("onTheSpotAnswer", "已当场解释留抵退税政策。")));

        var created = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        created["tasks"]!.AsArray().ShouldBeEmpty();
        ShouldShowTheSame(created, JsonNode.Parse(await hall.GetStringAsync(response.Headers.Location))!.AsObject());
    }

    [Fact]
    public async Task A_completions_200_shows_the_task_the_request_and_its_open_tasks_as_a_GET_of_the_request_does()
    {
        var hall = await _factory.SignedInAsync("xt.hall");
        var registered = await hall.RegisterAsync(ApiClient.Registration("POLICY"));
        var driver = new WorkflowDriver(_factory);
        var task = await driver.OpenTaskAsync(registered.Id);
        var owner = await driver.OwnerOf(task);

        var response = await driver.CompleteAsync(task, task.Outcomes[0]);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var completion = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        var read = JsonNode.Parse(await owner.GetStringAsync($"/api/requests/{registered.Id}"))!.AsObject();
        var request = completion["request"]!.AsObject();
        request["version"]!.GetValue<long>().ShouldBe(2);
        ShouldShowTheSame(request, read);
        var tasks = read["tasks"]!.AsArray().Select(t => t!.AsObject()).ToList();
        ShouldShowTheSame(completion["task"]!.AsObject(), tasks.Single(t => t["id"]!.GetValue<string>() == task.Id.ToString()));
        var open = completion["openTasks"]!.AsArray();
        open.Count.ShouldBe(1);
        JsonNode.DeepEquals(open, new JsonArray([.. tasks.Where(t => t["status"]!.GetValue<string>() == "Open").Select(t => t.DeepClone())]))
            .ShouldBeTrue($"open tasks: {open.ToJsonString()}\nGET: {read["tasks"]!.ToJsonString()}");
    }

    /// <summary>Every field <paramref name="answer"/> shows (null ones are not shown: the completion's request has no lists) equals the GET's.</summary>
    private static void ShouldShowTheSame(JsonObject answer, JsonObject read)
    {
        foreach (var (name, value) in answer.Where(p => p.Value is not null))
        {
            JsonNode.DeepEquals(value, read[name]).ShouldBeTrue($"{name}: answer {value!.ToJsonString()}\nGET {read[name]?.ToJsonString()}");
        }
    }

    public void Dispose() => _factory.Dispose();
}
