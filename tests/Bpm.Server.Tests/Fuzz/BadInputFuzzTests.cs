using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bpm.Server.Tests.WebUi;
using Microsoft.AspNetCore.Mvc.Testing;
using Xunit.Abstractions;

namespace Bpm.Server.Tests.Fuzz;

/// <summary>
/// Issue 8: every route of the real server (read from its endpoint table, so a new route cannot escape) gets malformed and
/// hostile inputs — wrong JSON types per field, missing and unknown fields, huge strings, invalid UTF-8 and lone
/// surrogates, control characters, SQL and script injection, unknown enum values, out-of-range numbers, bad dates, bad
/// route ids and query strings, bad headers, bodies that are not JSON, wrong content types, invalid workflow models
/// (unknown activities, dangling connections, loops without a wait, deep nesting, 10,000 activities) — as a user of the
/// route's role and anonymously. Per input: never a 5xx and never a hang; a refusal of an API call is ProblemDetails
/// (a 400 with <c>errors</c>); a refused input stores nothing (the SQLite file's data_version does not move, sign-in
/// failures apart: they are recorded on purpose); an HTML page never echoes a script unescaped.
/// Deterministic: the seed (BPM_FUZZ_SEED, default <see cref="DefaultSeed"/>) is in every failure message.
/// </summary>
public sealed class BadInputFuzzTests(ITestOutputHelper output)
{
    public const int DefaultSeed = 20261121;

    /// <summary>The issue's figure: at least this many inputs per run.</summary>
    public const int MinimumInputs = 10_000;

    private const string IntakeKey = "fuzz-intake-key";

