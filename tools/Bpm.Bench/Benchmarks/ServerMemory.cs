using System.Globalization;

namespace Bpm.Bench.Benchmarks;

/// <summary>
/// A process's memory from /proc/PID/status: VmRSS (resident now) and VmHWM (the highest resident so far), in MiB;
/// null where /proc is absent (not Linux) or the process has exited.
/// </summary>
internal static class ServerMemory
{
    public sealed record Reading(double? ResidentMegabytes, double? PeakResidentMegabytes);

    public static Reading Read(int processId)
    {
        string path = $"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status";
        try
        {
            return Parse(File.ReadAllLines(path));
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            return new Reading(null, null);
        }
    }

    /// <summary>"VmRSS:\t  204800 kB" → 200.0.</summary>
    internal static Reading Parse(IEnumerable<string> statusLines)
    {
        double? resident = null;
        double? peak = null;
        foreach (string line in statusLines)
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                resident = Kilobytes(line) / 1024.0;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                peak = Kilobytes(line) / 1024.0;
            }
        }
        return new Reading(resident is { } r ? Math.Round(r, 1) : null, peak is { } p ? Math.Round(p, 1) : null);
    }

    private static double Kilobytes(string line) =>
        double.Parse(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Replace("kB", "", StringComparison.Ordinal).Trim(), CultureInfo.InvariantCulture);

    /// <summary>Samples VmRSS every 200 ms until disposed; the highest value seen.</summary>
    public sealed class Sampler : IAsyncDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task loop;
        private double highest;

        public Sampler(int processId)
        {
            loop = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    if (Read(processId).ResidentMegabytes is { } now && now > highest)
                    {
                        highest = now;
                    }
                    try
                    {
                        await Task.Delay(200, stop.Token);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            });
        }

        public double HighestMegabytes => highest;

        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop;
            stop.Dispose();
        }
    }
}
