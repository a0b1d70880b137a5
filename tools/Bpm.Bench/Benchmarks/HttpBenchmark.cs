using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Bpm.Persistence;
using Microsoft.Data.Sqlite;

namespace Bpm.Bench.Benchmarks;

/// <summary>
/// Register → workflow started → first task persisted, over HTTP, on SQLite. The real built server runs as a
/// separate process on loopback with a temporary database (demo data seeded); this process signs in as xt.hall
/// and drives POST /api/requests from a fixed number of concurrent clients for a bounded count and time.
/// Baseline in the same run: the same rows written by plain ADO.NET (prepared Microsoft.Data.Sqlite commands)
/// into a SQLite file created by the real migrations (WAL), one transaction per registration: the number
/// sequence upsert + increment, then the request, workflow instance, bookmark, task and journal rows. How many
/// rows each table gets per registration, and their values, are taken from what the server wrote in this run.
/// </summary>
internal static class HttpBenchmark
{
    private sealed record Settings(int WarmUpRequests, int Requests, TimeSpan Limit, int Concurrency);

    /// <summary>Tables a registration writes, in foreign-key order, and how to find one registration's rows.</summary>
    private static readonly (string Table, string KeyColumn, string RequestColumn)[] Written =
    [
        ("TaxpayerRequests", "Id", "Id"),
        ("WorkflowInstances", "Id", "Id"),
        ("Bookmarks", "Id", "WorkflowInstanceId"),
        ("RequestTasks", "Id", "RequestId"),
        ("WorkflowJournal", "Sequence", "RequestId"),
    ];

    /// <summary>Tables the baseline copies from the server's database so the rows' foreign keys hold.</summary>
    private static readonly string[] Parents = ["Bureaus", "Units", "RequestNumberSequences"];

    public sealed record Rates(int Requests, int Failed, double Seconds, double PerSecond, double P50Milliseconds, double P99Milliseconds);

    public static async Task<int> RunAsync(string[] args)
    {
        // Bpm.Persistence's module initializer maps SQLitePCLRaw 2.1 to the 2.0.6 files beside us (see
        // src/build/Sqlite.Workaround.props); it must run before the first SqliteConnection.
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(DatabaseOptions).Module.ModuleHandle);
        bool quick = args.Contains("--quick");
        var settings = quick
            ? new Settings(WarmUpRequests: 16, Requests: 200, Limit: TimeSpan.FromSeconds(20), Concurrency: 8)
            : new Settings(WarmUpRequests: 200, Requests: 3000, Limit: TimeSpan.FromSeconds(30), Concurrency: 8);
        string root = BenchOutput.FindRepositoryRoot();
        string serverDll = Path.Combine(root, "src", "Bpm.Server", "bin", "Release", "net10.0", "Bpm.Server.dll");
        if (!await BuildServerAsync(root))
        {
            return 1;
        }

