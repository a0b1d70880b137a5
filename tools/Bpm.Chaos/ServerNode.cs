using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Bpm.Chaos;

/// <summary>
/// One real server process (the built src/Bpm.Server/bin/Release/net10.0/Bpm.Server.dll, started from the repository root
/// so it reads ./appsettings.json) on a fixed loopback port; <see cref="Kill"/> is SIGKILL, no shutdown code runs.
/// </summary>
public sealed class ServerNode(string name, string repositoryRoot, string serverDll, int port, IReadOnlyList<string> settings, string logFolder) : IAsyncDisposable
{
    private Process? _process;
    private int _starts;

    public string Name { get; } = name;

    public Uri Address { get; } = new($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");

    public bool IsRunning => _process is { HasExited: false };

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts the process and waits until /health answers 200; false (with the log's tail on stderr) if it never does.</summary>
    public async Task<bool> StartAsync(TimeSpan limit, CancellationToken cancellationToken)
    {
        _starts++;
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = repositoryRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { serverDll, "--urls", Address.ToString().TrimEnd('/') }.Concat(settings))
        {
            start.ArgumentList.Add(argument);
        }

        var logPath = Path.Combine(logFolder, $"{Name}-{_starts.ToString(CultureInfo.InvariantCulture)}.log");
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the server");
        process.StandardInput.Close();
        var log = TextWriter.Synchronized(new StreamWriter(logPath) { AutoFlush = true });
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { log.WriteLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { log.WriteLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;

        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(10) };
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < limit && !process.HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/health", UriKind.Relative), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // not listening yet
            }

            await Task.Delay(100, cancellationToken);
        }

        await Console.Error.WriteLineAsync($"{Name} did not answer /health within {limit.TotalSeconds} s (exited: {process.HasExited}); log {logPath}:");
        await Console.Error.WriteLineAsync(string.Join('\n', File.ReadLines(logPath).TakeLast(30)));
        return false;
    }

    /// <summary>SIGKILL: the process dies mid-whatever, as on a power cut.</summary>
    public async Task KillAsync(CancellationToken cancellationToken)
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill(entireProcessTree: false);
            await process.WaitForExitAsync(cancellationToken);
        }
    }

    /// <summary>The end of the drill: its checks are done, so the process simply goes.</summary>
    public async ValueTask DisposeAsync()
    {
        await KillAsync(CancellationToken.None);
        _process?.Dispose();
    }
}
