using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Engine.Stores;
using Bpm.Persistence;
using Bpm.Server.Api;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Elsa;

/// <summary>
/// Studio's instance list and viewer (contract §2.3, §2.4) over real requests at 仙桃: registered by xt.hall, worked by the
/// handlers, read by xt.owner through /elsa/api. Names are checked case-sensitively, as Studio's client reads them.
/// </summary>
public sealed class ElsaInstanceContractTests : IDisposable
{
    private readonly ManualTimeProvider _time = new(ApiClient.Now);
    private readonly BpmServerFactory _factory;

    public ElsaInstanceContractTests() => _factory = new BpmServerFactory(time: _time);

    [Fact]
    public async Task A_finished_instance_reads_with_its_exact_version_its_journal_in_order_and_its_executions()
    {
        var driver = new WorkflowDriver(_factory);
        var request = await (await driver.As("xt.hall")).RegisterAsync(ApiClient.Registration("POLICY"));
        _time.Advance(TimeSpan.FromHours(1));
        var steps = await driver.FollowFirstOutcomesAsync(request.Id);
        var owner = await driver.As("xt.owner");
        var id = request.WorkflowInstanceId!;

        var instance = await OkAsync(await owner.GetAsync($"/elsa/api/workflow-instances/{id}"));
        instance.ShouldHaveKeys("id", "definitionId", "definitionVersionId", "version", "workflowState", "status", "subStatus", "isExecuting",
            "correlationId", "name", "incidentCount", "isSystem", "createdAt", "updatedAt", "finishedAt");
        instance.GetProperty("definitionVersionId").GetString().ShouldBe(await PublishedVersionIdAsync("policy"));
        instance.GetProperty("status").GetString().ShouldBe("Finished");
        instance.GetProperty("subStatus").GetString().ShouldBe("Finished");
        instance.GetProperty("correlationId").GetString().ShouldBe(request.Number);
        instance.GetProperty("finishedAt").ValueKind.ShouldBe(JsonValueKind.String);
        var state = instance.GetProperty("workflowState");
        state.ShouldHaveKeys("id", "definitionId", "definitionVersionId", "definitionVersion", "status", "subStatus", "bookmarks", "incidents",
            "completionCallbacks", "activityExecutionContexts", "input", "output", "properties", "createdAt", "updatedAt", "finishedAt");
        state.GetProperty("bookmarks").GetArrayLength().ShouldBe(0);
        state.GetProperty("incidents").GetArrayLength().ShouldBe(0);
        state.GetProperty("input").GetProperty("requestNumber").GetString().ShouldBe(request.Number);

        var journal = await OkAsync(await owner.PostAsJsonAsync($"/elsa/api/workflow-instances/{id}/journal?skip=0&take=110",
            new { filter = new { activityIds = (string[]?)null, activityNodeIds = (string[]?)null, excludedActivityTypes = new[] { "Elsa.Workflow", "Elsa.Flowchart" }, eventNames = (string[]?)null } }));
        var records = journal.GetProperty("items").EnumerateArray().ToList();
        journal.GetProperty("totalCount").GetInt64().ShouldBe(records.Count);
        records[0].ShouldHaveKeys("id", "activityInstanceId", "parentActivityInstanceId", "activityId", "activityType", "activityTypeVersion",
            "activityName", "nodeId", "timestamp", "sequence", "eventName", "message", "source", "activityState", "payload");
        records.Select(r => r.GetProperty("sequence").GetInt64()).ShouldBe(Enumerable.Range(0, records.Count).Select(i => (long)i));
        var times = records.Select(r => r.GetProperty("timestamp").GetDateTimeOffset()).ToList();
        times.ShouldBe(times.Order().ToList(), "journal times run forward");
        (records[0].GetProperty("activityType").GetString(), records[0].GetProperty("eventName").GetString()).ShouldBe(("Elsa.Start", "Started"));
        records.Last().GetProperty("eventName").GetString().ShouldBe("Completed");
        records.Last().GetProperty("timestamp").GetDateTimeOffset().ShouldBe(instance.GetProperty("finishedAt").GetDateTimeOffset());
        // Each human task waited, then was done by its handler: Started, Suspended, Resumed, Completed, one execution each.
        var waited = records.Where(r => r.GetProperty("eventName").GetString() == "Suspended").Select(r => r.GetProperty("activityInstanceId").GetString()).ToList();
        waited.Count.ShouldBe(steps.Count);
        var firstTask = records.Where(r => r.GetProperty("activityInstanceId").GetString() == waited[0]).ToList();
        firstTask.Select(r => r.GetProperty("eventName").GetString()).ShouldBe(["Started", "Suspended", "Resumed", "Completed"]);
        firstTask[0].GetProperty("activityType").GetString().ShouldBe("Bpm.HumanTask");
        (firstTask[3].GetProperty("timestamp").GetDateTimeOffset() - firstTask[0].GetProperty("timestamp").GetDateTimeOffset()).ShouldBe(TimeSpan.FromHours(1));
        firstTask[3].GetProperty("payload").GetProperty("outcomes").EnumerateArray().ShouldNotBeEmpty();

        var incidentsOnly = await OkAsync(await owner.PostAsJsonAsync($"/elsa/api/workflow-instances/{id}/journal?skip=0&take=110",
            new { filter = new { eventNames = new[] { "Faulted" } } }));
        incidentsOnly.GetProperty("items").GetArrayLength().ShouldBe(0);
        var secondPage = await OkAsync(await owner.PostAsJsonAsync($"/elsa/api/workflow-instances/{id}/journal?skip=2&take=3", new { filter = (object?)null }));
        secondPage.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("id").GetString())
            .ShouldBe(records.Skip(2).Take(3).Select(r => r.GetProperty("id").GetString()));