        DirectoryInfo temp = Directory.CreateTempSubdirectory("bpm-bench-http-");
        Process? server = null;
        try
        {
            string serverDb = Path.Combine(temp.FullName, "bench.db");
            int port = FreePort();
            var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
            server = StartServer(root, serverDll, baseAddress, [$"--Database:ConnectionString=Data Source={serverDb}"], Path.Combine(temp.FullName, "server.log"));
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency, UseProxy = false })
            {
                BaseAddress = baseAddress,
                Timeout = TimeSpan.FromSeconds(30),
            };
            if (!await WaitForHealthAsync(client, server, TimeSpan.FromSeconds(60)))
            {
                Console.Error.WriteLine($"the server did not answer /health within 60 s; its log: {Path.Combine(temp.FullName, "server.log")}");
                Console.Error.WriteLine(TailOf(Path.Combine(temp.FullName, "server.log")));
                return 1;
            }

            await SignInAsync(client, "xt.hall", "Bpm@2026demo");
            Dictionary<string, long> before = CountRows(serverDb);
            await DriveAsync(client, settings.WarmUpRequests, TimeSpan.FromSeconds(60), settings.Concurrency);
            Rates http = await DriveAsync(client, settings.Requests, settings.Limit, settings.Concurrency);
            if (http.Requests - http.Failed <= 0)
            {
                Console.Error.WriteLine("no registration succeeded");
                return 1;
            }

            int registered = settings.WarmUpRequests + http.Requests - http.Failed;
            Dictionary<string, long> after = CountRows(serverDb);
            var rowsPerRegistration = Written.ToDictionary(w => w.Table, w => (after[w.Table] - before[w.Table]) / (double)registered);
            Template template = ReadTemplate(serverDb);

            string baselineDb = Path.Combine(temp.FullName, "baseline.db");
            await CreateBaselineDatabaseAsync(baselineDb, serverDb);
            Rates baseline = RunBaseline(baselineDb, template, Math.Max(20, settings.WarmUpRequests), http.Requests - http.Failed);
            double ratio = http.PerSecond / baseline.PerSecond;

            PrintTable(http, baseline, ratio, settings, template);
            string path = BenchOutput.Write("http", new
            {
                benchmark = "http",
                measuredAt = TimeProvider.System.GetUtcNow(),
                quick,
                runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
                processorCount = Environment.ProcessorCount,
                concurrency = settings.Concurrency,
                warmUpRequests = settings.WarmUpRequests,
                requestLimit = settings.Requests,
                secondsLimit = settings.Limit.TotalSeconds,
                http,
                baseline,
                ratio = Math.Round(ratio, 3),
                rowsPerRegistration,
                templateRows = template.Rows.ToDictionary(t => t.Key, t => t.Value.Count),
            });
            Console.WriteLine($"wrote {path}");
            return 0;
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
            try
            {
                temp.Delete(recursive: true);
            }
            catch (IOException)
            {
                // A file still held open: the folder is in the temp directory and harmless.
            }
        }
    }

    /// <summary>
    /// Builds the server in Release before every run (incremental: seconds when nothing changed), so a benchmark never
    /// measures a Release DLL older than the source, e.g. one built before the page it times existed.
    /// </summary>
    internal static async Task<bool> BuildServerAsync(string root)
    {
        // `all` runs several benchmarks in one process: one build serves them all.
        if (serverBuilt)
        {
            return true;
        }
        Console.Error.WriteLine("building the server in Release (incremental) …");
        string dotnet = ChildProcess.FindOnPath("dotnet") ?? "dotnet";
        var build = await ChildProcess.RunAsync(dotnet, ["build", "src/Bpm.Server/Bpm.Server.csproj", "-c", "Release", "-nologo", "-v", "q"],
            root, TimeSpan.FromMinutes(10));
        if (!build.Succeeded)
        {
            Console.Error.WriteLine($"server build failed (exit {build.ExitCode}, timed out: {build.TimedOut}):\n{build.StandardOutput}\n{build.StandardError}");
        }
        serverBuilt = build.Succeeded;
        return build.Succeeded;
    }

    private static bool serverBuilt;

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static Process StartServer(string root, string serverDll, Uri baseAddress, IEnumerable<string> databaseArguments, string logPath)
    {
        var start = new ProcessStartInfo(ChildProcess.FindOnPath("dotnet") ?? "dotnet")
        {
            WorkingDirectory = root, // it reads ./appsettings.json (demo data on)
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string argument in new[] { serverDll, "--urls", baseAddress.ToString().TrimEnd('/') }.Concat(databaseArguments))
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        process.StandardInput.Close();
        var log = TextWriter.Synchronized(new StreamWriter(logPath) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task<bool> WaitForHealthAsync(HttpClient client, Process server, TimeSpan limit)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < limit && !server.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(200);
        }
        return false;
    }

    internal static string TailOf(string path) =>
        File.Exists(path) ? string.Join('\n', File.ReadLines(path).TakeLast(30)) : "(no log)";

    private static async Task SignInAsync(HttpClient client, string userName, string password)
    {
        using var response = await client.PostAsJsonAsync(new Uri("/api/auth/token", UriKind.Relative), new { userName, password });
        response.EnsureSuccessStatusCode();
        string token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
    }

    /// <summary>A valid registration as xt.hall (the same body as the server tests' ApiClient.Registration).</summary>
    private static Dictionary<string, object?> Registration(int index) => new()
    {
        ["taxpayerName"] = "仙桃市某某科技有限公司",
        ["contact"] = "0728-3312345",
        ["text"] = "申请开具增值税专用发票时系统提示额度不足，请协助处理。（压测 " + index.ToString(CultureInfo.InvariantCulture) + "）",
        ["receivedAt"] = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero),
        ["channel"] = "Hotline12366",
        ["categoryCode"] = "IT",
    };

    /// <summary>Up to <paramref name="count"/> registrations from <paramref name="concurrency"/> clients, stopping at the time limit.</summary>
    private static async Task<Rates> DriveAsync(HttpClient client, int count, TimeSpan limit, int concurrency)
    {
        int issued = 0;
        int failed = 0;
        var latencies = new List<double>[concurrency];
        string? firstFailure = null;
        var stopwatch = Stopwatch.StartNew();
        var uri = new Uri("/api/requests", UriKind.Relative);

        async Task Client(int worker)
        {
            var mine = latencies[worker] = [];
            int index;
            while (stopwatch.Elapsed < limit && (index = Interlocked.Increment(ref issued)) <= count)
            {
                long started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.PostAsJsonAsync(uri, Registration(index));
                    if (response.StatusCode != HttpStatusCode.Created)
                    {
                        Interlocked.Increment(ref failed);
                        firstFailure ??= $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                    }
                    else
                    {
                        await response.Content.LoadIntoBufferAsync();
                    }
                }
                catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
                {
                    Interlocked.Increment(ref failed);
                    firstFailure ??= exception.Message;
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }

        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(Client));
        stopwatch.Stop();
        if (firstFailure is not null)
        {
            Console.Error.WriteLine($"{failed} registrations failed; first: {firstFailure}");
        }
        double[] all = [.. latencies.SelectMany(l => l).Order()];
        int done = all.Length;
        return new Rates(done, failed, Math.Round(stopwatch.Elapsed.TotalSeconds, 3), (done - failed) / stopwatch.Elapsed.TotalSeconds,
            Percentile(all, 0.50), Percentile(all, 0.99));
    }

    internal static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : Math.Round(sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)], 2);

    private static Dictionary<string, long> CountRows(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var counts = new Dictionary<string, long>();
        foreach (var (table, _, _) in Written)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""SELECT COUNT(*) FROM "{table}" """;
            counts[table] = (long)command.ExecuteScalar()!;
        }
        return counts;
    }

    /// <summary>One registration's rows as the server wrote them: the values the baseline inserts again.</summary>
    private sealed record Template(Dictionary<string, List<Dictionary<string, object>>> Rows, string NumberPrefix, Guid BureauId, int Year);

    private static Template ReadTemplate(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var request = Select(connection, """SELECT * FROM "TaxpayerRequests" ORDER BY rowid DESC LIMIT 1""", []).Single();
        var rows = new Dictionary<string, List<Dictionary<string, object>>>();
        foreach (var (table, _, requestColumn) in Written)
        {
            object key = requestColumn == "WorkflowInstanceId" || table == "WorkflowInstances" ? request["WorkflowInstanceId"] : request["Id"];
            rows[table] = Select(connection, $"""SELECT * FROM "{table}" WHERE "{requestColumn}" = $key ORDER BY rowid""", [("$key", key)]);
        }
        string number = (string)request["Number"];
        string prefix = number[..(number.LastIndexOf('-') + 1)];
        int year = int.Parse(number.Split('-')[^2], CultureInfo.InvariantCulture);
        return new Template(rows, prefix, Guid.Parse((string)request["BureauId"]), year);
    }

    private static List<Dictionary<string, object>> Select(SqliteConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }
        using var reader = command.ExecuteReader();
        var result = new List<Dictionary<string, object>>();
        while (reader.Read())
        {
            var row = new Dictionary<string, object>(StringComparer.Ordinal);
            for (int i = 0; i < reader.FieldCount; i++)
            {
                row[reader.GetName(i)] = reader.GetValue(i);
            }
            result.Add(row);
        }
        return result;
    }

    /// <summary>A fresh file with the real migrated schema (WAL, as the server's), plus the bureaus, units and counters of the server's run.</summary>
    private static async Task CreateBaselineDatabaseAsync(string baselineDb, string serverDb)
    {
        var options = new DatabaseOptions { ConnectionString = $"Data Source={baselineDb}" };
        await using (var context = PersistenceServices.CreateContext(options))
        {
            await new DatabaseMigrator(context, options).MigrateAsync(CancellationToken.None);
        }

        using var connection = new SqliteConnection($"Data Source={baselineDb};Pooling=False");
        connection.Open();
        Execute(connection, "PRAGMA foreign_keys = OFF");
        Execute(connection, $"ATTACH DATABASE '{serverDb.Replace("'", "''", StringComparison.Ordinal)}' AS server");
        foreach (string table in Parents)
        {
            Execute(connection, $"""INSERT INTO main."{table}" SELECT * FROM server."{table}" """);
        }
        Execute(connection, "DETACH DATABASE server");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// One connection, prepared commands, one transaction per registration, one after another (SQLite has one
    /// writer at a time, so this is the best case for plain inserts). Ids are fresh per registration in the
    /// template's formats; every column that held one of the template's ids gets the new one.
    /// </summary>
    private static Rates RunBaseline(string database, Template template, int warmUp, int count)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var ensureSequence = connection.CreateCommand();
        ensureSequence.CommandText = """INSERT OR IGNORE INTO "RequestNumberSequences" ("BureauId", "Year", "LastSequence") VALUES ($bureau, $year, 0)""";
        using var nextSequence = connection.CreateCommand();
        nextSequence.CommandText = """UPDATE "RequestNumberSequences" SET "LastSequence" = "LastSequence" + 1 WHERE "BureauId" = $bureau AND "Year" = $year RETURNING "LastSequence" """;
        foreach (var command in new[] { ensureSequence, nextSequence })
        {
            command.Parameters.AddWithValue("$bureau", template.BureauId.ToString().ToUpperInvariant());
            command.Parameters.AddWithValue("$year", template.Year);
        }

        // The ids one registration creates, so the copies get fresh ones.
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (table, keyColumn, _) in Written)
        {
            foreach (var row in template.Rows[table])
            {
                if (row[keyColumn] is string id)
                {
                    ids.Add(id);
                }
                if (row.TryGetValue("ActivityInstanceId", out object? instance) && instance is string activityInstanceId)
                {
                    ids.Add(activityInstanceId);
                }
            }
        }

        var inserts = new List<(SqliteCommand Command, Dictionary<string, object> Row, string[] Columns)>();
        foreach (var (table, _, _) in Written)
        {
            foreach (var row in template.Rows[table])
            {
                // The journal's Sequence is an AUTOINCREMENT key: SQLite assigns it, as for the server.
                string[] columns = [.. row.Keys.Where(c => !(table == "WorkflowJournal" && c == "Sequence"))];
                var command = connection.CreateCommand();
                command.CommandText = $"""INSERT INTO "{table}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => $"$p{i}"))})""";
                for (int i = 0; i < columns.Length; i++)
                {
                    command.Parameters.Add(new SqliteParameter($"$p{i}", row[columns[i]]));
                }
                inserts.Add((command, row, columns));
            }
        }

        var fresh = new Dictionary<string, string>(StringComparer.Ordinal);
        void Register()
        {
            fresh.Clear();
            foreach (string id in ids)
            {
                fresh[id] = NewIdLike(id);
            }
            using var transaction = connection.BeginTransaction();
            ensureSequence.Transaction = transaction;
            nextSequence.Transaction = transaction;
            ensureSequence.ExecuteNonQuery();
            long sequence = (long)nextSequence.ExecuteScalar()!;
            foreach (var (command, row, columns) in inserts)
            {
                command.Transaction = transaction;
                for (int i = 0; i < columns.Length; i++)
                {
                    object value = row[columns[i]];
                    command.Parameters[i].Value = columns[i] == "Number"
                        ? template.NumberPrefix + sequence.ToString("D6", CultureInfo.InvariantCulture)
                        : value is string text && fresh.TryGetValue(text, out string? replacement) ? replacement : value;
                }
                command.ExecuteNonQuery();
            }
            transaction.Commit();
        }

        try
        {
            for (int i = 0; i < warmUp; i++)
            {
                Register();
            }
            var latencies = new double[count];
            var stopwatch = Stopwatch.StartNew();
            for (int i = 0; i < count; i++)
            {
                long started = Stopwatch.GetTimestamp();
                Register();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            stopwatch.Stop();
            Array.Sort(latencies);
            return new Rates(count, 0, Math.Round(stopwatch.Elapsed.TotalSeconds, 3), count / stopwatch.Elapsed.TotalSeconds,
                Percentile(latencies, 0.50), Percentile(latencies, 0.99));
        }
        finally
        {
            foreach (var (command, _, _) in inserts)
            {
                command.Dispose();
            }
        }
    }

    /// <summary>A new id in the same format: an upper-case GUID, a 32-hex GUID, or a 16-hex engine id.</summary>
    private static string NewIdLike(string id)
    {
        string hex = Guid.CreateVersion7().ToString("N");
        return id.Length switch
        {
            36 => Guid.Parse(hex).ToString().ToUpperInvariant(),
            32 => hex,
            _ => Guid.NewGuid().ToString("N")[..Math.Min(id.Length, 32)],
        };
    }

    private static void PrintTable(Rates http, Rates baseline, double ratio, Settings settings, Template template)
    {
        var culture = CultureInfo.InvariantCulture;
        string rows = string.Join(", ", template.Rows.Select(t => $"{t.Key} {t.Value.Count}"));
        Console.WriteLine($"register → workflow started → first task persisted (SQLite, WAL); rows per registration: {rows}, + number sequence");
        Console.WriteLine($"{"path",-52} {"requests",9} {"failed",7} {"req/s",9} {"p50 ms",8} {"p99 ms",8}");
        Console.WriteLine(string.Create(culture,
            $"{$"HTTP POST /api/requests ({settings.Concurrency} concurrent clients)",-52} {http.Requests,9} {http.Failed,7} {http.PerSecond,9:N1} {http.P50Milliseconds,8:N2} {http.P99Milliseconds,8:N2}"));
        Console.WriteLine(string.Create(culture,
            $"{"baseline: ADO.NET inserts, 1 transaction each",-52} {baseline.Requests,9} {baseline.Failed,7} {baseline.PerSecond,9:N1} {baseline.P50Milliseconds,8:N2} {baseline.P99Milliseconds,8:N2}"));
        Console.WriteLine(string.Create(culture, $"ratio HTTP/baseline: {ratio:N3} ({1 / ratio:N1}x slower than the raw inserts)"));
    }
}
