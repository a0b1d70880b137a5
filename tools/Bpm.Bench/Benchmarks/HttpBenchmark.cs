using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Data.Common;
using System.Text.Json;
using Bpm.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Bpm.Bench.Benchmarks;

/// <summary>
/// Register → workflow started → first task persisted, over HTTP, on SQLite (and on PostgreSQL with --postgres). The real
/// built server runs as a separate process on loopback with a fresh database (demo data seeded); this process signs in as
/// xt.hall and drives POST /api/requests from a fixed number of concurrent clients for a bounded count and time.
/// Baseline in the same run: the same rows written by plain ADO.NET (prepared commands, no EF, no hashing, no JSON) into a
/// fresh database created by the real migrations, one transaction per registration, one after another: the number
/// sequence upsert + increment, the request, workflow instance, bookmark, first task, journal lines, SLA timers, duplicate
/// links and audit rows, the daily-count upsert and the audit chain head. Which rows each table gets per registration,
/// and their values, are taken from what the server wrote in this run.
/// Both are measured warm, as a server that has been up for a while: the runtime recompiles a method with full
/// optimisation only after it has run a few dozen times, and on two cores that settles after about 1,000 registrations
/// (processor time per registration by batches of 500 after a start: 13, 8, 6, 5, 5 ms), so the full run registers 1,500
/// before its clock starts (quick: 16, so its rate is mostly the cold server's).
/// </summary>
internal static class HttpBenchmark
{
    private sealed record Settings(int WarmUpRequests, int Requests, TimeSpan Limit, int Concurrency);

    /// <summary>
    /// Tables a registration inserts into, in foreign-key order, and how to find one registration's rows: the request, its
    /// workflow instance, bookmark, first task, journal lines, SLA timers, duplicate links and audit rows (subject
    /// "request:{id}"). The daily counts, the number sequence and the audit chain head are updated, not inserted into
    /// (see <see cref="RunBaseline"/>).
    /// </summary>
    private static readonly (string Table, string KeyColumn, string RequestColumn)[] Written =
    [
        ("TaxpayerRequests", "Id", "Id"),
        ("WorkflowInstances", "Id", "Id"),
        ("Bookmarks", "Id", "WorkflowInstanceId"),
        ("RequestTasks", "Id", "RequestId"),
        ("WorkflowJournal", "Sequence", "RequestId"),
        ("DueTimers", "Id", "RequestId"),
        ("RequestLinks", "Id", "RequestId"),
        ("AuditEntries", "Sequence", "Subject"),
    ];

    /// <summary>Tables the baseline copies from the server's database so the rows' foreign keys hold and the upserts meet existing rows.</summary>
    private static readonly string[] Parents =
        ["Bureaus", "Units", "RequestCategories", "Users", "WorkflowDefinitions", "RequestNumberSequences", "RequestDayCounts"];

    /// <summary>The test server's address when BPM_TEST_POSTGRES is not set (tools/ci/postgres.sh).</summary>
    private const string DefaultPostgres = "Host=127.0.0.1;Port=55432;Username=bpm;Password=bpm;Database=bpm_test";

    public sealed record Rates(int Requests, int Failed, double Seconds, double PerSecond, double P50Milliseconds, double P99Milliseconds);

    /// <remarks>
    /// <see cref="ServerCpuMilliseconds"/> and <see cref="BaselineCpuMilliseconds"/>: processor time per registration of the
    /// server process and of the baseline (this process, while it inserts), all threads. Unlike the rates they hardly move
    /// with the machine's load, so they show what a change saved when the rates are swamped by other work.
    /// </remarks>
    private sealed record ProviderRun(
        string Database, Rates Http, Rates Baseline, double Ratio, double ServerCpuMilliseconds, double BaselineCpuMilliseconds,
        Dictionary<string, double> RowsPerRegistration, Dictionary<string, int> TemplateRows);