        var nodeId = firstTask[0].GetProperty("nodeId").GetString()!;
        nodeId.ShouldStartWith("Workflow1:");
        var executions = await OkAsync(await owner.GetAsync($"/elsa/api/activity-executions/list?WorkflowInstanceId={id}&ActivityNodeId={Uri.EscapeDataString(nodeId)}"));
        var execution = executions.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        executions.GetProperty("count").GetInt32().ShouldBe(1);
        execution.ShouldHaveKeys("id", "workflowInstanceId", "activityId", "activityNodeId", "activityType", "activityTypeVersion", "activityName",
            "activityState", "payload", "outputs", "properties", "metadata", "exception", "startedAt", "hasBookmarks", "status", "aggregateFaultCount",
            "completedAt", "schedulingActivityExecutionId", "schedulingActivityId", "schedulingWorkflowInstanceId", "callStackDepth");
        execution.GetProperty("status").GetString().ShouldBe("Completed");
        execution.GetProperty("hasBookmarks").GetBoolean().ShouldBeFalse();
        execution.GetProperty("startedAt").GetDateTimeOffset().ShouldBe(firstTask[0].GetProperty("timestamp").GetDateTimeOffset());
        execution.GetProperty("completedAt").GetDateTimeOffset().ShouldBe(firstTask[3].GetProperty("timestamp").GetDateTimeOffset());
        execution.GetProperty("id").GetString().ShouldBe(firstTask[0].GetProperty("activityInstanceId").GetString());

        var summaries = await OkAsync(await owner.GetAsync($"/elsa/api/activity-execution-summaries/list?WorkflowInstanceId={id}&ActivityNodeId={Uri.EscapeDataString(nodeId)}"));
        summaries.GetProperty("items")[0].ShouldHaveKeys("id", "workflowInstanceId", "activityId", "activityNodeId", "activityType",
            "activityTypeVersion", "activityName", "startedAt", "hasBookmarks", "status", "metadata", "completedAt");
        var rootExecutions = await OkAsync(await owner.GetAsync($"/elsa/api/activity-executions/list?WorkflowInstanceId={id}&ActivityNodeId=Workflow1%3Aflow1"));
        rootExecutions.GetProperty("items").GetArrayLength().ShouldBe(0);

        var executionId = execution.GetProperty("id").GetString();
        (await OkAsync(await owner.GetAsync($"/elsa/api/activity-executions/by-id?id={executionId}"))).GetProperty("activityNodeId").GetString().ShouldBe(nodeId);
        var callStack = await OkAsync(await owner.GetAsync($"/elsa/api/activity-executions/{executionId}/call-stack"));
        callStack.GetProperty("activityExecutionId").GetString().ShouldBe(executionId);
        callStack.GetProperty("items").GetArrayLength().ShouldBe(1);
        callStack.GetProperty("totalCount").GetInt64().ShouldBe(1);

        var variables = await OkAsync(await owner.GetAsync($"/elsa/api/workflow-instances/{id}/variables"));
        variables.GetProperty("items").EnumerateArray().ShouldAllBe(v => v.GetProperty("id").ValueKind == JsonValueKind.String && v.GetProperty("name").ValueKind == JsonValueKind.String);
        variables.GetProperty("count").GetInt32().ShouldBe(variables.GetProperty("items").GetArrayLength());

