using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Bpm.Domain.Bureaus;
using Bpm.Domain.Calendar;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Domain.Taxpayers;
using Bpm.Domain.Tasks;
using Bpm.Domain.Users;
using Bpm.Persistence;
using Bpm.Persistence.PersonalData;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace Bpm.Bench.Benchmarks;

/// <summary>
/// Server time of the web UI's pages with 100,000 requests in the database (--quick: 1,000). The real built server runs
/// as a separate process on loopback (demo directory seeded), on SQLite and, with --postgres or BPM_TEST_POSTGRES set, on PostgreSQL too. The
/// requests are spread over 仙桃 (50%), 乌兰察布 (30%) and 集宁区 (20%), the six types, the channels and the last 365 days;
/// 10% are open with a handling task (due 4 days after receipt, most of them past due; a fifth claimed by a handler, 1% of
/// Xiantao's by xt.handler), the rest closed with handling,
/// feedback and revisit tasks: about 2.8 tasks per request, written through EF in batches, as the timers bench does.
/// Each page is fetched sequentially after warm-up; the time is request sent → whole body read. Baseline in the same
/// run: GET /health. A page that does not answer 200 on this branch (built by another part of the work) is listed as
/// absent. Goal: every page &lt; 300 ms at p50 with 100,000 requests (reported, not enforced).
/// </summary>
internal static class PagesBenchmark
{
    private sealed record Settings(int Requests, int WarmUp, int Runs, bool KeepDatabase = false, string? Reuse = null);

    private sealed record Page(string Name, string User, string Path);

    public sealed record PageTime(string Name, string Path, string User, int Status, int Bytes, int Runs, double P50Milliseconds, double P95Milliseconds, double? RatioToBaseline);

    public sealed record ProviderRun(string Provider, int Requests, int Tasks, double SeedSeconds, IReadOnlyList<PageTime> Pages);

    private const string Password = "Bpm@2026demo";
    private const double GoalMilliseconds = 300;