    public static async Task<int> RunAsync(string[] args)
    {
        // Bpm.Persistence's module initializer maps SQLitePCLRaw 2.1 to the 2.0.6 files beside us (see
        // src/build/Sqlite.Workaround.props); it must run before the first SqliteConnection.
        System.Runtime.CompilerServices.RuntimeHelpers.RunModuleConstructor(typeof(DatabaseOptions).Module.ModuleHandle);
        bool quick = args.Contains("--quick");
        var settings = quick
            ? new Settings(WarmUpRequests: 16, Requests: 200, Limit: TimeSpan.FromSeconds(20), Concurrency: 8)
            : new Settings(WarmUpRequests: 1500, Requests: 3000, Limit: TimeSpan.FromSeconds(30), Concurrency: 8);
        string root = BenchOutput.FindRepositoryRoot();
        string serverDll = ServerDll(root);
        if (!await BuildServerAsync(root))
        {
            return 1;
        }

        var runs = new List<ProviderRun>();
        var onSqlite = await RunOnAsync(DatabaseProvider.Sqlite, null, root, serverDll, settings);
        if (onSqlite is null)
        {
            return 1;
        }
        runs.Add(onSqlite);
        if (args.Contains("--postgres"))
        {
            string admin = Environment.GetEnvironmentVariable("BPM_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultPostgres;
            var onPostgres = await RunOnAsync(DatabaseProvider.PostgreSql, admin, root, serverDll, settings);
            if (onPostgres is null)
            {
                return 1;
            }
            runs.Add(onPostgres);
        }

        string path = BenchOutput.Write("http", new
        {
            benchmark = "http",
            measuredAt = TimeProvider.System.GetUtcNow(),
            quick,
            runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            processorCount = Environment.ProcessorCount,
            loadAverage = LoadAverage(),
            concurrency = settings.Concurrency,
            warmUpRequests = settings.WarmUpRequests,
            requestLimit = settings.Requests,
            secondsLimit = settings.Limit.TotalSeconds,
            http = onSqlite.Http,
            baseline = onSqlite.Baseline,
            ratio = Math.Round(onSqlite.Ratio, 3),
            serverCpuMilliseconds = onSqlite.ServerCpuMilliseconds,
            baselineCpuMilliseconds = onSqlite.BaselineCpuMilliseconds,
            rowsPerRegistration = onSqlite.RowsPerRegistration,
            templateRows = onSqlite.TemplateRows,
            runs,
        });
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    /// <summary>The 1-minute load average (Linux), written next to the figures since the machine is shared.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static async Task<ProviderRun?> RunOnAsync(DatabaseProvider provider, string? postgresAdmin, string root, string serverDll, Settings settings)
    {
        string name = provider == DatabaseProvider.Sqlite ? "SQLite" : "PostgreSQL";
        DirectoryInfo temp = Directory.CreateTempSubdirectory("bpm-bench-http-");
        var created = new List<string>();
        Process? server = null;
        try
        {
            DatabaseOptions serverOptions;
            DatabaseOptions baselineOptions;
            if (provider == DatabaseProvider.Sqlite)
            {
                serverOptions = new DatabaseOptions { Provider = provider, ConnectionString = $"Data Source={Path.Combine(temp.FullName, "bench.db")}" };
                baselineOptions = new DatabaseOptions { Provider = provider, ConnectionString = $"Data Source={Path.Combine(temp.FullName, "baseline.db")}" };
            }
            else
            {
                string suffix = Guid.NewGuid().ToString("N")[..12];
                serverOptions = await CreatePostgresDatabaseAsync(postgresAdmin!, "bpm_bench_http_" + suffix, created);
                baselineOptions = await CreatePostgresDatabaseAsync(postgresAdmin!, "bpm_bench_http_baseline_" + suffix, created);
            }

            int port = FreePort();
            var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
            string log = Path.Combine(temp.FullName, "server.log");
            server = StartServer(root, serverDll, baseAddress,
                [$"--Database:Provider={provider}", $"--Database:ConnectionString={serverOptions.ConnectionString}"], log);
            using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = settings.Concurrency, UseProxy = false })
            {
                BaseAddress = baseAddress,
                Timeout = TimeSpan.FromSeconds(30),
            };
            if (!await WaitForHealthAsync(client, server, TimeSpan.FromSeconds(90)))
            {
                Console.Error.WriteLine($"[{name}] the server did not answer /health within 90 s; its log: {log}");
                Console.Error.WriteLine(TailOf(log));
                return null;
            }
            Console.Error.WriteLine($"[{name}] server pid {server.Id.ToString(CultureInfo.InvariantCulture)} on {baseAddress}");

            await SignInAsync(client, "xt.hall", "Bpm@2026demo");
            Dictionary<string, long> before = CountRows(provider, serverOptions);
            await DriveAsync(client, 0, settings.WarmUpRequests, TimeSpan.FromSeconds(60), settings.Concurrency);
            server.Refresh();
            TimeSpan serverCpuBefore = server.TotalProcessorTime;
            Rates http = await DriveAsync(client, settings.WarmUpRequests, settings.Requests, settings.Limit, settings.Concurrency);
            server.Refresh();
            double serverCpu = (server.TotalProcessorTime - serverCpuBefore).TotalMilliseconds / Math.Max(1, http.Requests - http.Failed);
            if (http.Requests - http.Failed <= 0)
            {
                Console.Error.WriteLine($"[{name}] no registration succeeded");
                return null;
            }

            int registered = settings.WarmUpRequests + http.Requests - http.Failed;
            Dictionary<string, long> after = CountRows(provider, serverOptions);
            var rowsPerRegistration = Written.ToDictionary(w => w.Table, w => Math.Round((after[w.Table] - before[w.Table]) / (double)registered, 3));
            Template template = ReadTemplate(provider, serverOptions);

            await using (var context = PersistenceServices.CreateContext(baselineOptions))
            {
                await new DatabaseMigrator(context, baselineOptions).MigrateAsync(CancellationToken.None);
            }
            CopyParents(provider, serverOptions, baselineOptions);
            var (baseline, baselineCpu) = RunBaseline(provider, baselineOptions, template, Math.Max(20, settings.WarmUpRequests), http.Requests - http.Failed);
            var run = new ProviderRun(name, http, baseline, http.PerSecond / baseline.PerSecond, Math.Round(serverCpu, 2), Math.Round(baselineCpu, 3), rowsPerRegistration,
                template.Rows.ToDictionary(t => t.Key, t => t.Value.Count));
            PrintTable(run, settings, template);
            return run;
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
            foreach (string database in created)
            {
                await ExecutePostgresAsync(postgresAdmin!, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)");
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
    }

    private static async Task<DatabaseOptions> CreatePostgresDatabaseAsync(string admin, string database, List<string> created)
    {
        await ExecutePostgresAsync(admin, $"CREATE DATABASE \"{database}\"");
        created.Add(database);
        return new DatabaseOptions
        {
            Provider = DatabaseProvider.PostgreSql,
            ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString,
        };
    }

    private static async Task ExecutePostgresAsync(string admin, string sql)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static DbConnection Open(DatabaseProvider provider, DatabaseOptions options)
    {
        DbConnection connection = provider == DatabaseProvider.Sqlite
            ? new SqliteConnection(new SqliteConnectionStringBuilder(options.ConnectionString) { Pooling = false }.ConnectionString)
            : new NpgsqlConnection(new NpgsqlConnectionStringBuilder(options.ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        return connection;
    }

    /// <summary>
    /// Builds the server in Release before every run (incremental: seconds when nothing changed), so a benchmark never
    /// measures a Release DLL older than the source, e.g. one built before the page it times existed.
    /// </summary>
    /// <summary>
    /// The server every benchmark starts: published as it is deployed (Release, ReadyToRun, see the server's project file)
    /// to artifacts/server of the checkout.
    /// </summary>
    internal static string ServerDll(string root) => Path.Combine(root, "artifacts", "server", "Bpm.Server.dll");

    /// <summary>
    /// Publishes the server unless artifacts/server is newer than every source file: a no-op publish still costs ~15 s
    /// on 2 cores, a ReadyToRun one from scratch ~90 s. Example: a .cs file under src/ saved after the last publish → publish.
    /// </summary>
    internal static async Task<bool> BuildServerAsync(string root)
    {
        // `all` runs several benchmarks in one process: one build serves them all.
        if (serverBuilt)
        {
            return true;
        }

        string published = ServerDll(root);
        if (File.Exists(published) && NewestSourceWrite(root) < File.GetLastWriteTimeUtc(published))
        {
            Console.Error.WriteLine("the published server (artifacts/server) is newer than the sources: not publishing again");
            serverBuilt = true;
            return true;
        }

        Console.Error.WriteLine("publishing the server in Release with ReadyToRun to artifacts/server …");
        var clock = Stopwatch.StartNew();
        string dotnet = ChildProcess.FindOnPath("dotnet") ?? "dotnet";
        var build = await ChildProcess.RunAsync(dotnet,
            ["publish", "src/Bpm.Server/Bpm.Server.csproj", "-c", "Release", "-r", "linux-x64", "--self-contained", "false",
                "-o", Path.GetDirectoryName(published)!, "-nologo", "-v", "q"],
            root, TimeSpan.FromMinutes(15));
        if (!build.Succeeded)
        {
            Console.Error.WriteLine($"server publish failed (exit {build.ExitCode}, timed out: {build.TimedOut}):\n{build.StandardOutput}\n{build.StandardError}");
            return false;
        }

        // The stamp the next check compares with, even where publish kept an unchanged file's old time.
        File.SetLastWriteTimeUtc(published, DateTime.UtcNow);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"published in {clock.Elapsed.TotalSeconds:N0} s"));
        serverBuilt = true;
        return true;
    }

    /// <summary>The newest write among the server's inputs: src/ (without bin, obj, node_modules) and the central build files.</summary>
    private static DateTime NewestSourceWrite(string root)
    {
        static bool Generated(string path) => path.Split(Path.DirectorySeparatorChar) is var parts
            && (parts.Contains("bin") || parts.Contains("obj") || parts.Contains("node_modules"));

        var central = new[] { "Directory.Build.props", "Directory.Packages.props", "NuGet.config", "nuget.config" }
            .Select(name => Path.Combine(root, name)).Where(File.Exists);
        return Directory.EnumerateFiles(Path.Combine(root, "src"), "*", SearchOption.AllDirectories)
            .Where(path => !Generated(Path.GetRelativePath(root, path)))
            .Concat(central)
            .Select(File.GetLastWriteTimeUtc)
            .DefaultIfEmpty(DateTime.MaxValue)
            .Max();
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

    /// <summary>
    /// A valid registration as xt.hall (the body of the server tests' ApiClient.Registration), from a different taxpayer
    /// each time (contact 0728-3300001, 0728-3300002, …). With one contact for all, every registration was a repeat
    /// requester of all earlier ones: 50 candidates decrypted and compared, 2 links written each time, which a hall does
    /// not see; the repeat path is timed by the duplicates tests.
    /// </summary>
    private static Dictionary<string, object?> Registration(int index) => new()
    {
        ["taxpayerName"] = "仙桃市某某科技有限公司",
        ["contact"] = "0728-" + (3300000 + index).ToString(CultureInfo.InvariantCulture),
        ["text"] = "申请开具增值税专用发票时系统提示额度不足，请协助处理。（压测 " + index.ToString(CultureInfo.InvariantCulture) + "）",
        ["receivedAt"] = new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero),
        ["channel"] = "Hotline12366",
        ["categoryCode"] = "IT",
    };

    /// <summary>Up to <paramref name="count"/> registrations (numbered from <paramref name="first"/> + 1) from <paramref name="concurrency"/> clients, stopping at the time limit.</summary>
    private static async Task<Rates> DriveAsync(HttpClient client, int first, int count, TimeSpan limit, int concurrency)
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
                    using var response = await client.PostAsJsonAsync(uri, Registration(first + index));
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

    private static Dictionary<string, long> CountRows(DatabaseProvider provider, DatabaseOptions options)
    {
        using var connection = Open(provider, options);
        var counts = new Dictionary<string, long>();
        foreach (var (table, _, _) in Written)
        {
            using var command = connection.CreateCommand();
            command.CommandText = $"""SELECT COUNT(*) FROM "{table}" """;
            counts[table] = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        }
        return counts;
    }

    /// <summary>One registration's rows as the server wrote them: the values the baseline inserts again.</summary>
    /// <remarks>
    /// <see cref="DayCounts"/>: the daily-count keys of the request's bureau (total, type, channel, size, industry, status:
    /// every registration of the run falls on the same day, so these are the keys each one added 1 to).
    /// </remarks>
    private sealed record Template(
        Dictionary<string, List<Dictionary<string, object>>> Rows, List<Dictionary<string, object>> DayCounts, string NumberPrefix, object BureauId, int Year);

    private static Template ReadTemplate(DatabaseProvider provider, DatabaseOptions options)
    {
        using var connection = Open(provider, options);
        var request = Select(connection, """SELECT * FROM "TaxpayerRequests" ORDER BY "Number" DESC LIMIT 1""", []).Single();
        string requestId = request["Id"].ToString()!;
        var rows = new Dictionary<string, List<Dictionary<string, object>>>();
        foreach (var (table, keyColumn, requestColumn) in Written)
        {
            object key = requestColumn == "WorkflowInstanceId" || table == "WorkflowInstances" ? request["WorkflowInstanceId"]
                : requestColumn == "Subject" ? "request:" + requestId.ToLowerInvariant()
                : request["Id"];
            rows[table] = Select(connection, $"""SELECT * FROM "{table}" WHERE "{requestColumn}" = @key ORDER BY "{keyColumn}" """, [("@key", key)]);
        }
        var dayCounts = Select(connection, """SELECT "BureauId", "Day", "Figure", "Key" FROM "RequestDayCounts" WHERE "BureauId" = @bureau""",
            [("@bureau", request["BureauId"])]);
        string number = (string)request["Number"];
        string prefix = number[..(number.LastIndexOf('-') + 1)];
        int year = int.Parse(number.Split('-')[^2], CultureInfo.InvariantCulture);
        return new Template(rows, dayCounts, prefix, request["BureauId"], year);
    }

    private static List<Dictionary<string, object>> Select(DbConnection connection, string sql, (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
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

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    /// <summary>
    /// A parameter placeholder typed as its column: PostgreSQL takes text for jsonb or a timestamp for a date only with an
    /// explicit cast ("CAST(@p3 AS jsonb)"); SQLite takes any value as it is.
    /// </summary>
    private static Func<string, string, string> Placeholders(DbConnection connection, DatabaseProvider provider, string table)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return (_, parameter) => parameter;
        }
        var types = Select(connection,
            """SELECT a.attname AS "Column", format_type(a.atttypid, a.atttypmod) AS "Type" FROM pg_attribute a WHERE a.attrelid = CAST(@table AS regclass) AND a.attnum > 0 AND NOT a.attisdropped""",
            [("@table", $"\"{table}\"")]).ToDictionary(r => (string)r["Column"], r => (string)r["Type"], StringComparer.Ordinal);
        return (column, parameter) => $"CAST({parameter} AS {types[column]})";
    }

    private static DbCommand InsertCommand(DbConnection connection, DatabaseProvider provider, string table, IReadOnlyList<string> columns)
    {
        var placeholder = Placeholders(connection, provider, table);
        var command = connection.CreateCommand();
        command.CommandText = $"""INSERT INTO "{table}" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((c, i) => placeholder(c, $"@p{i.ToString(CultureInfo.InvariantCulture)}")))})""";
        for (int i = 0; i < columns.Count; i++)
        {
            Add(command, $"@p{i.ToString(CultureInfo.InvariantCulture)}", DBNull.Value);
        }
        return command;
    }

    /// <summary>
    /// Copies the bureaus, units, categories, users, workflow definitions, number sequences and daily counts of the server's
    /// run into the baseline's database. Rows whose parent is not there yet (a unit above a unit) are retried after the others.
    /// </summary>
    private static void CopyParents(DatabaseProvider provider, DatabaseOptions from, DatabaseOptions to)
    {
        using var source = Open(provider, from);
        using var target = Open(provider, to);
        foreach (string table in Parents)
        {
            var pending = Select(source, $"""SELECT * FROM "{table}" """, []);
            if (pending.Count == 0)
            {
                continue;
            }
            string[] columns = [.. pending[0].Keys];
            using var insert = InsertCommand(target, provider, table, columns);
            while (pending.Count > 0)
            {
                var refused = new List<Dictionary<string, object>>();
                foreach (var row in pending)
                {
                    for (int i = 0; i < columns.Length; i++)
                    {
                        insert.Parameters[i].Value = row[columns[i]];
                    }
                    try
                    {
                        insert.ExecuteNonQuery();
                    }
                    catch (DbException)
                    {
                        refused.Add(row);
                    }
                }
                if (refused.Count == pending.Count)
                {
                    throw new InvalidOperationException($"{refused.Count} {table} rows could not be copied to the baseline database");
                }
                pending = refused;
            }
        }
    }

    /// <summary>
    /// One connection, prepared commands, one transaction per registration, one after another (SQLite has one writer at a
    /// time, so this is the best case for plain inserts). Per registration: the number sequence (insert if missing, then
    /// increment), the template's rows with fresh ids (every column value that held one of the template's ids, or text
    /// naming it such as "request:{id}", gets the new one), the daily counts (one upsert adding 1 to each key) and the audit
    /// chain head (one update moving it past the new audit rows, whose sequence numbers it hands out).
    /// </summary>
    private static (Rates Rates, double CpuMilliseconds) RunBaseline(DatabaseProvider provider, DatabaseOptions options, Template template, int warmUp, int count)
    {
        using var connection = Open(provider, options);
        var placeSequence = Placeholders(connection, provider, "RequestNumberSequences");
        using var ensureSequence = connection.CreateCommand();
        ensureSequence.CommandText = $"""INSERT INTO "RequestNumberSequences" ("BureauId", "Year", "LastSequence") VALUES ({placeSequence("BureauId", "@bureau")}, @year, 0) ON CONFLICT DO NOTHING""";
        using var nextSequence = connection.CreateCommand();
        nextSequence.CommandText = $"""UPDATE "RequestNumberSequences" SET "LastSequence" = "LastSequence" + 1 WHERE "BureauId" = {placeSequence("BureauId", "@bureau")} AND "Year" = @year RETURNING "LastSequence" """;
        foreach (var command in new[] { ensureSequence, nextSequence })
        {
            Add(command, "@bureau", template.BureauId);
            Add(command, "@year", template.Year);
        }

        var auditRows = template.Rows["AuditEntries"].Count;
        using var auditHead = connection.CreateCommand();
        auditHead.CommandText = """UPDATE "AuditChainHead" SET "LastSequence" = "LastSequence" + @rows, "LastHash" = @hash WHERE "Id" = 1 RETURNING "LastSequence" """;
        Add(auditHead, "@rows", (long)auditRows);
        Add(auditHead, "@hash", auditRows > 0 ? template.Rows["AuditEntries"][^1]["Hash"] : "");

        var placeCount = Placeholders(connection, provider, "RequestDayCounts");
        using var dayCounts = connection.CreateCommand();
        dayCounts.CommandText = $"""
            INSERT INTO "RequestDayCounts" ("BureauId", "Day", "Figure", "Key", "Count") VALUES {string.Join(", ", template.DayCounts.Select((_, i) => string.Create(CultureInfo.InvariantCulture,
                $"({placeCount("BureauId", $"@b{i}")}, {placeCount("Day", $"@d{i}")}, @f{i}, @k{i}, 1)")))}
            ON CONFLICT ("BureauId", "Day", "Figure", "Key") DO UPDATE SET "Count" = "RequestDayCounts"."Count" + excluded."Count"
            """;
        for (int i = 0; i < template.DayCounts.Count; i++)
        {
            var row = template.DayCounts[i];
            Add(dayCounts, string.Create(CultureInfo.InvariantCulture, $"@b{i}"), row["BureauId"]);
            Add(dayCounts, string.Create(CultureInfo.InvariantCulture, $"@d{i}"), row["Day"]);
            Add(dayCounts, string.Create(CultureInfo.InvariantCulture, $"@f{i}"), row["Figure"]);
            Add(dayCounts, string.Create(CultureInfo.InvariantCulture, $"@k{i}"), row["Key"]);
        }

        // The ids one registration creates, so the copies get fresh ones: GUIDs (as Guid values or text) and engine ids (hex text).
        var ids = new HashSet<object>();
        foreach (var (table, keyColumn, _) in Written)
        {
            foreach (var row in template.Rows[table])
            {
                foreach (string column in new[] { keyColumn, "ActivityInstanceId" })
                {
                    if (row.TryGetValue(column, out object? id) && id is string or Guid)
                    {
                        ids.Add(id);
                    }
                }
            }
        }
        ids.Add(template.Rows["TaxpayerRequests"][0]["WorkflowInstanceId"]);

        var inserts = new List<(DbCommand Command, Dictionary<string, object> Row, string[] Columns, string[][] Named)>();
        foreach (var (table, _, _) in Written)
        {
            foreach (var row in template.Rows[table])
            {
                // The journal's Sequence is generated by the database, as for the server; an audit row's is the chain head's.
                string[] columns = [.. row.Keys.Where(c => !(table == "WorkflowJournal" && c == "Sequence"))];
                var named = columns.Select(c => row[c] is string text ? [.. ids.Select(Text).Where(i => i.Length >= 16 && text.Contains(i, StringComparison.OrdinalIgnoreCase) && text != i)] : Array.Empty<string>()).ToArray();
                inserts.Add((InsertCommand(connection, provider, table, columns), row, columns, named));
            }
        }

        var fresh = new Dictionary<object, object>();
        var freshText = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        void Register()
        {
            fresh.Clear();
            freshText.Clear();
            foreach (object id in ids)
            {
                object replacement = NewIdLike(id);
                fresh[id] = replacement;
                freshText[Text(id)] = Text(replacement);
            }
            using var transaction = connection.BeginTransaction();
            foreach (var command in new[] { ensureSequence, nextSequence, auditHead, dayCounts })
            {
                command.Transaction = transaction;
            }
            ensureSequence.ExecuteNonQuery();
            long sequence = Convert.ToInt64(nextSequence.ExecuteScalar(), CultureInfo.InvariantCulture);
            long auditSequence = auditRows > 0 ? Convert.ToInt64(auditHead.ExecuteScalar(), CultureInfo.InvariantCulture) - auditRows : 0;
            foreach (var (command, row, columns, named) in inserts)
            {
                command.Transaction = transaction;
                for (int i = 0; i < columns.Length; i++)
                {
                    object value = row[columns[i]];
                    if (columns[i] == "Number")
                    {
                        value = template.NumberPrefix + sequence.ToString("D6", CultureInfo.InvariantCulture);
                    }
                    else if (columns[i] == "Sequence" && command.CommandText.StartsWith("INSERT INTO \"AuditEntries\"", StringComparison.Ordinal))
                    {
                        value = ++auditSequence;
                    }
                    else if (fresh.TryGetValue(value, out object? replacement))
                    {
                        value = replacement;
                    }
                    else if (value is string text && named[i].Length > 0)
                    {
                        foreach (string id in named[i])
                        {
                            text = text.Replace(id, freshText[id], StringComparison.OrdinalIgnoreCase);
                        }
                        value = text;
                    }
                    command.Parameters[i].Value = value;
                }
                command.ExecuteNonQuery();
            }
            dayCounts.ExecuteNonQuery();
            transaction.Commit();
        }

        try
        {
            for (int i = 0; i < warmUp; i++)
            {
                Register();
            }
            var latencies = new double[count];
            using var self = Process.GetCurrentProcess();
            TimeSpan cpuBefore = self.TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            for (int i = 0; i < count; i++)
            {
                long started = Stopwatch.GetTimestamp();
                Register();
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
            stopwatch.Stop();
            self.Refresh();
            double cpu = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds / count;
            Array.Sort(latencies);
            return (new Rates(count, 0, Math.Round(stopwatch.Elapsed.TotalSeconds, 3), count / stopwatch.Elapsed.TotalSeconds,
                Percentile(latencies, 0.50), Percentile(latencies, 0.99)), cpu);
        }
        finally
        {
            foreach (var (command, _, _, _) in inserts)
            {
                command.Dispose();
            }
        }
    }

    /// <summary>An id as text: "request:{id}" and summaries name GUIDs in lower case, SQLite columns hold them in upper case.</summary>
    private static string Text(object id) => id is Guid guid ? guid.ToString() : (string)id;

    /// <summary>A new id in the same format: a Guid, an upper-case GUID text, a 32-hex GUID, or a 16-hex engine id.</summary>
    private static object NewIdLike(object id)
    {
        Guid next = Guid.CreateVersion7();
        if (id is Guid)
        {
            return next;
        }
        string text = (string)id;
        string hex = next.ToString("N");
        return text.Length switch
        {
            36 => next.ToString().ToUpperInvariant(),
            32 => hex,
            _ => Guid.NewGuid().ToString("N")[..Math.Min(text.Length, 32)],
        };
    }

    private static void PrintTable(ProviderRun run, Settings settings, Template template)
    {
        var culture = CultureInfo.InvariantCulture;
        string rows = string.Join(", ", template.Rows.Select(t => $"{t.Key} {t.Value.Count}"));
        Console.WriteLine($"[{run.Database}] register → workflow started → first task persisted; load {LoadAverage()}");
        Console.WriteLine($"rows per registration: {rows}, + number sequence, {template.DayCounts.Count} daily counts, audit chain head");
        Console.WriteLine($"{"path",-52} {"requests",9} {"failed",7} {"req/s",9} {"p50 ms",8} {"p99 ms",8}");
        Console.WriteLine(string.Create(culture,
            $"{$"HTTP POST /api/requests ({settings.Concurrency} concurrent clients)",-52} {run.Http.Requests,9} {run.Http.Failed,7} {run.Http.PerSecond,9:N1} {run.Http.P50Milliseconds,8:N2} {run.Http.P99Milliseconds,8:N2}"));
        Console.WriteLine(string.Create(culture,
            $"{"baseline: ADO.NET inserts, 1 transaction each",-52} {run.Baseline.Requests,9} {run.Baseline.Failed,7} {run.Baseline.PerSecond,9:N1} {run.Baseline.P50Milliseconds,8:N2} {run.Baseline.P99Milliseconds,8:N2}"));
        Console.WriteLine(string.Create(culture, $"ratio HTTP/baseline: {run.Ratio:N3} ({1 / run.Ratio:N1}x slower than the raw inserts; goal ≥ 0.5)"));
        Console.WriteLine(string.Create(culture,
            $"processor time per registration: server {run.ServerCpuMilliseconds:N2} ms, baseline {run.BaselineCpuMilliseconds:N3} ms ({run.ServerCpuMilliseconds / run.BaselineCpuMilliseconds:N0}x)"));
    }
}
