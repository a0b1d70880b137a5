using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;

namespace Bpm.Chaos;

/// <summary>
/// Plays Xiantao's demo users against the nodes: xt.hall registers POLICY requests received 0–15 days ago (so the first
/// task's escalation rungs are due at once or soon: real timers that go through the outbox and Quartz while the drill
/// kills nodes); most requests then get their first task (受理登记, by xt.hall) and some their second (分派, by
/// xt.dispatcher to 所得税科) completed. Some completions are sent twice at once (to two nodes when there are two), so
/// that "never completed twice" is tried, not assumed. Every call and its answer goes into the <see cref="DrillLedger"/>.
/// </summary>
public sealed class LoadGenerator(IReadOnlyList<ServerNode> nodes, DrillLedger ledger, int seed)
{
    public const string Password = "Bpm@2026demo";

    private static readonly Dictionary<(string Unit, string Role), string> Owners = new()
    {
        [("nsfwzx", "Handler")] = "xt.hall",
        [("nsfwk", "Handler")] = "xt.dispatcher",
        [("nsfwk", "Approver")] = "xt.approver",
        [("sdsk", "Handler")] = "xt.handler",
    };

    private readonly ConcurrentDictionary<(Uri Node, string User), string> _tokens = new();
    private readonly HttpClient _http = new(new SocketsHttpHandler { UseProxy = false, PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    private int _issued;
    private int _markers;
    private int _confirmed;
    private Guid _leadUnit;

    /// <summary>Registrations that reached a server (whatever the answer); the drill's budget counts these.</summary>
    public int Issued => Volatile.Read(ref _issued);

    /// <summary>Registrations answered 201 so far.</summary>
    public int Confirmed => Volatile.Read(ref _confirmed);

    /// <summary>Runs <paramref name="workers"/> clients until <paramref name="requests"/> registrations were sent or the token is cancelled.</summary>
    public async Task RunAsync(int workers, int requests, CancellationToken cancellationToken)
    {
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(() => WorkAsync(worker, requests, cancellationToken), CancellationToken.None)));
    }

