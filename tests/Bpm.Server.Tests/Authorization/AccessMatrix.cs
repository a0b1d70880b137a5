using System.Net;
using Bpm.Domain.Users;

namespace Bpm.Server.Tests.Authorization;

/// <summary>How a route is reached: bearer token (/api, /elsa), web cookie (pages), no sign-in, or a channel's API key.</summary>
public enum Face
{
    Api,
    Web,
    Public,
    ApiKey,
}

/// <summary>How the bureau of the caller matters.</summary>
public enum Scope
{
    /// <summary>Not about one bureau (the caller's own data, reference data): every relation answers like its own.</summary>
    None,

    /// <summary>Addresses one object of 乌兰察布: the parent and 乌兰察布 itself are served; sibling and child get 404.</summary>
    Target,

    /// <summary>A list of the caller's subtree: everyone allowed is served, but sibling and child never see a target in it.</summary>
    List,

    /// <summary>
    /// Library lists: published items flow down (国家税务总局 publishes for 乌兰察布 and 集宁区), so the child may see a published
    /// target; the sibling never sees one.
    /// </summary>
    PublishedFlowsDown,

    /// <summary>Only the root bureau's callers (国家税务总局, the parent here) are served; everyone else with the role gets 403.</summary>
    Root,
}

/// <summary>
/// One row of the access matrix: a route (method + pattern as the server maps it), who may use it and how the bureau
/// matters, and the call that exercises it. A write sends a valid body, so a denial that let it through would change
/// something (the test checks that no audit row was added).
/// </summary>
/// <param name="Allowed">the roles that may use it; <see cref="Roles.None"/> when nobody may (the route refuses everyone).</param>
/// <param name="Missing">
/// the call names no existing object (a destructive call on a real one would spoil later cells): allowed callers may get
/// 404, and so may a wrong role (there is nothing whose existence could leak).
/// </param>
/// <param name="UnitBound">
/// only callers in the target's unit act on it (a task, a collection task): the parent bureau's callers get 403, and so does
/// 乌兰察布's own caller when <paramref name="OwnCallerOutsideUnit"/> (collection tasks go to the units that report to 纳税服务科,
/// where the matrix's 乌兰察布 users sit).
/// </param>
/// <param name="OwnCallerOutsideUnit">see <paramref name="UnitBound"/>.</param>
/// <param name="RoleCheckedByService">
/// the service finds the object in the caller's subtree before it looks at the role (task actions): a wrong role outside the
/// subtree gets 404 like everyone there, inside it 403.
/// </param>
/// <param name="RefusedToAll">nobody may (a workflow instance is never deleted or cancelled): 400 naming why inside the subtree, 404 outside.</param>
/// <param name="Outside">
/// the answer outside the subtree: 404, except registering a request in a bureau outside it, which answers 403 naming
/// bureauId exactly as for a bureau that does not exist (so nothing about the bureau leaks either way).
/// </param>
/// <param name="ServedWith">the status a served call answers when it is not a success, e.g. 403 for the no-access page itself.</param>
public sealed record AccessRule(
    string Method,
    string Pattern,
    Face Face,
    Roles Allowed,
    Scope Scope,
    Func<MatrixWorld, string> Path,
    Func<MatrixWorld, object?>? Body = null,
    bool Missing = false,
    bool UnitBound = false,
    bool OwnCallerOutsideUnit = false,
    bool RoleCheckedByService = false,
    bool RefusedToAll = false,
    HttpStatusCode? ServedWith = null,
    HttpStatusCode Outside = HttpStatusCode.NotFound)
{
    public string Route => $"{Method} {Pattern}";

    public override string ToString() => Route;
}

