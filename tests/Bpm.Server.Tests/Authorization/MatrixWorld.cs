using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Application;
using Bpm.Application.Bureaus;
using Bpm.Application.Collections;
using Bpm.Application.Users;
using Bpm.Domain.Users;
using Bpm.Persistence;
using Bpm.Server.Api;
using Bpm.Server.Tests.Library;
using Bpm.Server.Tests.WebUi;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Server.Tests.Authorization;

/// <summary>Where a caller's bureau stands relative to the target bureau 乌兰察布 (which holds every target object).</summary>
public enum Relation
{
    /// <summary>乌兰察布 itself.</summary>
    Own,

    /// <summary>国家税务总局, the parent: 乌兰察布 is inside its subtree, so it may see the targets.</summary>
    Parent,

    /// <summary>仙桃, a sibling under the same parent: outside, 404.</summary>
    Sibling,

    /// <summary>集宁区, a child of 乌兰察布: the target is above it, outside its subtree, 404.</summary>
    Child,
}

/// <summary>
/// The matrix's world: the demo seed plus one user per role in each of the four bureaus around 乌兰察布
/// (mx.own.handler … mx.child.auditadmin, all with the demo password), each signed in once by bearer token (API) and once
/// by web cookie (pages), and one target object of every kind in 乌兰察布: an open request with its first task, a note,
/// tags, a closed request with a proposed library item, a collection task, a stored quarterly report, the request's
/// workflow instance. Texts of the targets carry <see cref="Marker"/> so a denied answer can be searched for leaks.
/// </summary>
public sealed class MatrixWorld : IAsyncDisposable
{
    /// <summary>In the target's taxpayer name, note and library title: a denied answer never contains it.</summary>
    public const string Marker = "矩阵靶标";

    public const string CreditCode = "91150900MA0MX0001A";

    public static readonly IReadOnlyDictionary<Relation, (string Bureau, string Unit)> Places = new Dictionary<Relation, (string, string)>
    {
        [Relation.Own] = ("ulanqab", "nsfwk"),
        [Relation.Parent] = ("national", "nsfws"),
        [Relation.Sibling] = ("xiantao", "nsfwk"),
        [Relation.Child] = ("jining", "nsfwg"),
    };

    public static readonly IReadOnlyList<Roles> AllRoles =
        [Roles.Handler, Roles.Approver, Roles.Administrator, Roles.SecurityAdmin, Roles.AuditAdmin, Roles.Analyst, Roles.ProcessOwner];

    private readonly Dictionary<(Relation, Roles), HttpClient> _api = [];
    private readonly Dictionary<(Relation, Roles), HttpClient> _web = [];
    private readonly Dictionary<(Relation, Roles), string> _antiforgery = [];

    private MatrixWorld(BpmServerFactory factory) => Factory = factory;

    public BpmServerFactory Factory { get; }

    public HttpClient AnonymousApi { get; private set; } = null!;

    public HttpClient AnonymousWeb { get; private set; } = null!;

    public RequestDto Request { get; private set; } = null!;

    public Guid TaskId { get; private set; }

    public RequestDto ClosedRequest { get; private set; } = null!;

    public Guid LibraryEntryId { get; private set; }

    public Guid CollectionTaskId { get; private set; }

    public Guid ReportId { get; private set; }

    /// <summary>The latest model of the 政策落实类 workflow, as Studio saves it back.</summary>
    public JsonElement PolicyModel { get; private set; }

    /// <summary>wlcb.handler: the user the security and directory routes act on.</summary>
    public Guid TargetUserId { get; private set; }

    public Guid TargetUnitId { get; private set; }

    public string WorkflowInstanceId => Request.WorkflowInstanceId!;

    /// <summary>Strings that identify the targets: none may appear in a denied answer.</summary>
    public IReadOnlyList<string> Secrets =>
        [Marker, Request.Id.ToString(), Request.Number, ClosedRequest.Number, CreditCode, TaskId.ToString(), LibraryEntryId.ToString(), WorkflowInstanceId];

    public static string UserName(Relation relation, Roles role) =>
        $"mx.{relation.ToString().ToLowerInvariant()}.{role.ToString().ToLowerInvariant()}";

    public HttpClient Api(Relation relation, Roles role) => _api[(relation, role)];

    public HttpClient Web(Relation relation, Roles role) => _web[(relation, role)];

    public string AntiforgeryToken(Relation relation, Roles role) => _antiforgery[(relation, role)];

    public static async Task<MatrixWorld> CreateAsync()
    {
        var factory = new BpmServerFactory(time: new ManualTimeProvider(ApiClient.Now));
        var world = new MatrixWorld(factory);
        await world.SeedAsync();
        return world;
    }