    public static async Task<int> RunAsync(string[] args)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(DatabaseOptions).Module.ModuleHandle);
        bool quick = args.Contains("--quick");
        // --keep leaves the seeded database behind (its place is printed), to study query plans on it.
        // --reuse FILE measures a SQLite database kept by an earlier run (migrated by the server on start) instead of seeding one.
        string? reuse = BenchArguments.ReuseFile(args);
        var settings = (quick ? new Settings(1_000, 1, 5) : new Settings(100_000, 5, 30)) with { KeepDatabase = args.Contains("--keep") || reuse is not null, Reuse = reuse };
        // PostgreSQL too when asked (--postgres) or when the test server is configured, as the timers bench does.
        string? postgres = BenchArguments.PostgresAdmin(args, reuse);
        string root = BenchOutput.FindRepositoryRoot();
        string serverDll = HttpBenchmark.ServerDll(root);
        if (!await HttpBenchmark.BuildServerAsync(root))
        {
            return 1;
        }

        var runs = new List<ProviderRun>();
        var sqlite = await RunOnAsync(DatabaseProvider.Sqlite, null, root, serverDll, settings);
        if (sqlite is null)
        {
            return 1;
        }
        runs.Add(sqlite);
        if (postgres is not null)
        {
            var onPostgres = await RunOnAsync(DatabaseProvider.PostgreSql, postgres, root, serverDll, settings);
            if (onPostgres is null)
            {
                return 1;
            }
            runs.Add(onPostgres);
        }

        PrintTable(runs, settings);
        string path = BenchOutput.Write("pages", new
        {
            benchmark = "pages",
            measuredAt = TimeProvider.System.GetUtcNow(),
            quick,
            runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            processorCount = Environment.ProcessorCount,
            goalMilliseconds = GoalMilliseconds,
            warmUpPerPage = settings.WarmUp,
            runsPerPage = settings.Runs,
            providers = runs,
        });
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    private static async Task<ProviderRun?> RunOnAsync(DatabaseProvider provider, string? postgresAdmin, string root, string serverDll, Settings settings)
    {
        string name = provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        DirectoryInfo temp = Directory.CreateTempSubdirectory("bpm-bench-pages-");
        string? postgresDatabase = null;
        Process? server = null;
        try
        {
            DatabaseOptions options;
            if (provider == DatabaseProvider.Sqlite)
            {
                options = new DatabaseOptions { Provider = provider, ConnectionString = $"Data Source={settings.Reuse ?? Path.Combine(temp.FullName, "bench.db")}" };
            }
            else
            {
                postgresDatabase = "bpm_bench_pages_" + Guid.NewGuid().ToString("N")[..12];
                await ExecutePostgresAsync(postgresAdmin!, $"CREATE DATABASE \"{postgresDatabase}\"");
                options = new DatabaseOptions { Provider = provider, ConnectionString = new NpgsqlConnectionStringBuilder(postgresAdmin) { Database = postgresDatabase }.ConnectionString };
            }

            int port = HttpBenchmark.FreePort();
            var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
            string log = Path.Combine(temp.FullName, "server.log");
            server = HttpBenchmark.StartServer(root, serverDll, baseAddress,
                [$"--Database:Provider={provider}", $"--Database:ConnectionString={options.ConnectionString}", "--Scheduling:Enabled=false"], log);
            using (var probe = NewClient(baseAddress))
            {
                if (!await HttpBenchmark.WaitForHealthAsync(probe, server, TimeSpan.FromSeconds(90)))
                {
                    Console.Error.WriteLine($"[{name}] the server did not answer /health within 90 s; its log:\n{HttpBenchmark.TailOf(log)}");
                    return null;
                }
            }

            var seedClock = Stopwatch.StartNew();
            var seeded = settings.Reuse is null ? await SeedAsync(options, ServerProtector(root), settings.Requests) : await LookUpSeededAsync(options);
            double seedSeconds = seedClock.Elapsed.TotalSeconds;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{name}] {(settings.Reuse is null ? $"{settings.Requests} requests, {seeded.Tasks} tasks written" : $"{settings.Reuse} (reused, migrated at start) looked up")} in {seedSeconds:N1} s"));

            var clients = new Dictionary<string, HttpClient>();
            foreach (string user in new[] { "xt.handler", "admin", "xt.admin" })
            {
                clients[user] = await SignedInAsync(baseAddress, user);
            }
            clients[""] = NewClient(baseAddress);

            var today = BureauClock.ChinaDefault.LocalDate(TimeProvider.System.GetUtcNow());
            string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            Page[] pages =
            [
                new("baseline: /health", "", "/health"),
                new("inbox (xt.handler)", "xt.handler", "/inbox"),
                new("request list", "admin", "/requests"),
                new("request list, filtered", "admin", $"/requests?bureau={seeded.Xiantao}&type=Policy&status=Dispatched"),
                new("request page", "xt.handler", $"/requests/{seeded.XiantaoRequest}"),
                new("dashboard, this month", "admin", "/dashboard"),
                new("dashboard, 365 days", "admin", $"/dashboard?receivedFrom={Date(today.AddDays(-364))}&receivedTo={Date(today)}"),
                new("SLA of a bureau", "xt.admin", "/admin/bureaus/xiantao/sla"),
                new("calendar of a bureau", "xt.admin", "/admin/bureaus/xiantao/calendar"),
                new("bureau tree", "xt.admin", "/admin"),
            ];

            var times = new List<PageTime>();
            double? baselineP50 = null;
            foreach (var page in pages)
            {
                var time = await MeasureAsync(clients[page.User], page, settings, baselineP50);
                baselineP50 ??= time.P50Milliseconds;
                times.Add(time);
            }

            foreach (var client in clients.Values)
            {
                client.Dispose();
            }

            return new ProviderRun(name, settings.Requests, seeded.Tasks, Math.Round(seedSeconds, 1), times);
        }
        finally
        {
            if (server is not null)
            {
                if (!server.HasExited)
                {
                    server.Kill(entireProcessTree: true);
                }
                await server.WaitForExitAsync();
                server.Dispose();
            }
            SqliteConnection.ClearAllPools();
            NpgsqlConnection.ClearAllPools();
            if (settings.KeepDatabase)
            {
                Console.Error.WriteLine($"[{name}] database kept: {postgresDatabase ?? Path.Combine(temp.FullName, "bench.db")}");
            }
            else
            {
                await DropAsync(postgresAdmin, postgresDatabase, temp);
            }
        }
    }

    private static async Task DropAsync(string? postgresAdmin, string? postgresDatabase, DirectoryInfo temp)
    {
        if (postgresDatabase is not null)
        {
            await ExecutePostgresAsync(postgresAdmin!, $"DROP DATABASE IF EXISTS \"{postgresDatabase}\" WITH (FORCE)");
        }

        try
        {
            temp.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the folder is in the temp directory and harmless.
        }
    }

    private static async Task<PageTime> MeasureAsync(HttpClient client, Page page, Settings settings, double? baselineP50)
    {
        var uri = new Uri(page.Path, UriKind.Relative);
        int status;
        int bytes;
        using (var first = await client.GetAsync(uri))
        {
            status = (int)first.StatusCode;
            bytes = (await first.Content.ReadAsByteArrayAsync()).Length;
        }
        if (status != (int)HttpStatusCode.OK)
        {
            return new PageTime(page.Name, page.Path, page.User, status, bytes, 0, 0, 0, null);
        }

        for (int i = 0; i < settings.WarmUp; i++)
        {
            using var response = await client.GetAsync(uri);
            await response.Content.ReadAsByteArrayAsync();
        }

        var latencies = new double[settings.Runs];
        for (int i = 0; i < settings.Runs; i++)
        {
            long started = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead);
            await response.Content.ReadAsByteArrayAsync();
            latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        }

        Array.Sort(latencies);
        double p50 = HttpBenchmark.Percentile(latencies, 0.50);
        return new PageTime(page.Name, page.Path, page.User, status, bytes, settings.Runs, p50, HttpBenchmark.Percentile(latencies, 0.95),
            baselineP50 is { } baseline && baseline > 0 ? Math.Round(p50 / baseline, 1) : null);
    }

    private static HttpClient NewClient(Uri baseAddress) =>
        new(new SocketsHttpHandler { UseCookies = true, CookieContainer = new CookieContainer(), AllowAutoRedirect = false, UseProxy = false })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };

    /// <summary>A client with the web sign-in cookie, through the real sign-in form (antiforgery token included).</summary>
    internal static async Task<HttpClient> SignedInAsync(Uri baseAddress, string user)
    {
        var client = NewClient(baseAddress);
        string form = await client.GetStringAsync(new Uri("/account/login", UriKind.Relative));
        var token = Regex.Match(form, "name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"");
        using var response = await client.PostAsync(new Uri("/account/login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
            ["userName"] = user,
            ["password"] = Password,
            ["returnUrl"] = "/",
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"sign-in as {user} answered {(int)response.StatusCode}");
        }
        return client;
    }

    internal sealed record Seeded(Guid Xiantao, Guid XiantaoRequest, int Tasks);

    private static readonly string[] Industries = ["制造业", "批发和零售业", "建筑业", "信息传输、软件和信息技术服务业", "交通运输业", "住宿和餐饮业", "房地产业", "农、林、牧、渔业"];

    /// <summary>
    /// The personal-data cipher the server started from <paramref name="root"/> uses (its appsettings.json, demo keys), so the
    /// seeded contacts and credit codes are stored as the server itself would store them and it can read them back.
    /// </summary>
    internal static PersonalDataProtector ServerProtector(string root) =>
        PersonalDataSettings.Load(new ConfigurationBuilder().AddJsonFile(Path.Combine(root, "appsettings.json")).Build(), root);

    /// <summary>The requests and tasks, 2,000 requests per SaveChanges; deterministic (seed 6).</summary>
    internal static async Task<Seeded> SeedAsync(DatabaseOptions options, PersonalDataProtector protector, int count)
    {
        var random = new Random(6);
        var now = TimeProvider.System.GetUtcNow();
        List<Bureau> bureaus;
        List<Unit> units;
        Guid handler;
        await using (var db = PersistenceServices.CreateContext(options, protector))
        {
            bureaus = await db.Bureaus.AsNoTracking().ToListAsync();
            units = await db.Units.AsNoTracking().ToListAsync();
            handler = await db.Users.AsNoTracking().Where(u => u.UserName == "xt.handler").Select(u => u.Id).SingleAsync();
        }

        // Who has claimed an open task: one in five is claimed by one of 20 colleagues, and xt.handler (whose inbox the
        // benches read) has claimed Xiantao's first open task and one in 100 after it, e.g. 10 of 1,000 open ones.
        var colleagues = Enumerable.Range(0, 20).Select(i => new Guid(i + 1, 0, 0, new byte[8])).ToArray();
        int xiantaoOpen = 0;

        var targets = new[] { ("xiantao", 0.5, "sdsk"), ("ulanqab", 0.3, "zsglk"), ("jining", 0.2, "dyfj") }
            .Select(t =>
            {
                var bureau = bureaus.Single(b => b.Code == t.Item1);
                var bureauUnits = units.Where(u => u.BureauId == bureau.Id).ToList();
                return (Bureau: bureau, Share: t.Item2, Receiving: bureauUnits.First(), Handling: bureauUnits.Single(u => u.Code == t.Item3), Sequence: new int[1]);
            }).ToArray();
        var types = Enum.GetValues<RequestType>();
        var channels = Enum.GetValues<Channel>();
        var sizes = Enum.GetValues<TaxpayerSize>();
        var codes = Enumerable.Range(0, Math.Max(10, count / 5)).Select(i =>
        {
            string first17 = "91429004MA4" + i.ToString("D6", CultureInfo.InvariantCulture);
            return first17 + UnifiedSocialCreditCode.CheckCharacter(first17);
        }).ToArray();
        var toClosed = new[] { RequestStatus.Transferred, RequestStatus.Dispatched, RequestStatus.Handled, RequestStatus.FedBack, RequestStatus.Closed };
        int tasks = 0;
        Guid xiantaoRequest = Guid.Empty;
        const int batch = 2_000;
        for (int start = 0; start < count; start += batch)
        {
            await using var db = PersistenceServices.CreateContext(options, protector);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            for (int i = start; i < Math.Min(count, start + batch); i++)
            {
                double pick = random.NextDouble();
                var target = pick < 0.5 ? targets[0] : pick < 0.8 ? targets[1] : targets[2];
                var received = now.AddHours(-1).AddMinutes(-random.Next(0, 365 * 24 * 60));
                bool withCode = random.NextDouble() < 0.6;
                var request = TaxpayerRequest.Register(
                    Guid.CreateVersion7(received), new RequestNumber(target.Bureau.NumberPrefix, received.Year, ++target.Sequence[0]), target.Bureau.Id, types[i % types.Length],
                    new RequestRegistration
                    {
                        TaxpayerName = "基准测试纳税人" + (i % 5_000).ToString(CultureInfo.InvariantCulture),
                        Contact = "138" + random.Next(0, 20_000).ToString("D8", CultureInfo.InvariantCulture),
                        Text = "页面速度基准测试：咨询增值税专用发票额度调整。",
                        ReceivedAt = received,
                        Channel = channels[random.Next(channels.Length)],
                        CategoryCode = "IT",
                        ReceivingUnitId = target.Receiving.Id,
                        ReceivingOfficer = "bench",
                        CreditCode = withCode ? codes[random.Next(codes.Length)] : null,
                        Industry = random.Next(10) < 8 ? Industries[random.Next(Industries.Length)] : null,
                        Size = random.Next(10) < 8 ? sizes[random.Next(sizes.Length)] : null,
                    },
                    received.AddMinutes(1));
                bool open = random.NextDouble() < 0.1;
                var at = received.AddMinutes(2);
                if (open)
                {
                    request.MoveTo(RequestStatus.Transferred, at);
                    request.MoveTo(RequestStatus.Dispatched, at);
                }
                else
                {
                    foreach (var status in toClosed)
                    {
                        request.MoveTo(status, at);
                    }
                }
                db.Add(request);
                if (target.Bureau.Code == "xiantao" && xiantaoRequest == Guid.Empty)
                {
                    xiantaoRequest = request.Id;
                }

                RequestTask Task(SlaStep step, string outcome, DateTimeOffset opened, DateTimeOffset due, DateTimeOffset? completed)
                {
                    var task = new RequestTask(new RequestTaskOpening(
                        Guid.CreateVersion7(opened), request.Id, target.Bureau.Id, request.Type, request.TaxpayerName, "bench-wf-" + request.Number, "bench-bm-" + Guid.NewGuid().ToString("N")[..12],
                        step.ToString(), "Bpm.HumanTask", step == SlaStep.Handling ? "办理" : step == SlaStep.Feedback ? "结果反馈" : "回访",
                        target.Handling.Id, Roles.Handler, [outcome], "[]", step, opened, DateOnly.FromDateTime(due.UtcDateTime), due, false));
                    if (completed is { } done)
                    {
                        task.Complete(Guid.Empty, outcome, null, done);
                        request.RecordCompletedTask(step, outcome, due, done);
                    }
                    db.Add(task);
                    tasks++;
                    return task;
                }

                var due = at.AddDays(4);
                if (open)
                {
                    var handling = Task(SlaStep.Handling, "Resolved", at, due, null);
                    if (target.Bureau.Code == "xiantao" && xiantaoOpen++ % 100 == 0)
                    {
                        handling.Claim(handler, at.AddMinutes(5));
                    }
                    else if (random.NextDouble() < 0.2)
                    {
                        handling.Claim(colleagues[random.Next(colleagues.Length)], at.AddMinutes(5));
                    }
                    continue;
                }

                var handled = at.AddDays(random.NextDouble() < 0.85 ? 2 : 5);
                Task(SlaStep.Handling, "Resolved", at, due, handled);
                Task(SlaStep.Feedback, "Done", handled, handled.AddDays(1), handled.AddHours(4));
                Task(SlaStep.Revisit, random.NextDouble() < 0.9 ? "Satisfied" : "Unsatisfied", handled.AddHours(4), handled.AddDays(7), handled.AddDays(2));
            }

            await db.SaveChangesAsync();
        }

        await using (var db = PersistenceServices.CreateContext(options, protector))
        {
            await BulkCopy.SettleAsync(db, options.Provider);
        }

        return new Seeded(targets[0].Bureau.Id, xiantaoRequest, tasks);
    }

    /// <summary>What an earlier run seeded: Xiantao, its first request, the task count.</summary>
    private static async Task<Seeded> LookUpSeededAsync(DatabaseOptions options)
    {
        await using var db = PersistenceServices.CreateContext(options);
        var xiantao = await db.Bureaus.AsNoTracking().Where(b => b.Code == "xiantao").Select(b => b.Id).SingleAsync();
        var request = await db.TaxpayerRequests.AsNoTracking().Where(r => r.BureauId == xiantao).OrderBy(r => r.Number).Select(r => r.Id).FirstAsync();
        return new Seeded(xiantao, request, await db.RequestTasks.CountAsync());
    }

    internal static async Task ExecutePostgresAsync(string admin, string sql)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static void PrintTable(IReadOnlyList<ProviderRun> runs, Settings settings)
    {
        var culture = CultureInfo.InvariantCulture;
        foreach (var run in runs)
        {
            Console.WriteLine(string.Create(culture,
                $"web UI page speed on {run.Provider}: {run.Requests} requests, {run.Tasks} tasks (seeded in {run.SeedSeconds:N1} s); {settings.WarmUp} warm-up + {settings.Runs} runs each, sequential"));
            Console.WriteLine($"{"page",-26} {"path",-58} {"status",6} {"KiB",7} {"p50 ms",8} {"p95 ms",8} {"x /health",9} {"< 300 ms",8}");
            foreach (var page in run.Pages)
            {
                string path = page.Path.Length > 58 ? page.Path[..55] + "..." : page.Path;
                if (page.Runs == 0)
                {
                    Console.WriteLine(string.Create(culture, $"{page.Name,-26} {path,-58} {page.Status,6} {"",7} {"absent",8}"));
                    continue;
                }
                Console.WriteLine(string.Create(culture,
                    $"{page.Name,-26} {path,-58} {page.Status,6} {page.Bytes / 1024.0,7:N1} {page.P50Milliseconds,8:N1} {page.P95Milliseconds,8:N1} {page.RatioToBaseline,9:N1} {(page.P50Milliseconds < GoalMilliseconds ? "yes" : "NO"),8}"));
            }
        }
    }
}