/// <summary>
/// The declared access of every route of the server (<see cref="AccessMatrixTests"/> fails for a route without a row).
/// Rule of the product: a user sees and changes only their own bureau's subtree (own + below), never the parent's or a
/// sibling's objects; outside the subtree the answer is 404 (the object's existence does not leak), a wrong role 403.
/// Example: wlcb (乌兰察布) request → 乌兰察布 and 国家税务总局 handlers read it, 仙桃 and 集宁区 handlers get 404.
/// </summary>
public static class AccessMatrix
{
    private const Roles H = Roles.Handler;
    private const Roles A = Roles.Approver;
    private const Roles Ad = Roles.Administrator;
    private const Roles S = Roles.SecurityAdmin;
    private const Roles Au = Roles.AuditAdmin;
    private const Roles An = Roles.Analyst;
    private const Roles P = Roles.ProcessOwner;
    private const Roles Anyone = H | A | Ad | S | Au | An | P;

    /// <summary>Pages of the request list and request (UiRoles.Readers).</summary>
    private const Roles Readers = H | A | An | Ad;

    private const Roles LibraryReaders = H | A | An;

    private static readonly Guid Nowhere = Guid.Parse("00000000-0000-7000-8000-00000000abcd");

    public static IReadOnlyList<AccessRule> Rules { get; } =
    [
        // Sign-in, the caller's own data, reference data.
        Public("POST", "/api/auth/token", _ => "/api/auth/token", _ => new { userName = MatrixWorld.UserName(Relation.Own, H), password = ApiClient.DemoPassword }),
        Api("GET", "/api/me", Anyone, Scope.None, _ => "/api/me"),
        Api("GET", "/api/bureaus/", Anyone, Scope.None, _ => "/api/bureaus"),
        Api("GET", "/api/notices/", Anyone, Scope.None, _ => "/api/notices"),
        Api("POST", "/api/notices/{id:guid}/read", Anyone, Scope.None, _ => $"/api/notices/{Nowhere}/read", missing: true),

        // Requests.
        new("POST", "/api/requests/", Face.Api, H, Scope.Target, _ => "/api/requests", w => ApiClient.Registration("ZCYW", ("bureauId", w.Request.Bureau.Id)),
            Outside: HttpStatusCode.Forbidden),
        Api("GET", "/api/requests/", Anyone, Scope.List, _ => "/api/requests?pageSize=200"),
        Api("GET", "/api/requests/{id:guid}", Anyone, Scope.Target, w => $"/api/requests/{w.Request.Id}"),
        Api("GET", "/api/requests/{id:guid}/notes/", Anyone, Scope.Target, w => $"/api/requests/{w.Request.Id}/notes"),
        Api("POST", "/api/requests/{id:guid}/notes/", Anyone, Scope.Target, w => $"/api/requests/{w.Request.Id}/notes", _ => new { text = "矩阵补充备注" }),
        Api("GET", "/api/requests/{id:guid}/related", Anyone, Scope.Target, w => $"/api/requests/{w.Request.Id}/related"),
        Api("POST", "/api/requests/{id:guid}/merge", H, Scope.Target, w => $"/api/requests/{w.Request.Id}/merge",
            w => new { intoRequestId = w.ClosedRequest.Id, reason = "矩阵合并" }),
        Api("GET", "/api/requests/{id:guid}/tags", Anyone, Scope.Target, w => $"/api/requests/{w.Request.Id}/tags"),
        Api("PUT", "/api/requests/{id:guid}/tags", H, Scope.Target, w => $"/api/requests/{w.Request.Id}/tags", _ => new { tags = new[] { "发票" } }),
        Api("GET", "/api/requests/{id:guid}/suggested-answers", Anyone, Scope.Target, w => $"/api/requests/{w.Request.Id}/suggested-answers"),
        Api("GET", "/api/requests/{id:guid}/access-log", Au, Scope.Target, w => $"/api/requests/{w.Request.Id}/access-log"),
        Api("GET", "/api/taxpayers/{creditCode}", Anyone, Scope.List, _ => $"/api/taxpayers/{MatrixWorld.CreditCode}"),

        // Tasks.
        Api("GET", "/api/tasks/", Anyone, Scope.List, _ => "/api/tasks"),
        Api("GET", "/api/tasks/{id:guid}", Anyone, Scope.Target, w => $"/api/tasks/{w.TaskId}"),
        Unit("POST", "/api/tasks/{id:guid}/claim", H, Scope.Target, w => $"/api/tasks/{w.TaskId}/claim"),
        Unit("POST", "/api/tasks/{id:guid}/complete", H, Scope.Target, w => $"/api/tasks/{w.TaskId}/complete", _ => new { outcome = "Nothing" }),
        Unit("POST", "/api/tasks/{id:guid}/transfer", H, Scope.Target, w => $"/api/tasks/{w.TaskId}/transfer",
            _ => new { unit = Nowhere, reason = "矩阵转办" }),
        Unit("POST", "/api/tasks/{id:guid}/pause", H, Scope.Target, w => $"/api/tasks/{w.TaskId}/pause", _ => new { reason = "等待纳税人补充资料" }),
        Unit("POST", "/api/tasks/{id:guid}/resume", H, Scope.Target, w => $"/api/tasks/{w.TaskId}/resume"),

        // Library.
        Api("POST", "/api/library/", H, Scope.Target, _ => "/api/library",
            w => new { sourceRequestId = w.ClosedRequest.Id, kind = "StandardAnswer", title = "矩阵推荐", policyBasis = "《发票管理办法》", tags = new[] { "发票" } }),
        Api("GET", "/api/library/", Anyone, Scope.PublishedFlowsDown, _ => "/api/library?status=Proposed"),
        Api("GET", "/api/library/export", Anyone, Scope.PublishedFlowsDown, _ => "/api/library/export?format=json"),
        Api("GET", "/api/library/{id:guid}", Anyone, Scope.Target, w => $"/api/library/{w.LibraryEntryId}"),
        Api("POST", "/api/library/{id:guid}/publish", A, Scope.Target, w => $"/api/library/{w.LibraryEntryId}/publish"),
        Api("POST", "/api/library/{id:guid}/reject", A, Scope.Target, w => $"/api/library/{w.LibraryEntryId}/reject", _ => new { reason = "矩阵退回" }),

        // Collections and reports.
        Api("GET", "/api/collections/", Anyone, Scope.List, _ => "/api/collections"),
        new("POST", "/api/collections/{id:guid}/submit", Face.Api, H, Scope.Target, w => $"/api/collections/{w.CollectionTaskId}/submit",
            _ => new { requestCount = 3, riskPoints = "无" }, UnitBound: true, OwnCallerOutsideUnit: true),
        Api("GET", "/api/reports/quarterly.xlsx", An | Ad, Scope.Target, _ => "/api/reports/quarterly.xlsx?bureau=ulanqab&year=2026&quarter=1"),
        Api("GET", "/api/reports/", An | Ad, Scope.List, _ => "/api/reports"),
        Api("GET", "/api/reports/{id:guid}", An | Ad, Scope.Target, w => $"/api/reports/{w.ReportId}"),

        // Administration of a bureau (system admin).
        Api("GET", "/api/admin/bureaus/{bureau}/sla-policy/", Ad, Scope.Target, _ => "/api/admin/bureaus/ulanqab/sla-policy"),
        Api("PUT", "/api/admin/bureaus/{bureau}/sla-policy/{step}", Ad, Scope.Target, _ => "/api/admin/bureaus/ulanqab/sla-policy/Feedback",
            _ => new { workingDays = 2 }),
        Api("DELETE", "/api/admin/bureaus/{bureau}/sla-policy/{step}", Ad, Scope.Target, _ => "/api/admin/bureaus/ulanqab/sla-policy/Feedback", missing: true),
        Api("GET", "/api/admin/bureaus/{bureau}/calendar/", Ad, Scope.Target, _ => "/api/admin/bureaus/ulanqab/calendar?year=2026"),
        Api("PUT", "/api/admin/bureaus/{bureau}/calendar/{date}", Ad, Scope.Target, _ => "/api/admin/bureaus/ulanqab/calendar/2026-07-15",
            _ => new { isWorkingDay = false, name = "矩阵休息日" }),
        Api("DELETE", "/api/admin/bureaus/{bureau}/calendar/{date}", Ad, Scope.Target, _ => "/api/admin/bureaus/ulanqab/calendar/2026-07-15", missing: true),
        Api("POST", "/api/admin/calendar/notices", Ad, Scope.Root, _ => "/api/admin/calendar/notices", _ => new { text = "" }),
        Api("GET", "/api/admin/bureaus/{bureau}/units", Ad, Scope.Target, _ => "/api/admin/bureaus/ulanqab/units"),
        Api("POST", "/api/admin/bureaus/{bureau}/units", Ad, Scope.Target, _ => "/api/admin/bureaus/ulanqab/units",
            _ => new { code = "mxdw", name = "矩阵单位", kind = "Section" }),
        Api("GET", "/api/admin/bureaus/{bureau}/users", Ad, Scope.Target, _ => "/api/admin/bureaus/ulanqab/users"),
        Api("POST", "/api/admin/bureaus/{bureau}/users", Ad, Scope.Target, _ => "/api/admin/bureaus/ulanqab/users",
            w => new { userName = "mx.added", displayName = "矩阵新用户", unitId = w.TargetUnitId, roles = new[] { "Handler" }, password = "Bpm@2026matrix" }),
        Api("PUT", "/api/admin/bureaus/{bureau}/users/{userId:guid}", Ad, Scope.Target, w => $"/api/admin/bureaus/ulanqab/users/{w.TargetUserId}",
            w => new { unitId = w.TargetUnitId, roles = new[] { "Handler" } }),
        Api("GET", "/api/admin/bureaus/{bureau}/tags/", Ad, Scope.Target, _ => "/api/admin/bureaus/ulanqab/tags"),
        Api("PUT", "/api/admin/bureaus/{bureau}/tags/", Ad, Scope.Target, _ => "/api/admin/bureaus/ulanqab/tags", _ => new { tags = new[] { "发票", "社保" } }),

        // Security admin and audit admin (三权分立).
        Api("POST", "/api/security/users/{userId:guid}/unlock", S, Scope.Target, w => $"/api/security/users/{w.TargetUserId}/unlock"),
        Api("POST", "/api/security/users/{userId:guid}/password", S, Scope.Target, w => $"/api/security/users/{w.TargetUserId}/password",
            _ => new { password = "Bpm@2026matrix" }),
        Api("PUT", "/api/security/users/{userId:guid}/roles", S, Scope.Target, w => $"/api/security/users/{w.TargetUserId}/roles",
            _ => new { roles = new[] { "Handler" } }),
        Api("GET", "/api/audit", Au, Scope.List, _ => "/api/audit?pageSize=200"),
        Api("GET", "/openapi/{documentName:regex(^v1$)}.json", Anyone, Scope.None, _ => "/openapi/v1.json", face: Face.Public),

        // Channel intake: a channel's API key, never a user.
        new("POST", "/api/intake/{channel}", Face.ApiKey, Roles.None, Scope.None, _ => "/api/intake/12366", _ => new { }),

        // Elsa Studio's API: definitions are read by everyone signed in and changed by process owners only; instances are
        // requests' workflows, read in the subtree; nobody deletes or cancels one.
        ..ElsaRules(),

        // Web pages and downloads (web cookie).
        Web("GET", "/", Anyone, Scope.None, _ => "/"),
        Web("POST", "/", Anyone, Scope.None, _ => "/"),
        new("GET", "/ui/denied", Face.Web, Anyone, Scope.None, _ => "/ui/denied", ServedWith: HttpStatusCode.Forbidden),
        new("POST", "/ui/denied", Face.Web, Anyone, Scope.None, _ => "/ui/denied", ServedWith: HttpStatusCode.BadRequest),
        Web("GET", "/inbox", H | A, Scope.List, _ => "/inbox"),
        Web("POST", "/inbox", H | A, Scope.List, _ => "/inbox"),
        Web("GET", "/requests/new", H, Scope.None, _ => "/requests/new"),
        Web("POST", "/requests/new", H, Scope.None, _ => "/requests/new"),
        Web("GET", "/requests", Readers, Scope.List, _ => "/requests"),
        Web("POST", "/requests", Readers, Scope.List, _ => "/requests"),
        Web("GET", "/requests/{Id:guid}", Readers, Scope.Target, w => $"/requests/{w.Request.Id}"),
        Web("POST", "/requests/{Id:guid}", Readers, Scope.Target, w => $"/requests/{w.Request.Id}"),
        Web("GET", "/requests/ledger.xlsx", Readers, Scope.List, _ => "/requests/ledger.xlsx"),
        Web("GET", "/taxpayers/{CreditCode}", Readers, Scope.List, _ => $"/taxpayers/{MatrixWorld.CreditCode}"),
        Web("POST", "/taxpayers/{CreditCode}", Readers, Scope.List, _ => $"/taxpayers/{MatrixWorld.CreditCode}"),
        Web("GET", "/library", LibraryReaders, Scope.PublishedFlowsDown, _ => "/library?status=Proposed"),
        Web("POST", "/library", LibraryReaders, Scope.PublishedFlowsDown, _ => "/library?status=Proposed"),
        Web("GET", "/library/export", LibraryReaders, Scope.PublishedFlowsDown, _ => "/library/export"),
        Web("GET", "/library/propose/{RequestId:guid}", H, Scope.Target, w => $"/library/propose/{w.ClosedRequest.Id}"),
        Web("POST", "/library/propose/{RequestId:guid}", H, Scope.Target, w => $"/library/propose/{w.ClosedRequest.Id}"),
        Web("GET", "/dashboard", An | A | Ad, Scope.List, _ => "/dashboard"),
        Web("POST", "/dashboard", An | A | Ad, Scope.List, _ => "/dashboard"),
        Web("GET", "/collections", Readers, Scope.List, _ => "/collections"),
        Web("POST", "/collections", Readers, Scope.List, _ => "/collections"),
        Web("GET", "/admin", Ad, Scope.List, _ => "/admin"),
        Web("POST", "/admin", Ad, Scope.List, _ => "/admin"),
        Web("GET", "/admin/bureaus/{Code}", Ad, Scope.Target, _ => "/admin/bureaus/ulanqab"),
        Web("POST", "/admin/bureaus/{Code}", Ad, Scope.Target, _ => "/admin/bureaus/ulanqab"),
        Web("GET", "/admin/bureaus/{Code}/sla", Ad, Scope.Target, _ => "/admin/bureaus/ulanqab/sla"),
        Web("POST", "/admin/bureaus/{Code}/sla", Ad, Scope.Target, _ => "/admin/bureaus/ulanqab/sla"),
        Web("GET", "/admin/bureaus/{Code}/calendar", Ad, Scope.Target, _ => "/admin/bureaus/ulanqab/calendar"),
        Web("POST", "/admin/bureaus/{Code}/calendar", Ad, Scope.Target, _ => "/admin/bureaus/ulanqab/calendar"),
        Web("GET", "/security/users", S, Scope.List, _ => "/security/users"),
        Web("POST", "/security/users", S, Scope.List, _ => "/security/users"),
        Web("GET", "/studio/", Anyone, Scope.None, _ => "/studio/"),
        Web("GET", "/studio/definitions/{definitionId}", Anyone, Scope.None, _ => "/studio/definitions/policy"),
        Web("GET", "/studio/instances", Anyone, Scope.None, _ => "/studio/instances"),
        Web("GET", "/studio/instances/{instanceId}", Anyone, Scope.None, w => $"/studio/instances/{w.WorkflowInstanceId}"),
        Web("GET", "/studio/workflows/instances/{instanceId}/view", Anyone, Scope.None, w => $"/studio/workflows/instances/{w.WorkflowInstanceId}/view"),

        // Sign-in pages and static assets: for everyone.
        Public("GET", "/account/login", _ => "/account/login"),
        Public("POST", "/account/login", _ => "/account/login"),
        Public("POST", "/account/logout", _ => "/account/logout"),
        Public("GET", "/ui/bpm.css", _ => "/ui/bpm.css"),
        Public("GET", "/ui/culture", _ => "/ui/culture?name=en&returnUrl=%2F"),
        Public("GET", "/ui/lib/echarts.min.js", _ => "/ui/lib/echarts.min.js"),
        Public("GET", "/ui/dashboard.js", _ => "/ui/dashboard.js"),
        Public("*", "/health", _ => "/health"),
        Public("GET", "/_framework/opaque-redirect", _ => "/_framework/opaque-redirect"),
    ];