    /// <summary>The number of audit rows: a denied call must not add one (nothing was committed).</summary>
    public async Task<long> AuditRowsAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<BpmDbContext>().AuditEntries.LongCountAsync();
    }

    private async Task SeedAsync()
    {
        AnonymousApi = Factory.CreateClient();
        AnonymousWeb = Factory.WebClientFor();
        await AddUsersAsync();
        foreach (var relation in Enum.GetValues<Relation>())
        {
            foreach (var role in AllRoles)
            {
                var userName = UserName(relation, role);
                _api[(relation, role)] = await Factory.SignedInAsync(userName);
                var web = await Factory.WebSignedInAsync(userName);
                _web[(relation, role)] = web;
                var page = await web.PageAsync("/ui/denied", HttpStatusCode.Forbidden);
                _antiforgery[(relation, role)] = WebUi.WebClient.HiddenValue(page, WebUi.WebClient.AntiforgeryField)
                    ?? throw new InvalidOperationException("the layout has no antiforgery token");
            }
        }

        var handler = Api(Relation.Own, Roles.Handler);
        Request = await handler.RegisterAsync(ApiClient.Registration(
            "ZCYW", ("taxpayerName", Marker + "某公司"), ("creditCode", CreditCode), ("contact", "0474-8123456")));
        ClosedRequest = await handler.RegisterClosedAsync("ZCYW", more: [("taxpayerName", Marker + "另一公司")]);
        var inbox = await handler.GetFromJsonAsync<JsonElement>("/api/tasks");
        TaskId = inbox.GetProperty("items").EnumerateArray().Single(t => t.GetProperty("requestId").GetGuid() == Request.Id).GetProperty("id").GetGuid();
        (await handler.PostAsJsonAsync($"/api/requests/{Request.Id}/notes", new { text = Marker + "的备注" })).EnsureSuccessStatusCode();
        LibraryEntryId = (await handler.ProposeAsync(ClosedRequest.Id, title: Marker + "答复口径")).Id;

        await Factory.Services.GetRequiredService<PeriodicDuties>().RunAsync(CancellationToken.None);
        var admin = Api(Relation.Own, Roles.Administrator);
        var collections = await admin.GetFromJsonAsync<JsonElement>("/api/collections?bureau=ulanqab");
        CollectionTaskId = collections.GetProperty("items").EnumerateArray()
            .First(t => t.GetProperty("bureau").GetString() == "ulanqab").GetProperty("id").GetGuid();
        var reports = await Api(Relation.Own, Roles.Analyst).GetFromJsonAsync<JsonElement>("/api/reports");
        ReportId = reports.EnumerateArray().First(r => r.GetProperty("bureau").GetString() == "ulanqab").GetProperty("id").GetGuid();
        PolicyModel = await Api(Relation.Own, Roles.ProcessOwner).GetFromJsonAsync<JsonElement>("/elsa/api/workflow-definitions/by-definition-id/policy?versionOptions=Latest");

        await using var scope = Factory.Services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<IUserStore>();
        var target = await users.FindByUserNameAsync("wlcb.handler", CancellationToken.None) ?? throw new InvalidOperationException("no wlcb.handler");
        TargetUserId = target.Id;
        TargetUnitId = target.UnitId!.Value;
    }

    private async Task AddUsersAsync()
    {
        await using var scope = Factory.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var bureaus = services.GetRequiredService<IBureauStore>();
        var users = services.GetRequiredService<IUserStore>();
        var hashing = services.GetRequiredService<IPasswordHashing>();
        var tree = await bureaus.LoadTreeAsync(CancellationToken.None);
        await services.GetRequiredService<IUnitOfWork>().InTransactionAsync(async cancellationToken =>
        {
            foreach (var (relation, (bureauCode, unitCode)) in Places)
            {
                var bureau = tree.Bureaus.Single(b => b.Code == bureauCode);
                var unit = (await bureaus.ListUnitsAsync(bureau.Id, cancellationToken)).Single(u => u.Code == unitCode);
                foreach (var role in AllRoles)
                {
                    var user = new User(Guid.NewGuid(), UserName(relation, role), $"矩阵 {bureau.Name} {role}", bureau.Id, unit.Id, role);
                    user.SetPasswordHash(hashing.Hash(user, ApiClient.DemoPassword));
                    await users.AddAsync(user, cancellationToken);
                }
            }

            return true;
        }, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _api.Values.Concat(_web.Values))
        {
            client.Dispose();
        }

        AnonymousApi?.Dispose();
        AnonymousWeb?.Dispose();
        await Factory.DisposeAsync();
        Factory.DeleteDatabase();
    }
}
