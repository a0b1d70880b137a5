using System.Net;
using System.Net.Http.Json;
using Bpm.Domain.Users;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Bpm.Server.Tests.Authorization;

/// <summary>The world of the matrix, built once for the class (signing in 56 sessions and seeding takes a while).</summary>
public sealed class MatrixWorldFixture : IAsyncLifetime
{
    public MatrixWorld World { get; private set; } = null!;

    public async Task InitializeAsync() => World = await MatrixWorld.CreateAsync();

    public async Task DisposeAsync()
    {
        if (World is not null)
        {
            await World.DisposeAsync();
        }
    }
}

/// <summary>
/// The authorization matrix: every route the server maps × every role (and anonymous) × the caller's bureau relative to
/// the target's (own, parent, sibling, child). A denied cell answers 401 (no sign-in), 403 (wrong role) or 404 (outside the
/// subtree), shows none of the target's data and commits nothing; an allowed cell is served. A route without a row in
/// <see cref="AccessMatrix"/> fails the first test, so a new route cannot slip past it.
/// </summary>
public sealed class AccessMatrixTests(MatrixWorldFixture fixture, ITestOutputHelper output) : IClassFixture<MatrixWorldFixture>
{
    private MatrixWorld World => fixture.World;

    [Fact]
    public void Every_route_of_the_server_has_exactly_one_row_in_the_matrix()
    {
        var mapped = MappedRoutes(World.Factory);
        var declared = AccessMatrix.Rules.Select(r => r.Route).ToList();

        mapped.Except(declared).Select(r => $"route {r} has no access rule in the matrix").ShouldBeEmpty();
        declared.Except(mapped).Select(r => $"matrix row {r} names no route of the server").ShouldBeEmpty();
        declared.GroupBy(r => r).Where(g => g.Count() > 1).Select(g => g.Key).ShouldBeEmpty();
    }

    [Fact]
    public async Task Every_cell_answers_as_declared_and_a_denied_one_leaks_and_changes_nothing()
    {
        var cells = Cells().ToList();
        var failures = new List<string>();

        // Denied cells first: they must find every target as it was seeded; then the allowed ones, which may change them.
        foreach (var cell in cells.OrderBy(c => c.Expected.IsDenied ? 0 : 1))
        {
            if (await CheckAsync(cell) is { } failure)
            {
                failures.Add(failure);
            }
        }

        var denied = cells.Count(c => c.Expected.IsDenied);
        output.WriteLine($"{AccessMatrix.Rules.Count} routes × {MatrixWorld.AllRoles.Count} roles × {Enum.GetValues<Relation>().Length} bureau relations + anonymous = " +
            $"{cells.Count} cells: {cells.Count - denied} allowed, {denied} denied, {failures.Count} failing");
        failures.ShouldBeEmpty();
        cells.Count.ShouldBe(AccessMatrix.Rules.Count * (MatrixWorld.AllRoles.Count * Enum.GetValues<Relation>().Length + 1));
    }

    private IEnumerable<Cell> Cells()
    {
        foreach (var rule in AccessMatrix.Rules)
        {
            yield return new Cell(rule, null, null, Expect(rule, null, null));
            foreach (var relation in Enum.GetValues<Relation>())
            {
                foreach (var role in MatrixWorld.AllRoles)
                {
                    yield return new Cell(rule, relation, role, Expect(rule, relation, role));
                }
            }
        }
    }

    /// <summary>What the rule says for one caller (role null = not signed in).</summary>
    public static Expected Expect(AccessRule rule, Relation? relation, Roles? role)
    {
        ArgumentNullException.ThrowIfNull(rule);
        var outside = relation is Relation.Sibling or Relation.Child;
        if (rule.Face == Face.ApiKey)
        {
            return Expected.Denied(HttpStatusCode.Unauthorized);
        }

        if (rule.Face == Face.Public)
        {
            return Expected.Served(rule);
        }

        if (role is not { } held)
        {
            return rule.Face == Face.Web ? Expected.ToSignIn : Expected.Denied(HttpStatusCode.Unauthorized);
        }

        if ((rule.Allowed & held) == 0)
        {
            return rule.Face == Face.Web ? Expected.ToDeniedPage
                : rule.RoleCheckedByService && outside ? Expected.Denied(HttpStatusCode.NotFound)
                : rule.Missing ? Expected.Denied(HttpStatusCode.Forbidden, HttpStatusCode.NotFound)
                : Expected.Denied(HttpStatusCode.Forbidden);
        }

        if (rule.Scope == Scope.Target && outside)
        {
            // A page's form posted from outside: the page shows "not found" without the form, so Blazor refuses the post (400).
            return rule.Face == Face.Web && rule.Method == "POST"
                ? Expected.Denied(HttpStatusCode.NotFound, HttpStatusCode.BadRequest)
                : Expected.Denied(rule.Outside);
        }

        if (rule.RefusedToAll)
        {
            return Expected.Denied(HttpStatusCode.BadRequest);
        }

        return rule.Scope switch
        {
            Scope.List when outside => Expected.ServedWithoutTargets,
            Scope.PublishedFlowsDown when relation == Relation.Sibling => Expected.ServedWithoutTargets,
            Scope.Root when relation != Relation.Parent => Expected.Denied(HttpStatusCode.Forbidden),
            _ when rule.UnitBound && (relation == Relation.Parent || (relation == Relation.Own && rule.OwnCallerOutsideUnit)) => Expected.Denied(HttpStatusCode.Forbidden),
            _ => Expected.Served(rule),
        };
    }