        var executionState = await OkAsync(await owner.GetAsync($"/elsa/api/workflow-instances/{id}/execution-state"));
        executionState.GetProperty("status").GetString().ShouldBe("Finished");
        executionState.GetProperty("workflowSubStatus").GetString().ShouldBe("Finished");
    }

    [Fact]
    public async Task The_report_counts_executions_per_node_and_marks_the_waiting_task_as_blocked()
    {
        var driver = new WorkflowDriver(_factory);
        var request = await (await driver.As("xt.hall")).RegisterAsync(ApiClient.Registration("POLICY"));
        await driver.CompleteOkAsync(request.Tasks!.Single(), "Transfer");
        var owner = await driver.As("xt.owner");
        var id = request.WorkflowInstanceId!;

        var instance = await OkAsync(await owner.GetAsync($"/elsa/api/workflow-instances/{id}"));
        instance.GetProperty("status").GetString().ShouldBe("Running");
        instance.GetProperty("subStatus").GetString().ShouldBe("Suspended");
        instance.GetProperty("finishedAt").ValueKind.ShouldBe(JsonValueKind.Null);
        var bookmark = instance.GetProperty("workflowState").GetProperty("bookmarks").EnumerateArray().ShouldHaveSingleItem();
        bookmark.ShouldHaveKeys("id", "name", "hash", "payload", "activityNodeId", "activityInstanceId", "createdAt", "autoBurn", "metadata");
        var waitingNode = bookmark.GetProperty("activityNodeId").GetString()!;

        var journal = await OkAsync(await owner.PostAsJsonAsync($"/elsa/api/workflow-instances/{id}/journal?skip=0&take=110", new { }));
        var nodes = journal.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("nodeId").GetString()!).Distinct().ToList();
        var report = await OkAsync(await owner.PostAsJsonAsync("/elsa/api/activity-executions/report", new { workflowInstanceId = id, activityNodeIds = nodes }));
        var stats = report.GetProperty("stats").EnumerateArray().ToDictionary(s => s.GetProperty("activityNodeId").GetString()!);
        stats.Keys.ShouldBe(nodes, ignoreOrder: true);
        stats.Values.First().ShouldHaveKeys("activityId", "activityNodeId", "startedCount", "completedCount", "uncompletedCount", "isBlocked", "isFaulted", "metadata");
        var waiting = stats[waitingNode];
        (waiting.GetProperty("startedCount").GetInt64(), waiting.GetProperty("completedCount").GetInt64(), waiting.GetProperty("uncompletedCount").GetInt64())
            .ShouldBe((1L, 0L, 1L));
        waiting.GetProperty("isBlocked").GetBoolean().ShouldBeTrue();
        var done = stats.Where(s => s.Key != waitingNode).Select(s => s.Value).ToList();
        done.ShouldNotBeEmpty();
        done.ShouldAllBe(s => s.GetProperty("completedCount").GetInt64() == s.GetProperty("startedCount").GetInt64() && !s.GetProperty("isBlocked").GetBoolean());

        var onlyWaiting = await OkAsync(await owner.PostAsJsonAsync("/elsa/api/activity-executions/report", new { workflowInstanceId = id, activityNodeIds = new[] { waitingNode } }));
        onlyWaiting.GetProperty("stats").GetArrayLength().ShouldBe(1);
        var running = await OkAsync(await owner.GetAsync($"/elsa/api/activity-execution-summaries/list?WorkflowInstanceId={id}&ActivityNodeId={Uri.EscapeDataString(waitingNode)}"));
        var item = running.GetProperty("items").EnumerateArray().ShouldHaveSingleItem();
        item.GetProperty("status").GetString().ShouldBe("Running");
        item.GetProperty("hasBookmarks").GetBoolean().ShouldBeTrue();
        item.GetProperty("completedAt").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public Task The_list_filters_orders_and_pages_in_the_database_on_SQLite() => ListFiltersOrdersAndPagesAsync(_factory, _time);

    [PostgresFact]
    public async Task The_list_filters_orders_and_pages_in_the_database_on_PostgreSql()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var time = new ManualTimeProvider(ApiClient.Now);
        using var factory = new BpmServerFactory(
            new Dictionary<string, string?> { ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = database.Options.ConnectionString },
            time: time);
        await ListFiltersOrdersAndPagesAsync(factory, time);
    }

    [Fact]
    public async Task Malformed_list_queries_are_refused_naming_the_field()
    {
        var owner = await _factory.SignedInAsync("xt.owner");

        var problem = await (await owner.PostAsJsonAsync("/elsa/api/workflow-instances",
            new { page = -1, pageSize = 0, statuses = new[] { "Sleeping" }, orderBy = "Colour", timestampFilters = new[] { new { column = "DueAt", @operator = "Before", timestamp = ApiClient.Now } } }))
            .ProblemAsync(HttpStatusCode.BadRequest);

        problem.ErrorFields().ShouldBe(["orderBy", "page", "pageSize", "statuses", "timestampFilters[0].column", "timestampFilters[0].operator"]);
        (await (await owner.GetAsync("/elsa/api/workflow-instances?Page=one")).ProblemAsync(HttpStatusCode.BadRequest)).ErrorFields().ShouldBe(["page"]);
    }

    [Fact]
    public async Task A_user_sees_only_instances_of_requests_in_their_bureau_subtree()
    {
        var driver = new WorkflowDriver(_factory);
        var request = await (await driver.As("xt.hall")).RegisterAsync(ApiClient.Registration("POLICY"));
        var id = request.WorkflowInstanceId!;
        var nodeId = (await OkAsync(await (await driver.As("xt.owner")).GetAsync($"/elsa/api/workflow-instances/{id}")))
            .GetProperty("workflowState").GetProperty("bookmarks")[0].GetProperty("activityNodeId").GetString()!;
        var executionId = (await OkAsync(await (await driver.As("xt.owner")).GetAsync(
            $"/elsa/api/activity-executions/list?WorkflowInstanceId={id}&ActivityNodeId={Uri.EscapeDataString(nodeId)}"))).GetProperty("items")[0].GetProperty("id").GetString();
        var ulanqab = await _factory.SignedInAsync("wlcb.handler");

        var list = await OkAsync(await ulanqab.PostAsJsonAsync("/elsa/api/workflow-instances", new { page = 0, pageSize = 10 }));
        list.GetProperty("totalCount").GetInt64().ShouldBe(0);
        list.GetProperty("items").GetArrayLength().ShouldBe(0);
        string[] reads =
        [
            $"/elsa/api/workflow-instances/{id}", $"/elsa/api/workflow-instances/{id}/variables", $"/elsa/api/workflow-instances/{id}/execution-state",
            $"/elsa/api/activity-executions/list?WorkflowInstanceId={id}&ActivityNodeId={Uri.EscapeDataString(nodeId)}",
            $"/elsa/api/activity-execution-summaries/list?WorkflowInstanceId={id}&ActivityNodeId={Uri.EscapeDataString(nodeId)}",
            $"/elsa/api/activity-executions/by-id?id={executionId}", $"/elsa/api/activity-executions/{executionId}/call-stack",
        ];
        foreach (var path in reads)
        {
            (await ulanqab.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }

        (await ulanqab.PostAsJsonAsync($"/elsa/api/workflow-instances/{id}/journal?skip=0&take=110", new { })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ulanqab.PostAsJsonAsync("/elsa/api/activity-executions/report", new { workflowInstanceId = id, activityNodeIds = new[] { nodeId } }))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var national = await _factory.SignedInAsync("admin");
        (await OkAsync(await national.PostAsJsonAsync("/elsa/api/workflow-instances", new { page = 0, pageSize = 10 }))).GetProperty("totalCount").GetInt64().ShouldBe(1);
        (await national.GetAsync($"/elsa/api/workflow-instances/{id}")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Deleting_cancelling_or_importing_instances_from_Studio_is_refused_and_changes_nothing()
    {
        var driver = new WorkflowDriver(_factory);
        var request = await (await driver.As("xt.hall")).RegisterAsync(ApiClient.Registration("POLICY"));
        var id = request.WorkflowInstanceId!;
        var owner = await driver.As("xt.owner");
        var before = await (await owner.GetAsync($"/elsa/api/workflow-instances/{id}")).Content.ReadAsStringAsync();

        var refusals = new[]
        {
            await owner.DeleteAsync($"/elsa/api/workflow-instances/{id}"),
            await owner.PostAsJsonAsync($"/elsa/api/cancel/workflow-instances/{id}", new { }),
            await owner.PostAsJsonAsync("/elsa/api/bulk-actions/delete/workflow-instances/by-id", new { ids = new[] { id } }),
            await owner.PostAsJsonAsync("/elsa/api/bulk-actions/cancel/workflow-instances", new { ids = new[] { id }, definitionVersionId = (string?)null }),
            await owner.PostAsync("/elsa/api/bulk-actions/import/workflow-instances", new MultipartFormDataContent()),
        };
        foreach (var refusal in refusals)
        {
            var problem = await refusal.ProblemAsync(HttpStatusCode.BadRequest);
            problem.GetProperty("errors").GetProperty("generalErrors")[0].GetString()!.ShouldContain("在 Bpm 中办结");
        }

        (await (await _factory.SignedInAsync("wlcb.handler")).DeleteAsync($"/elsa/api/workflow-instances/{id}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await (await owner.GetAsync($"/elsa/api/workflow-instances/{id}")).Content.ReadAsStringAsync()).ShouldBe(before);
        (await driver.OpenTaskAsync(request.Id)).Id.ShouldBe(request.Tasks!.Single().Id);
    }

    [Fact]
    public async Task Instances_export_read_only_as_Elsa_files_and_only_the_users_own()
    {
        var driver = new WorkflowDriver(_factory);
        var hall = await driver.As("xt.hall");
        var first = (await hall.RegisterAsync(ApiClient.Registration("POLICY"))).WorkflowInstanceId!;
        var second = (await hall.RegisterAsync(ApiClient.Registration("POLICY"))).WorkflowInstanceId!;
        var owner = await driver.As("xt.owner");

        var one = await owner.GetAsync($"/elsa/api/workflow-instances/{first}/export");
        one.StatusCode.ShouldBe(HttpStatusCode.OK);
        one.Content.Headers.ContentDisposition!.FileName.ShouldBe($"workflow-instance-{first}.json");
        var exported = JsonDocument.Parse(await one.Content.ReadAsStringAsync()).RootElement;
        exported.ShouldHaveKeys("workflowState", "bookmarks", "activityExecutionRecords", "workflowExecutionLogRecords");
        exported.GetProperty("workflowState").GetProperty("id").GetString().ShouldBe(first);
        exported.GetProperty("workflowExecutionLogRecords").GetArrayLength().ShouldBeGreaterThan(0);

        var both = await owner.PostAsJsonAsync("/elsa/api/bulk-actions/export/workflow-instances", new { ids = new[] { first, second } });
        both.Content.Headers.ContentDisposition!.FileName.ShouldBe("workflow-instances.zip");
        using var zip = new System.IO.Compression.ZipArchive(await both.Content.ReadAsStreamAsync());
        zip.Entries.Select(e => e.Name).ShouldBe([$"workflow-instance-{first}.json", $"workflow-instance-{second}.json"], ignoreOrder: true);

        var ulanqab = await _factory.SignedInAsync("wlcb.handler");
        (await ulanqab.GetAsync($"/elsa/api/workflow-instances/{first}/export")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await ulanqab.PostAsJsonAsync("/elsa/api/bulk-actions/export/workflow-instances", new { ids = new[] { first, second } }))
            .StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    /// <summary>Three 仙桃 requests an hour apart; the first runs to its end.</summary>
    private static async Task ListFiltersOrdersAndPagesAsync(BpmServerFactory factory, ManualTimeProvider time)
    {
        var driver = new WorkflowDriver(factory);
        var hall = await driver.As("xt.hall");
        var requests = new List<RequestDto>();
        for (var i = 0; i < 3; i++)
        {
            requests.Add(await hall.RegisterAsync(ApiClient.Registration("POLICY")));
            time.Advance(TimeSpan.FromHours(1));
        }

        await driver.FollowFirstOutcomesAsync(requests[0].Id);
        var owner = await driver.As("xt.owner");
        var ids = requests.Select(r => r.WorkflowInstanceId!).ToList();

        async Task<ListedPage> ListAsync(object body)
        {
            var page = await OkAsync(await owner.PostAsJsonAsync("/elsa/api/workflow-instances", body));
            return new ListedPage(string.Join(",", page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()!)), page.GetProperty("totalCount").GetInt64());
        }

        ListedPage Expect(long total, params string[] expected) => new(string.Join(",", expected), total);

        // Studio's own first query, verbatim: newest first.
        var studio = await OkAsync(await owner.PostAsync("/elsa/api/workflow-instances", new StringContent(
            """{"page":0,"pageSize":10,"searchTerm":"","definitionId":null,"definitionIds":[],"correlationId":null,"version":null,"hasIncidents":null,"isSystem":false,"status":null,"statuses":[],"subStatus":null,"subStatuses":[],"orderBy":null,"orderDirection":"Descending","timestampFilters":[]}""",
            System.Text.Encoding.UTF8, "application/json")));
        studio.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ShouldBe([ids[2], ids[1], ids[0]]);
        var row = studio.GetProperty("items")[2];
        row.ShouldHaveKeys("id", "definitionId", "definitionVersionId", "version", "status", "subStatus", "correlationId", "name", "incidentCount",
            "createdAt", "updatedAt", "finishedAt");
        (row.GetProperty("status").GetString(), row.GetProperty("subStatus").GetString(), row.GetProperty("name").GetString())
            .ShouldBe(("Finished", "Finished", requests[0].Number));

        (await ListAsync(new { page = 0, pageSize = 2, orderDirection = "Ascending" })).ShouldBe(Expect(3, ids[0], ids[1]));
        (await ListAsync(new { page = 1, pageSize = 2, orderDirection = "Ascending" })).ShouldBe(Expect(3, ids[2]));
        (await ListAsync(new { statuses = new[] { "Finished" } })).ShouldBe(Expect(1, ids[0]));
        (await ListAsync(new { subStatuses = new[] { "Suspended", "Faulted" } })).ShouldBe(Expect(2, ids[2], ids[1]));
        (await ListAsync(new { subStatuses = new[] { "Pending" } })).ShouldBe(Expect(0));
        (await ListAsync(new { searchTerm = requests[1].Number.ToLowerInvariant() })).ShouldBe(Expect(1, ids[1]));
        (await ListAsync(new { correlationId = requests[2].Number })).ShouldBe(Expect(1, ids[2]));
        (await ListAsync(new { definitionIds = new[] { "policy" }, version = 1, hasIncidents = false })).Total.ShouldBe(3);
        (await ListAsync(new { definitionIds = new[] { "service" } })).Total.ShouldBe(0);
        (await ListAsync(new { hasIncidents = true })).Total.ShouldBe(0);
        (await ListAsync(new { orderBy = "Name", orderDirection = "Descending" }))
            .ShouldBe(Expect(3, [.. requests.OrderByDescending(r => r.Number, StringComparer.Ordinal).Select(r => r.WorkflowInstanceId!)]));
        (await ListAsync(new { orderBy = "Finished", statuses = new[] { "Finished" } })).ShouldBe(Expect(1, ids[0]));
        (await ListAsync(new { orderBy = "LastExecuted", orderDirection = "Descending" })).ShouldBe(Expect(3, ids[0], ids[2], ids[1]), "the finished one ran last");
        (await ListAsync(new { timestampFilters = new[] { new { column = "CreatedAt", @operator = "GreaterThanOrEqual", timestamp = ApiClient.Now.AddMinutes(30) } } }))
            .ShouldBe(Expect(2, ids[2], ids[1]));
        (await ListAsync(new { timestampFilters = new[] { new { column = "CreatedAt", @operator = "Is", timestamp = new DateTimeOffset(ApiClient.Now.UtcDateTime.Date, TimeSpan.Zero) } } }))
            .Total.ShouldBe(3);
        (await ListAsync(new { timestampFilters = new[] { new { column = "FinishedAt", @operator = "LessThan", timestamp = ApiClient.Now.AddDays(30) } } }))
            .ShouldBe(Expect(1, ids[0]));
        (await ListAsync(new { isSystem = true })).Total.ShouldBe(0);

        var query = await OkAsync(await owner.GetAsync("/elsa/api/workflow-instances?Page=0&PageSize=1&Statuses=Running&OrderDirection=Ascending"));
        query.GetProperty("totalCount").GetInt64().ShouldBe(2);
        query.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ShouldBe([ids[1]]);
    }

    /// <summary>A listed page: its ids in order, comma-separated, and the total.</summary>
    private sealed record ListedPage(string Ids, long Total);

    private async Task<string> PublishedVersionIdAsync(string definitionId)
    {
        using var scope = _factory.Services.CreateScope();
        return (await scope.ServiceProvider.GetRequiredService<IWorkflowDefinitionStore>().FindPublishedAsync(definitionId, CancellationToken.None))!.Id;
    }

    private static async Task<JsonElement> OkAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"{response.RequestMessage!.Method} {response.RequestMessage.RequestUri}: {text}");
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}

/// <summary>Studio reads names case-sensitively: every one it needs must be there, spelled exactly.</summary>
internal static class JsonShape
{
    public static void ShouldHaveKeys(this JsonElement element, params string[] names)
    {
        var present = element.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        names.Where(n => !present.Contains(n)).ShouldBeEmpty($"missing in {element}");
    }
}