    private async Task WorkAsync(int worker, int requests, CancellationToken cancellationToken)
    {
        var random = new Random(seed * 1000 + worker);
        while (!cancellationToken.IsCancellationRequested && Volatile.Read(ref _issued) < requests)
        {
            var index = Interlocked.Increment(ref _markers);

            var node = nodes[(worker + index) % nodes.Count];
            if (!node.IsRunning)
            {
                node = nodes.FirstOrDefault(n => n.IsRunning) ?? node;
            }

            try
            {
                await OneRequestAsync(node, index, random, cancellationToken);
                if (index % 2 == 0)
                {
                    await DispatchOneAsync(node, random, cancellationToken);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private async Task OneRequestAsync(ServerNode node, int index, Random random, CancellationToken cancellationToken)
    {
        var marker = $"chaos-{seed.ToString(CultureInfo.InvariantCulture)}-{index.ToString(CultureInfo.InvariantCulture)}";
        var received = TimeProvider.System.GetUtcNow().AddHours(-random.Next(1, 15 * 24));
        var body = new JsonObject
        {
            ["taxpayerName"] = "仙桃市演练科技有限公司",
            ["contact"] = "0728-3312345",
            ["text"] = $"申请开具增值税专用发票时系统提示额度不足，请协助处理。（故障演练 {marker}）",
            ["receivedAt"] = received,
            ["channel"] = "Hotline12366",
            ["categoryCode"] = "POLICY",
        };
        var (outcome, status, answer) = await SendAsync(node, "xt.hall", HttpMethod.Post, "/api/requests", body, cancellationToken);
        if (outcome == CallOutcome.NotSent)
        {
            // The node is down (killed, restarting): wait for it instead of spending the budget on refused connections.
            await Task.Delay(200, cancellationToken);
        }
        else
        {
            Interlocked.Increment(ref _issued);
        }

        if (outcome == CallOutcome.Succeeded)
        {
            Interlocked.Increment(ref _confirmed);
        }

        var created = outcome == CallOutcome.Succeeded ? answer : null;
        ledger.Add(new RegistrationCall(marker, outcome, status,
            created?["id"]?.GetValue<Guid>(), created?["number"]?.GetValue<string>()));
        if (created is null || random.NextDouble() < 0.2)
        {
            return;
        }

        var requestId = created["id"]!.GetValue<Guid>();
        var open = OpenTasks(created["tasks"]);
        for (var step = 0; step < 2 && open.Count == 1; step++)
        {
            var task = open[0];
            var twice = random.NextDouble() < 0.25;
            var completion = await CompleteAsync(node, task, requestId, twice, cancellationToken);
            if (completion is null || random.NextDouble() < 0.3)
            {
                return;
            }

            open = OpenTasks(completion["openTasks"]);
        }
    }

    /// <summary>
    /// xt.dispatcher takes one of the first 分派 tasks in the inbox (they open once the drill's delay fired) and dispatches it
    /// to 所得税科; the workers race for the same few tasks, so most races end in one 200 and 409s.
    /// </summary>
    private async Task DispatchOneAsync(ServerNode node, Random random, CancellationToken cancellationToken)
    {
        var (outcome, _, page) = await SendAsync(node, "xt.dispatcher", HttpMethod.Get, "/api/tasks?pageSize=5", null, cancellationToken);
        var items = outcome == CallOutcome.Succeeded ? OpenTasks(page?["items"]) : [];
        if (items.Count > 0)
        {
            var task = items[random.Next(items.Count)];
            await CompleteAsync(node, task, task["requestId"]!.GetValue<Guid>(), twice: random.NextDouble() < 0.25, cancellationToken);
        }
    }

    /// <summary>Completes a task as its unit's user; sent twice at once (to another node when there is one) when <paramref name="twice"/>.</summary>
    private async Task<JsonNode?> CompleteAsync(ServerNode node, JsonNode task, Guid requestId, bool twice, CancellationToken cancellationToken)
    {
        var taskId = task["id"]!.GetValue<Guid>();
        var user = Owners.GetValueOrDefault((task["unit"]?["code"]?.GetValue<string>() ?? "", task["role"]?.GetValue<string>() ?? ""));
        if (user is null)
        {
            return null;
        }

        var outcome = task["outcomes"]!.AsArray()[0]!.GetValue<string>();
        var body = new JsonObject { ["outcome"] = outcome, ["data"] = await RequiredDataAsync(node, task, outcome, cancellationToken) };
        var other = twice ? nodes.FirstOrDefault(n => n != node && n.IsRunning) ?? node : null;
        var calls = new List<Task<(CallOutcome, int?, JsonNode?)>>
        {
            SendAsync(node, user, HttpMethod.Post, $"/api/tasks/{taskId}/complete", body.DeepClone(), cancellationToken),
        };
        if (other is not null)
        {
            calls.Add(SendAsync(other, user, HttpMethod.Post, $"/api/tasks/{taskId}/complete", body.DeepClone(), cancellationToken));
        }

        JsonNode? completed = null;
        foreach (var (result, status, answer) in await Task.WhenAll(calls))
        {
            ledger.Add(new CompletionCall(taskId, requestId, result, status));
            if (result == CallOutcome.Succeeded)
            {
                completed = answer;
            }
        }

        return completed;
    }

    private static List<JsonNode> OpenTasks(JsonNode? tasks) =>
        [.. (tasks as JsonArray ?? []).Where(t => t?["status"]?.GetValue<string>() == "Open").Select(t => t!)];

    /// <summary>Values for the fields the outcome requires: text "已办理", number 1, unit = 所得税科 (sdsk), choice = the first option.</summary>
    private async Task<JsonObject> RequiredDataAsync(ServerNode node, JsonNode task, string outcome, CancellationToken cancellationToken)
    {
        var data = new JsonObject();
        foreach (var field in (task["form"] as JsonArray ?? []).Select(f => f!.AsObject()))
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
                "unit" => (await LeadUnitAsync(node, cancellationToken)).ToString(),
                "choice" => field["options"]![0]!.GetValue<string>(),
                _ => "已办理",
            };
        }

        return data;
    }

    private async Task<Guid> LeadUnitAsync(ServerNode node, CancellationToken cancellationToken)
    {
        if (_leadUnit != Guid.Empty)
        {
            return _leadUnit;
        }

        var (_, _, tree) = await SendAsync(node, "xt.admin", HttpMethod.Get, "/api/bureaus", null, cancellationToken);
        var unit = (tree as JsonArray ?? []).SelectMany(b => b!["units"]!.AsArray()).FirstOrDefault(u => u!["code"]!.GetValue<string>() == "sdsk");
        if (unit is not null)
        {
            _leadUnit = unit["id"]!.GetValue<Guid>();
        }

        return _leadUnit;
    }

    /// <summary>One call as a user (signing in first, again after a 401); what the client learnt from it.</summary>
    private async Task<(CallOutcome Outcome, int? Status, JsonNode? Answer)> SendAsync(
        ServerNode node, string user, HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        var token = await TokenAsync(node, user, cancellationToken);
        if (token is null)
        {
            return (CallOutcome.NotSent, null, null);
        }

        try
        {
            using var request = new HttpRequestMessage(method, new Uri(node.Address, path));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            if (body is not null)
            {
                request.Content = JsonContent.Create(body);
            }

            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode == HttpStatusCode.Unauthorized)
            {
                _tokens.TryRemove((node.Address, user), out _);
            }

            return response.IsSuccessStatusCode
                ? (CallOutcome.Succeeded, (int)response.StatusCode, JsonNode.Parse(text))
                : (CallOutcome.Refused, (int)response.StatusCode, null);
        }
        catch (HttpRequestException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.ConnectionRefused })
        {
            return (CallOutcome.NotSent, null, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return (CallOutcome.Unknown, null, null);
        }
    }

    private async Task<string?> TokenAsync(ServerNode node, string user, CancellationToken cancellationToken)
    {
        if (_tokens.TryGetValue((node.Address, user), out var token))
        {
            return token;
        }

        try
        {
            using var response = await _http.PostAsJsonAsync(new Uri(node.Address, "/api/auth/token"), new { userName = user, password = Password }, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            token = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!["accessToken"]!.GetValue<string>();
            _tokens[(node.Address, user)] = token;
            return token;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }
}
