using Bpm.Application.Users;
using Bpm.Application.Workflows.Instances;
using Bpm.Engine.Runtime;

namespace Bpm.Server.Elsa.Instances;

/// <summary>
/// <c>/elsa/api/workflow-instances…</c> and <c>/activity-executions…</c>: Studio's instance list and instance viewer (contract
/// §2.3, §2.4), read-only, limited to instances of requests in the user's bureau subtree (others answer 404). Deleting,
/// cancelling and importing are refused with a 400 whose <c>errors</c> Studio shows: requests are closed in Bpm.
/// </summary>
public static class WorkflowInstanceEndpoints
{
    public static RouteGroupBuilder MapElsaInstanceEndpoints(this RouteGroupBuilder elsa)
    {
        elsa.MapMethods("/workflow-instances", ["GET", "POST"], ListAsync);
        elsa.MapGet("/workflow-instances/{id}", GetAsync);
        elsa.MapMethods("/workflow-instances/{id}/journal", ["GET", "POST"], JournalAsync);
        elsa.MapGet("/workflow-instances/{id}/variables", VariablesAsync);
        elsa.MapGet("/workflow-instances/{id}/execution-state", ExecutionStateAsync);
        elsa.MapGet("/activity-executions/list", ExecutionsAsync);
        elsa.MapGet("/activity-execution-summaries/list", ExecutionSummariesAsync);
        elsa.MapGet("/activity-executions/by-id", ExecutionAsync);
        elsa.MapGet("/activity-executions/{id}/call-stack", CallStackAsync);
        elsa.MapPost("/activity-executions/report", ReportAsync);
        elsa.MapElsaInstanceChangeEndpoints();
        elsa.MapElsaInstanceExportEndpoints();
        return elsa;
    }

    /// <summary>A page of instances, newest first unless asked otherwise; 400 names each malformed field.</summary>
    public static async Task<IResult> ListAsync(
        HttpRequest request, ICurrentUser user, WorkflowInstanceAccess access, IWorkflowInstanceSummaryStore summaries, CancellationToken cancellationToken)
    {
        var query = HttpMethods.IsPost(request.Method)
            ? await ElsaBody.ReadAsync<InstanceListQuery>(request, cancellationToken) ?? new InstanceListQuery()
            : InstanceListQuery.FromQueryString(request.Query);
        var filter = query.ToFilter(await access.VisibleBureausAsync(user, cancellationToken));
        var page = filter is null
            ? new WorkflowInstanceSummaryPage([], 0)
            : await summaries.ListAsync(filter, cancellationToken);
        // The store's rows already have the fields of Elsa's WorkflowInstanceSummary, named alike.
        return ElsaJson.Ok(new ElsaPagedList<WorkflowInstanceSummary>(page.Items, page.TotalCount));
    }

    public static async Task<IResult> GetAsync(string id, ElsaInstanceReader reader, CancellationToken cancellationToken) =>
        ElsaJson.Ok(ElsaInstanceModel.From(await reader.InstanceAsync(id, cancellationToken)));

    /// <summary>
    /// The journal, oldest first: <c>POST …/journal?skip=0&amp;take=110</c> with body
    /// <c>{"filter":{"activityNodeIds":[…],"excludedActivityTypes":["Elsa.Workflow","Elsa.Flowchart"],"eventNames":null}}</c>.
    /// </summary>
    public static async Task<IResult> JournalAsync(
        string id, HttpRequest request, ElsaInstanceReader reader, int? skip, int? take, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var body = HttpMethods.IsPost(request.Method) ? await ElsaBody.ReadAsync<JournalQuery>(request, cancellationToken) : null;
        var window = JournalWindow.From(skip, take, page, pageSize);
        var records = (await reader.HistoryAsync(id, cancellationToken)).LogRecords().Where((body?.Filter ?? new JournalFilter()).Matches).ToList();
        return ElsaJson.Ok(new ElsaPagedList<ElsaExecutionLogRecord>([.. records.Skip(window.Skip).Take(window.Take)], records.Count));
    }

    public static async Task<IResult> VariablesAsync(string id, ElsaInstanceReader reader, CancellationToken cancellationToken) =>
        ElsaJson.Ok(new ElsaList<ElsaResolvedVariable>(await reader.VariablesAsync(id, cancellationToken)));

    public static async Task<IResult> ExecutionStateAsync(string id, ElsaInstanceReader reader, CancellationToken cancellationToken)
    {
        var state = await reader.StateAsync(id, cancellationToken);
        return ElsaJson.Ok(new ElsaExecutionState(state.Status, state.SubStatus, state.SubStatus, state.UpdatedAt));
    }

    /// <summary><c>GET /activity-executions/list?WorkflowInstanceId=…&amp;ActivityNodeId=Workflow1:flow1:accept1[&amp;Completed=True]</c>, by start.</summary>
    public static async Task<IResult> ExecutionsAsync(
        string? workflowInstanceId, string? activityNodeId, bool? completed, ElsaInstanceReader reader, CancellationToken cancellationToken) =>
        ElsaJson.Ok(new ElsaList<ElsaActivityExecutionRecord>(await SelectExecutionsAsync(workflowInstanceId, activityNodeId, completed, reader, cancellationToken)));