    [Fact]
    public async Task Ten_thousand_malformed_or_hostile_inputs_get_4xx_never_5xx_and_store_nothing()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("BPM_FUZZ_SEED"), out var chosen) ? chosen : DefaultSeed;
        var factory = new BpmServerFactory(new Dictionary<string, string?>
        {
            ["Intake:Channels:12366:ApiKeys:0"] = IntakeKey,
            ["Limits:IntakePerMinute"] = "1000000",
        });
        try
        {
            var run = new FuzzRun(factory, seed, Environment.GetEnvironmentVariable("BPM_FUZZ_ROUTES"));
            FuzzReport report;
            try
            {
                report = await run.RunAsync();
            }
            finally
            {
                output.WriteLine(run.Report.Summary());
            }

            report.UnknownRoutes.ShouldBeEmpty($"routes without an input generator (seed {seed})");
            report.Violations.ShouldBeEmpty($"seed {seed}: {report.ViolationCount} violations, first ones:\n{string.Join("\n", report.Violations.Take(40))}");
            if (run.Narrowed)
            {
                return;
            }

            report.Inputs.ShouldBeGreaterThanOrEqualTo(MinimumInputs, $"seed {seed}");
            report.Routes.ShouldBeGreaterThanOrEqualTo(100);
        }
        finally
        {
            factory.Dispose();
            factory.DeleteDatabase();
        }
    }

    /// <summary>One run of the fuzzer over a server: sends every input and collects what went wrong.</summary>
    /// <param name="routePrefix">BPM_FUZZ_ROUTES, e.g. "/elsa": only the routes under it, while investigating (the figures are then not checked).</param>
    private sealed class FuzzRun(BpmServerFactory factory, int seed, string? routePrefix)
    {
        /// <summary>The demo user each role's routes are called as (the roles' names as in BpmPolicies and UiRoles).</summary>
        private static readonly Dictionary<string, string> RoleUsers = new(StringComparer.Ordinal)
        {
            ["Handler"] = "xt.handler",
            ["Approver"] = "xt.approver",
            ["Administrator"] = "xt.admin",
            ["Analyst"] = "xt.analyst",
            ["ProcessOwner"] = "xt.owner",
            ["SecurityAdmin"] = "xt.security",
            ["AuditAdmin"] = "xt.auditor",
        };

        private readonly Dictionary<string, HttpClient> apiClients = new(StringComparer.Ordinal);
        private readonly Dictionary<string, HttpClient> webClients = new(StringComparer.Ordinal);
        private readonly FuzzReport report = new();

        public FuzzReport Report => report;

        public bool Narrowed => !string.IsNullOrEmpty(routePrefix);

        public async Task<FuzzReport> RunAsync()
        {
            var routes = FuzzRoute.Discover(factory.Services, out var unknown);
            report.UnknownRoutes.AddRange(unknown);
            foreach (var user in RoleUsers.Values.Distinct())
            {
                apiClients[user] = await factory.SignedInAsync(user);
                webClients[user] = await factory.WebSignedInAsync(user);
            }

            using var anonymous = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
            var random = new Random(seed);
            var inputs = new FuzzInputs(random, RoleUsers, [("X-Api-Key", IntakeKey)]);
            using var watch = new StoreWatch(factory.DatabaseFile);
            var clock = Stopwatch.StartNew();
            foreach (var route in routes.Where(r => !Narrowed || r.Pattern.StartsWith(routePrefix!, StringComparison.Ordinal))
                         .OrderBy(r => r.Pattern, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal))
            {
                report.Routes++;
                foreach (var input in inputs.For(route))
                {
                    var client = input.User is null ? anonymous : route.Kind == FuzzRouteKind.Page ? webClients[input.User] : apiClients[input.User];
                    await SendAsync(client, input, watch);
                }
            }

            report.Elapsed = clock.Elapsed;
            foreach (var client in apiClients.Values.Concat(webClients.Values))
            {
                client.Dispose();
            }

            return report;
        }

        private async Task SendAsync(HttpClient client, FuzzInput input, StoreWatch watch)
        {
            using var request = Build(input);
            if (request is null)
            {
                report.NotSendable++;
                return;
            }

            report.Inputs++;
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var started = Stopwatch.GetTimestamp();
            HttpResponseMessage response;
            string text;
            try
            {
                response = await client.SendAsync(request, timeout.Token);
                text = await response.Content.ReadAsStringAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                report.Violation($"no answer within 60 s: {input}");
                return;
            }
            catch (InvalidOperationException e) when (e.Message.Contains("null characters", StringComparison.Ordinal))
            {
                // The in-memory test server refuses a path with an encoded NUL (%00) before the app sees it; Kestrel answers 400.
                report.Inputs--;
                report.NotSendable++;
                return;
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException or IOException)
            {
                report.Violation($"server failed without an answer ({e.GetType().Name}: {e.Message}): {input}");
                return;
            }

            using (response)
            {
                report.Slowest = Math.Max(report.Slowest, Stopwatch.GetElapsedTime(started).TotalSeconds);
                var status = (int)response.StatusCode;
                report.Status(status);
                report.Count(input.Family);
                Check(input, response, status, text);
                if (watch.Changed(out var tables) && status >= 400 && !RecordsFailures(input.Route))
                {
                    report.Violation($"{status} but stored something (tables {string.Join(", ", tables)}): {input}");
                }
            }
        }

        private void Check(FuzzInput input, HttpResponseMessage response, int status, string text)
        {
            if (status >= 500)
            {
                report.Violation($"{status}: {input} → {Short(text)}");
                return;
            }

            if (input.Route.Kind == FuzzRouteKind.Page || input.Route.Pattern.StartsWith("/account", StringComparison.Ordinal))
            {
                if (text.Contains(HostileValues.ScriptMarker, StringComparison.Ordinal) && response.Content.Headers.ContentType?.MediaType == "text/html")
                {
                    report.Violation($"{status}: script echoed unescaped in HTML: {input}");
                }

                return;
            }

            if (status < 400 || input.Method == "HEAD" || AsksForOtherThanJson(input))
            {
                return;
            }

            var mediaType = response.Content.Headers.ContentType?.MediaType;
            if (mediaType != "application/problem+json")
            {
                report.Violation($"{status} answered as {mediaType ?? "(no content type)"}, not ProblemDetails: {input} → {Short(text)}");
            }
            else if (status == 400 && !text.Contains("\"errors\"", StringComparison.Ordinal) && !text.Contains("\"detail\"", StringComparison.Ordinal))
            {
                report.Violation($"400 without errors or detail saying what is wrong: {input} → {Short(text)}");
            }
        }

        /// <summary>A failed sign-in is recorded (audit entry, lockout counter) although it is refused.</summary>
        private static bool RecordsFailures(FuzzRoute route) =>
            route.Pattern.StartsWith("/api/auth/token", StringComparison.Ordinal) || route.Pattern.StartsWith("/account/login", StringComparison.Ordinal);

        private static bool AsksForOtherThanJson(FuzzInput input) =>
            input.Headers.Any(h => h.Name == "Accept");

        private static HttpRequestMessage? Build(FuzzInput input)
        {
            HttpRequestMessage request;
            try
            {
                request = new HttpRequestMessage(new HttpMethod(input.Method), input.Url);
            }
            catch (UriFormatException)
            {
                return null;
            }

            if (input.Body is not null)
            {
                request.Content = new ByteArrayContent(input.Body);
                if (input.ContentType is not null && !request.Content.Headers.TryAddWithoutValidation("Content-Type", input.ContentType))
                {
                    request.Dispose();
                    return null;
                }
            }

            foreach (var (name, value) in input.Headers)
            {
                var added = name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase)
                    ? request.Content?.Headers.TryAddWithoutValidation(name, value) ?? false
                    : request.Headers.TryAddWithoutValidation(name, value);
                if (!added)
                {
                    request.Dispose();
                    return null;
                }
            }

            if (input.Headers.Any(h => h.Name == "Authorization"))
            {
                request.Headers.Authorization = AuthenticationHeaderValue.TryParse(input.Headers.Last(h => h.Name == "Authorization").Value, out var value) ? value : null;
            }

            return request;
        }

        private static string Short(string text) => text.Length > 400 ? text[..400] + "…" : text;
    }

    /// <summary>What a run found, with the figures the README quotes.</summary>
    private sealed class FuzzReport
    {
        private readonly Dictionary<string, int> families = new(StringComparer.Ordinal);
        private readonly SortedDictionary<int, int> statuses = [];

        public List<string> UnknownRoutes { get; } = [];

        public List<string> Violations { get; } = [];

        public int ViolationCount { get; private set; }

        public int Inputs { get; set; }

        public int NotSendable { get; set; }

        public int Routes { get; set; }

        public double Slowest { get; set; }

        public TimeSpan Elapsed { get; set; }

        public void Count(string family) => families[family] = families.GetValueOrDefault(family) + 1;

        public void Status(int status) => statuses[status] = statuses.GetValueOrDefault(status) + 1;

        public void Violation(string text)
        {
            ViolationCount++;
            if (Violations.Count < 3000)
            {
                Violations.Add(text);
            }
        }

        public string Summary()
        {
            var text = new StringBuilder();
            text.AppendLine($"{Inputs} inputs over {Routes} routes in {Elapsed.TotalSeconds:F0} s (slowest {Slowest:F1} s); {NotSendable} not sendable by HttpClient; {ViolationCount} violations");
            text.AppendLine("statuses: " + string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
            text.AppendLine("families: " + string.Join(", ", families.OrderByDescending(f => f.Value).Select(f => $"{f.Key}×{f.Value}")));
            foreach (var violation in Violations.Take(300))
            {
                text.AppendLine(violation);
            }

            return text.ToString();
        }
    }
}
