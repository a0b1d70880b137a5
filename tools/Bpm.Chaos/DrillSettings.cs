using System.Globalization;

namespace Bpm.Chaos;

/// <summary>
/// How hard a drill pushes. <c>--short</c> fits CI on a loaded 2-core machine (crash: 10 kills, 150 requests; cluster:
/// one kill, 150 requests); the default (long) mode is for the README's figures (crash: 50 kills, 3,000 requests; cluster:
/// 6 kills, 2,000 requests). <c>--seed</c> replays the same kill moments and choices; <c>--kills</c>, <c>--requests</c>
/// override the mode's figures.
/// </summary>
public sealed record DrillSettings(int Kills, int Requests, int Workers, TimeSpan MinUptime, TimeSpan MaxUptime, int Seed, bool KeepDatabase)
{
    public static DrillSettings Parse(string command, IReadOnlyList<string> args)
    {
        var quick = args.Contains("--short");
        var seed = Option(args, "--seed") ?? Environment.TickCount & 0xFFFF;
        var cluster = command == "cluster";
        var settings = (cluster, quick) switch
        {
            (false, true) => new DrillSettings(10, 150, 4, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(4), seed, false),
            (false, false) => new DrillSettings(50, 3000, 6, TimeSpan.FromSeconds(1.5), TimeSpan.FromSeconds(6), seed, false),
            (true, true) => new DrillSettings(1, 150, 4, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(10), seed, false),
            (true, false) => new DrillSettings(6, 2000, 6, TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(15), seed, false),
        };
        return settings with
        {
            Kills = Option(args, "--kills") ?? settings.Kills,
            Requests = Option(args, "--requests") ?? settings.Requests,
            KeepDatabase = args.Contains("--keep"),
        };
    }

    private static int? Option(IReadOnlyList<string> args, string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return int.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }

        return null;
    }
}