    public static async Task<IResult> ExecutionSummariesAsync(
        string? workflowInstanceId, string? activityNodeId, bool? completed, ElsaInstanceReader reader, CancellationToken cancellationToken) =>
        ElsaJson.Ok(new ElsaList<ElsaActivityExecutionSummary>(
            [.. (await SelectExecutionsAsync(workflowInstanceId, activityNodeId, completed, reader, cancellationToken)).Select(e => e.ToSummary())]));

    public static async Task<IResult> ExecutionAsync(string? id, ElsaInstanceReader reader, CancellationToken cancellationToken) =>
        ElsaJson.Ok(await reader.ExecutionAsync(Required(id, "id"), cancellationToken));

    /// <summary>Bpm records no scheduling chain, so an execution's call stack is the execution itself.</summary>
    public static async Task<IResult> CallStackAsync(string id, ElsaInstanceReader reader, CancellationToken cancellationToken)
    {
        var execution = await reader.ExecutionAsync(id, cancellationToken);
        return ElsaJson.Ok(new ElsaCallStack(execution.Id, [execution], 1));
    }

    /// <summary><c>{"workflowInstanceId": "…", "activityNodeIds": [...]}</c> → <c>{"stats": [...]}</c>, one per node that ran.</summary>
    public static async Task<IResult> ReportAsync(HttpRequest request, ElsaInstanceReader reader, CancellationToken cancellationToken)
    {
        var body = await ElsaBody.ReadAsync<ReportQuery>(request, cancellationToken);
        var history = await reader.HistoryAsync(Required(body?.WorkflowInstanceId, "workflowInstanceId"), cancellationToken);
        return ElsaJson.Ok(new ElsaActivityExecutionReport(history.Stats(body!.ActivityNodeIds)));
    }

    private static async Task<IReadOnlyList<ElsaActivityExecutionRecord>> SelectExecutionsAsync(
        string? workflowInstanceId, string? activityNodeId, bool? completed, ElsaInstanceReader reader, CancellationToken cancellationToken)
    {
        var history = await reader.HistoryAsync(Required(workflowInstanceId, "workflowInstanceId"), cancellationToken);
        return [.. history.Executions().Where(e =>
            (string.IsNullOrEmpty(activityNodeId) || e.ActivityNodeId == activityNodeId)
            && (completed is null || (e.CompletedAt is not null) == completed))];
    }

    private static string Required(string? value, string field) =>
        string.IsNullOrWhiteSpace(value)
            ? throw new Bpm.Domain.DomainValidationException([new Bpm.Domain.FieldError(field, "不能为空 (required)")])
            : value;

    /// <summary>The journal request body: <c>{"filter": {...}}</c>.</summary>
    public sealed class JournalQuery
    {
        public JournalFilter? Filter { get; set; }
    }

    /// <summary>Elsa's journal filter; each list left null (or empty) matches everything.</summary>
    public sealed class JournalFilter
    {
        public List<string>? ActivityIds { get; set; }

        public List<string>? ActivityNodeIds { get; set; }

        public List<string>? ExcludedActivityTypes { get; set; }

        public List<string>? EventNames { get; set; }

        public bool Matches(ElsaExecutionLogRecord record) =>
            (ActivityIds is not { Count: > 0 } || ActivityIds.Contains(record.ActivityId))
            && (ActivityNodeIds is not { Count: > 0 } || ActivityNodeIds.Contains(record.NodeId))
            && (ExcludedActivityTypes is null || !ExcludedActivityTypes.Contains(record.ActivityType))
            && (EventNames is not { Count: > 0 } || EventNames.Contains(record.EventName));
    }

    /// <summary>The report request body.</summary>
    public sealed class ReportQuery
    {
        public string? WorkflowInstanceId { get; set; }

        public List<string>? ActivityNodeIds { get; set; }
    }
}

/// <summary>Which journal records to return: skip/take (what Studio sends), else page/pageSize (0-based), else all.</summary>
internal sealed record JournalWindow(int Skip, int Take)
{
    public static JournalWindow From(int? skip, int? take, int? page, int? pageSize)
    {
        var errors = new List<Bpm.Domain.FieldError>();
        if (skip is < 0)
        {
            errors.Add(new Bpm.Domain.FieldError("skip", "不能为负 (must not be negative)"));
        }

        if (take is < 0 || pageSize is < 1)
        {
            errors.Add(new Bpm.Domain.FieldError(take is < 0 ? "take" : "pageSize", "条数须为正 (must be positive)"));
        }

        if (page is < 0)
        {
            errors.Add(new Bpm.Domain.FieldError("page", "页码从 0 开始，不能为负 (page is 0-based)"));
        }

        if (errors.Count > 0)
        {
            throw new Bpm.Domain.DomainValidationException(errors);
        }

        return skip is not null || take is not null
            ? new JournalWindow(skip ?? 0, take ?? int.MaxValue)
            : page is { } p && pageSize is { } size ? new JournalWindow(p * size, size) : new JournalWindow(0, int.MaxValue);
    }
}