    private static IEnumerable<AccessRule> ElsaRules()
    {
        const string E = "/elsa/api";
        AccessRule Read(string pattern, Func<MatrixWorld, string> path, string method = "GET", Func<MatrixWorld, object?>? body = null) =>
            Api(method, E + pattern, Anyone, Scope.None, path, body);
        AccessRule Write(string pattern, Func<MatrixWorld, string> path, Func<MatrixWorld, object?>? body = null, bool missing = true) =>
            Api("POST", E + pattern, P, Scope.None, path, body, missing);
        AccessRule Instance(string method, string pattern, Func<MatrixWorld, string> path, Func<MatrixWorld, object?>? body = null) =>
            Api(method, E + pattern, Anyone, Scope.Target, path, body);
        AccessRule Refused(string method, string pattern, Func<MatrixWorld, string> path, Func<MatrixWorld, object?>? body = null) =>
            new(method, E + pattern, Face.Api, Anyone, pattern.Contains("{id}", StringComparison.Ordinal) ? Scope.Target : Scope.None, path, body, RefusedToAll: true);

        return
        [
            Read("/descriptors/activities", _ => E + "/descriptors/activities"),
            Api("POST", E + "/descriptors/activities/{typeName}/options/{propertyName}", Anyone, Scope.None, _ => E + "/descriptors/activities/Matrix.None/options/unit",
                _ => new { }, missing: true),
            Read("/descriptors/expression-descriptors", _ => E + "/descriptors/expression-descriptors"),
            Read("/descriptors/variables", _ => E + "/descriptors/variables"),
            Read("/descriptors/storage-drivers", _ => E + "/descriptors/storage-drivers"),
            Read("/descriptors/workflow-activation-strategies", _ => E + "/descriptors/workflow-activation-strategies"),
            Read("/descriptors/incident-strategies", _ => E + "/descriptors/incident-strategies"),
            Read("/descriptors/log-persistence-strategies", _ => E + "/descriptors/log-persistence-strategies"),
            Read("/descriptors/commit-strategies/workflows", _ => E + "/descriptors/commit-strategies/workflows"),
            Read("/descriptors/commit-strategies/activities", _ => E + "/descriptors/commit-strategies/activities"),
            Read("/features/installed", _ => E + "/features/installed"),
            Read("/package/version", _ => E + "/package/version"),
            Read("/scripting/javascript/type-definitions/{definitionId}", _ => E + "/scripting/javascript/type-definitions/policy", "POST", _ => new { }),
            Read("/workflow-definitions/", _ => E + "/workflow-definitions"),
            Read("/workflow-definitions/by-definition-id/{definitionId}", _ => E + "/workflow-definitions/by-definition-id/policy"),
            Read("/workflow-definitions/{definitionId}", _ => E + "/workflow-definitions/policy"),
            Api("GET", E + "/workflow-definitions/by-id/{id}", Anyone, Scope.None, _ => E + "/workflow-definitions/by-id/matrix-none", missing: true),
            Read("/workflow-definitions/validation/is-name-unique", _ => E + "/workflow-definitions/validation/is-name-unique?name=矩阵"),
            Read("/workflow-definitions/{definitionId}/consumers", _ => E + "/workflow-definitions/policy/consumers"),
            Read("/workflow-definitions/{definitionId}/export", _ => E + "/workflow-definitions/policy/export"),
            Read("/bulk-actions/export/workflow-definitions", _ => E + "/bulk-actions/export/workflow-definitions", "POST", _ => new { ids = Array.Empty<string>() }),
            Write("/workflow-definitions/", _ => E + "/workflow-definitions", w => new { model = w.PolicyModel, publish = false }, missing: false),
            Write("/workflow-definitions/import", _ => E + "/workflow-definitions/import", _ => new { }),
            Write("/workflow-definitions/import-files", _ => E + "/workflow-definitions/import-files", _ => new { }),
            Write("/workflow-definitions/{definitionId}/publish", _ => E + "/workflow-definitions/matrix-none/publish", _ => new { }),
            Write("/workflow-definitions/{definitionId}/retract", _ => E + "/workflow-definitions/matrix-none/retract", _ => new { }),
            Write("/workflow-definitions/{definitionId}/revert/{version:int}", _ => E + "/workflow-definitions/matrix-none/revert/1", _ => new { }),
            Read("/workflow-definitions/{definitionId}/execute", _ => E + "/workflow-definitions/policy/execute", "POST", _ => new { }),
            Api("DELETE", E + "/workflow-definitions/{definitionId}", P, Scope.None, _ => E + "/workflow-definitions/matrix-none", missing: true),
            Api("DELETE", E + "/workflow-definition-versions/{id}", P, Scope.None, _ => E + "/workflow-definition-versions/matrix-none", missing: true),
            Write("/bulk-actions/publish/workflow-definitions/by-definition-ids", _ => E + "/bulk-actions/publish/workflow-definitions/by-definition-ids",
                _ => new { definitionIds = new[] { "matrix-none" } }),
            Write("/bulk-actions/retract/workflow-definitions/by-definition-ids", _ => E + "/bulk-actions/retract/workflow-definitions/by-definition-ids",
                _ => new { definitionIds = new[] { "matrix-none" } }),
            Write("/bulk-actions/delete/workflow-definitions/by-definition-id", _ => E + "/bulk-actions/delete/workflow-definitions/by-definition-id",
                _ => new { definitionIds = new[] { "matrix-none" } }),
            Write("/bulk-actions/delete/workflow-definitions/by-id", _ => E + "/bulk-actions/delete/workflow-definitions/by-id",
                _ => new { ids = new[] { "matrix-none" } }),
            Api("GET", E + "/workflow-instances", Anyone, Scope.List, _ => E + "/workflow-instances"),
            Api("POST", E + "/workflow-instances", Anyone, Scope.List, _ => E + "/workflow-instances", _ => new { page = 0, pageSize = 50 }),
            Instance("GET", "/workflow-instances/{id}", w => $"{E}/workflow-instances/{w.WorkflowInstanceId}"),
            Instance("GET", "/workflow-instances/{id}/journal", w => $"{E}/workflow-instances/{w.WorkflowInstanceId}/journal"),
            Instance("POST", "/workflow-instances/{id}/journal", w => $"{E}/workflow-instances/{w.WorkflowInstanceId}/journal?skip=0&take=50", _ => new { }),
            Instance("GET", "/workflow-instances/{id}/variables", w => $"{E}/workflow-instances/{w.WorkflowInstanceId}/variables"),
            Instance("GET", "/workflow-instances/{id}/execution-state", w => $"{E}/workflow-instances/{w.WorkflowInstanceId}/execution-state"),
            Instance("GET", "/workflow-instances/{id}/export", w => $"{E}/workflow-instances/{w.WorkflowInstanceId}/export"),
            Instance("POST", "/workflow-instances/{id}/export", w => $"{E}/workflow-instances/{w.WorkflowInstanceId}/export", _ => new { }),
            Api("GET", E + "/bulk-actions/export/workflow-instances", Anyone, Scope.List, w => $"{E}/bulk-actions/export/workflow-instances?ids={w.WorkflowInstanceId}"),
            Api("POST", E + "/bulk-actions/export/workflow-instances", Anyone, Scope.List, _ => E + "/bulk-actions/export/workflow-instances",
                w => new { ids = new[] { w.WorkflowInstanceId } }),
            Instance("GET", "/activity-executions/list", w => $"{E}/activity-executions/list?WorkflowInstanceId={w.WorkflowInstanceId}&ActivityNodeId=Workflow1%3Aflow1"),
            Instance("GET", "/activity-execution-summaries/list",
                w => $"{E}/activity-execution-summaries/list?WorkflowInstanceId={w.WorkflowInstanceId}&ActivityNodeId=Workflow1%3Aflow1"),
            Api("GET", E + "/activity-executions/by-id", Anyone, Scope.None, _ => E + "/activity-executions/by-id?id=matrix-none", missing: true),
            Api("GET", E + "/activity-executions/{id}/call-stack", Anyone, Scope.None, _ => E + "/activity-executions/matrix-none/call-stack", missing: true),
            Instance("POST", "/activity-executions/report", _ => E + "/activity-executions/report",
                w => new { workflowInstanceId = w.WorkflowInstanceId, activityNodeIds = new[] { "Workflow1:flow1" } }),
            Refused("DELETE", "/workflow-instances/{id}", w => $"{E}/workflow-instances/{w.WorkflowInstanceId}"),
            Refused("POST", "/cancel/workflow-instances/{id}", w => $"{E}/cancel/workflow-instances/{w.WorkflowInstanceId}"),
            Refused("POST", "/bulk-actions/delete/workflow-instances/by-id", _ => E + "/bulk-actions/delete/workflow-instances/by-id", w => new { ids = new[] { w.WorkflowInstanceId } }),
            Refused("POST", "/bulk-actions/delete/workflow-instances/by-filter", _ => E + "/bulk-actions/delete/workflow-instances/by-filter", _ => new { }),
            Refused("POST", "/bulk-actions/cancel/workflow-instances", _ => E + "/bulk-actions/cancel/workflow-instances", w => new { ids = new[] { w.WorkflowInstanceId } }),
            Refused("POST", "/bulk-actions/import/workflow-instances", _ => E + "/bulk-actions/import/workflow-instances", _ => new { }),
            Api("*", E + "/{**path}", Anyone, Scope.None, _ => E + "/matrix/unknown", missing: true),
        ];
    }

    private static AccessRule Api(
        string method, string pattern, Roles allowed, Scope scope, Func<MatrixWorld, string> path, Func<MatrixWorld, object?>? body = null,
        bool missing = false, Face face = Face.Api) =>
        new(method, pattern, face, allowed, scope, path, body, missing);

    private static AccessRule Unit(string method, string pattern, Roles allowed, Scope scope, Func<MatrixWorld, string> path, Func<MatrixWorld, object?>? body = null) =>
        new(method, pattern, Face.Api, allowed, scope, path, body, UnitBound: true, RoleCheckedByService: true);

    private static AccessRule Web(string method, string pattern, Roles allowed, Scope scope, Func<MatrixWorld, string> path) =>
        new(method, pattern, Face.Web, allowed, scope, path);

    private static AccessRule Public(string method, string pattern, Func<MatrixWorld, string> path, Func<MatrixWorld, object?>? body = null) =>
        new(method, pattern, Face.Public, Anyone, Scope.None, path, body);
}
