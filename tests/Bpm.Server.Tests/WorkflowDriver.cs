using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bpm.Server.Api;

namespace Bpm.Server.Tests;

/// <summary>
/// Plays the people of Xiantao's demo bureau through a request's tasks over the API: each task is done by the
/// demo user of its unit and role, who fills in what the chosen outcome requires.
/// </summary>
internal sealed class WorkflowDriver(BpmServerFactory factory)
{
    private readonly Dictionary<string, HttpClient> _clients = [];

    /// <summary>Demo users by (unit code, role) at Xiantao.</summary>
    private static readonly Dictionary<(string Unit, string Role), string> Users = new()
    {
        [("nsfwzx", "Handler")] = "xt.hall",
        [("nsfwk", "Handler")] = "xt.dispatcher",
        [("nsfwk", "Approver")] = "xt.approver",
        [("sdsk", "Handler")] = "xt.handler",
    };

    public async Task<HttpClient> As(string userName)
    {
        if (!_clients.TryGetValue(userName, out var client))
        {
            client = await factory.SignedInAsync(userName);
            _clients[userName] = client;
        }

        return client;
    }

    public async Task<RequestDto> RequestAsync(Guid requestId) =>
        (await (await As("xt.dispatcher")).GetFromJsonAsync<RequestDto>($"/api/requests/{requestId}", ApiClient.Json))!;

    public async Task<TaskDto> OpenTaskAsync(Guid requestId)
    {
        var request = await RequestAsync(requestId);
        return request.Tasks!.Single(t => t.Status == Bpm.Domain.Tasks.RequestTaskStatus.Open);
    }

    public Task<HttpClient> OwnerOf(TaskDto task) => As(Users[(task.Unit!.Code, task.Role)]);

    /// <summary>Completes the task as its unit's user with the outcome and the data given, or with generated data for the required fields.</summary>
    public async Task<HttpResponseMessage> CompleteAsync(TaskDto task, string outcome, JsonObject? data = null, HttpClient? client = null)
    {
        client ??= await OwnerOf(task);
        data ??= await RequiredDataAsync(task, outcome);
        return await client.PostAsJsonAsync($"/api/tasks/{task.Id}/complete", new { outcome, data });
    }

    public async Task<TaskCompletionDto> CompleteOkAsync(TaskDto task, string outcome, JsonObject? data = null)
    {
        var response = await CompleteAsync(task, outcome, data);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{task.Title} → {outcome}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<TaskCompletionDto>(ApiClient.Json))!;
    }

    /// <summary>Follows the first outcome of every task until the request has no open task; returns the titles done.</summary>
    public async Task<IReadOnlyList<string>> FollowFirstOutcomesAsync(Guid requestId)
    {
        var done = new List<string>();
        for (var step = 0; step < 30; step++)
        {
            var open = (await RequestAsync(requestId)).Tasks!.Where(t => t.Status == Bpm.Domain.Tasks.RequestTaskStatus.Open).ToList();
            if (open.Count == 0)
            {
                return done;
            }

            var task = open.ShouldHaveSingleItem();
            await CompleteOkAsync(task, task.Outcomes[0]);
            done.Add(task.Title);
        }

        throw new ShouldAssertException("the normal path did not end within 30 tasks: " + string.Join(" → ", done));
    }

    /// <summary>Values for the fields the outcome requires: text "已办理", number 1, unit = 所得税科, choice = first option.</summary>
    public async Task<JsonObject> RequiredDataAsync(TaskDto task, string outcome)
    {
        var data = new JsonObject();
        foreach (var field in (task.Form as JsonArray ?? []).Select(f => f!.AsObject()))
        {
            var outcomes = field["outcomes"] as JsonArray;
            var applies = outcomes is null || outcomes.Count == 0 || outcomes.Any(o => o!.GetValue<string>() == outcome);
            if (!applies || field["required"]?.GetValue<bool>() != true)
            {
                continue;
            }

            data[field["name"]!.GetValue<string>()] = field["type"]?.GetValue<string>() switch
            {
                "number" => 1,
                "unit" => (await UnitAsync("sdsk")).ToString(),
                "choice" => field["options"]![0]!.GetValue<string>(),
                _ => "已办理",
            };
        }

        return data;
    }

    public async Task<Guid> UnitAsync(string code)
    {
        var bureaus = await (await As("xt.admin")).GetFromJsonAsync<JsonArray>("/api/bureaus");
        return bureaus!.SelectMany(b => b!["units"]!.AsArray()).Where(u => u!["code"]!.GetValue<string>() == code)
            .Select(u => Guid.Parse(u!["id"]!.GetValue<string>())).First();
    }
}