    private async Task<string?> CheckAsync(Cell cell)
    {
        var rule = cell.Rule;
        var path = rule.Path(World);
        var body = rule.Body?.Invoke(World);
        var auditBefore = cell.Expected.IsDenied ? await World.AuditRowsAsync() : 0;
        using var request = new HttpRequestMessage(new HttpMethod(rule.Method == "*" ? "GET" : rule.Method), path);
        var viaWeb = rule.Face == Face.Web || (rule.Face == Face.Public && !path.StartsWith("/api", StringComparison.Ordinal));
        if (viaWeb && rule.Method == "POST")
        {
            var fields = new Dictionary<string, string>();
            if (cell.Role is { } r)
            {
                fields[WebUi.WebClient.AntiforgeryField] = World.AntiforgeryToken(cell.Relation!.Value, r);
            }

            request.Content = new FormUrlEncodedContent(fields);
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        var client = cell.Role is { } role
            ? viaWeb ? World.Web(cell.Relation!.Value, role) : World.Api(cell.Relation!.Value, role)
            : viaWeb ? World.AnonymousWeb : World.AnonymousApi;
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.OriginalString ?? "";
        var asked = path + " " + System.Text.Json.JsonSerializer.Serialize(body);
        var leaked = World.Secrets.Where(s => text.Contains(s, StringComparison.Ordinal) && !asked.Contains(s, StringComparison.Ordinal)).ToList();
        var name = $"{cell} → {status} {location}";
        var expected = cell.Expected;
        if (expected.IsDenied)
        {
            var statusRight = expected.RedirectTo is null
                ? expected.Statuses.Contains(response.StatusCode)
                : response.StatusCode == HttpStatusCode.Redirect && location.Contains(expected.RedirectTo, StringComparison.Ordinal);
            if (!statusRight)
            {
                return $"{name}: expected {expected}";
            }

            if (leaked.Count > 0)
            {
                return $"{name}: denied, yet the answer shows {string.Join(", ", leaked)}";
            }

            var auditAfter = await World.AuditRowsAsync();
            return auditAfter == auditBefore ? null : $"{name}: denied, yet {auditAfter - auditBefore} audit rows were added (something changed)";
        }

        var refused = rule.ServedWith is { } servedWith
            ? response.StatusCode != servedWith && !response.IsSuccessStatusCode
            : status is 401 or 403 or 405 || status >= 500 || (status == 404 && !rule.Missing)
              || (rule.Face != Face.Public && response.StatusCode == HttpStatusCode.Redirect
                  && (location.Contains("/account/login", StringComparison.Ordinal) || location.Contains("/ui/denied", StringComparison.Ordinal)));
        if (refused)
        {
            return $"{name}: expected {expected}; {text[..Math.Min(200, text.Length)]}";
        }

        return expected.WithoutTargets && leaked.Count > 0 ? $"{name}: the list shows {string.Join(", ", leaked)} from outside the subtree" : null;
    }

    /// <summary>"GET /api/requests/{id:guid}" for every route endpoint; "*" for one that takes any method (a fallback).</summary>
    public static IReadOnlyList<string> MappedRoutes(BpmServerFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        return
        [
            .. factory.Services.GetServices<EndpointDataSource>()
                .SelectMany(source => source.Endpoints)
                .OfType<RouteEndpoint>()
                .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m} {e.RoutePattern.RawText}"))
                .Distinct(),
        ];
    }

    public sealed record Cell(AccessRule Rule, Relation? Relation, Roles? Role, Expected Expected)
    {
        public override string ToString() => $"{Rule.Route} as {(Role is { } r ? MatrixWorld.UserName(Relation!.Value, r) : "anonymous")}";
    }

    /// <summary>A denial (one of some statuses, or a redirect to the sign-in or no-access page) or a served answer.</summary>
    public sealed record Expected(IReadOnlyList<HttpStatusCode> Statuses, string? RedirectTo, bool IsDenied, bool WithoutTargets)
    {
        public static readonly Expected ToSignIn = new([], "/account/login", true, false);
        public static readonly Expected ToDeniedPage = new([], "/ui/denied", true, false);
        public static readonly Expected ServedWithoutTargets = new([], null, false, true);

        public static Expected Denied(params HttpStatusCode[] statuses) => new(statuses, null, true, false);

        public static Expected Served(AccessRule rule) => new(rule?.ServedWith is { } s ? [s] : [], null, false, false);

        public override string ToString() =>
            IsDenied ? RedirectTo is null ? $"denied {string.Join(" or ", Statuses.Select(s => (int)s))}" : $"redirect to {RedirectTo}"
            : WithoutTargets ? "served without the targets" : "served";
    }
}
