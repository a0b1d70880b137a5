using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Bpm.Server.Api;

namespace Bpm.Server.Tests;

/// <summary>
/// Plays the people of a demo bureau (Xiantao or Ulanqab) through a request's tasks over the API: each task is done by the
/// demo user of its unit and role, who fills in what the chosen outcome requires.
/// </summary>
internal sealed class WorkflowDriver(BpmServerFactory factory, string bureau = "xiantao")
{
    private readonly Dictionary<string, HttpClient> _clients = [];

    /// <summary>Demo users by (bureau, unit code, role), and the unit each bureau dispatches handling to.</summary>
    private static readonly Dictionary<(string Bureau, string Unit, string Role), string> Users = new()
    {
        [("xiantao", "nsfwzx", "Handler")] = "xt.hall",
        [("xiantao", "nsfwk", "Handler")] = "xt.dispatcher",
        [("xiantao", "nsfwk", "Approver")] = "xt.approver",
        [("xiantao", "sdsk", "Handler")] = "xt.handler",
        [("ulanqab", "nsfwk", "Handler")] = "wlcb.dispatcher",
        [("ulanqab", "nsfwk", "Approver")] = "wlcb.approver",
        [("ulanqab", "zsglk", "Handler")] = "wlcb.handler",
    };

    private static readonly Dictionary<string, (string Admin, string LeadUnit)> Bureaus = new()
    {
        ["xiantao"] = ("xt.admin", "sdsk"),
        ["ulanqab"] = ("wlcb.admin", "zsglk"),
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

    /// <summary>Tokens expire on the server's clock (8 h): after moving a test clock by days, sign in again.</summary>
    public void SignInAgain() => _clients.Clear();

    public async Task<RequestDto> RequestAsync(Guid requestId) =>
        (await (await As(Bureaus[bureau].Admin)).GetFromJsonAsync<RequestDto>($"/api/requests/{requestId}", ApiClient.Json))!;

    public async Task<TaskDto> OpenTaskAsync(Guid requestId)
    {
        var request = await RequestAsync(requestId);
        return request.Tasks!.Single(t => t.Status == Bpm.Domain.Tasks.RequestTaskStatus.Open);
    }

    public Task<HttpClient> OwnerOf(TaskDto task) => As(Users[(bureau, task.Unit!.Code, task.Role)]);

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

    /// <summary>Values for the fields the outcome requires: text "已办理", number 1, unit = the bureau's lead unit, choice = first option.</summary>
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
                "unit" => (await UnitAsync(Bureaus[bureau].LeadUnit)).ToString(),
                "choice" => field["options"]![0]!.GetValue<string>(),
                _ => "已办理",
            };
        }

        return data;
    }

    public async Task<Guid> UnitAsync(string code)
    {
        var bureaus = await (await As(Bureaus[bureau].Admin)).GetFromJsonAsync<JsonArray>("/api/bureaus");
        return bureaus!.SelectMany(b => b!["units"]!.AsArray()).Where(u => u!["code"]!.GetValue<string>() == code)
            .Select(u => Guid.Parse(u!["id"]!.GetValue<string>())).First();
    }
}
