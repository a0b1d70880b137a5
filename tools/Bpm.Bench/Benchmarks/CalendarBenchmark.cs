using System.Diagnostics;
using System.Globalization;
using Bpm.Domain.Calendar;

namespace Bpm.Bench.Benchmarks;

/// <summary>
/// AddWorkingDays of the precomputed calendar against the README's day-by-day walk (over the same
/// calendar's IsWorkingDay), on random receipt dates 2020–2026 and spans of 1–250 working days.
/// Both run in the same process on the same inputs; their results must be identical.
/// </summary>
internal static class CalendarBenchmark
{
    private const int InputCount = 4096;
    private const int Seed = 20261008;

    /// <summary>Receipt dates uniform over the years, spans uniform over MinSpan..MaxSpan working days.</summary>
    private sealed record InputSet(string Name, int MinSpan, int MaxSpan, int FirstYear, int LastYear);

    private static readonly InputSet[] inputSets =
    [
        new("1-250", 1, 250, 2020, 2026),
        new("1-10", 1, 10, 2020, 2026),
        new("61-250", 61, 250, 2020, 2026),
        // Past the published data: weekday arithmetic plus the table's net shift.
        new("1-250 from 2027-2030", 1, 250, 2027, 2030),
    ];

    private sealed record Settings(TimeSpan WarmUp, TimeSpan PerRepetition, int Repetitions);

    public sealed record Row(string Calendar, string Spans, string Method, double MedianOpsPerSecond, double BestOpsPerSecond, double NanosecondsPerOp);

    public sealed record Comparison(string Calendar, string Spans, double FastOpsPerSecond, double NaiveOpsPerSecond, double Speedup);

    public static int Run(string[] args)
    {
        bool quick = args.Contains("--quick");
        var settings = quick
            ? new Settings(TimeSpan.FromMilliseconds(50), TimeSpan.FromMilliseconds(60), 3)
            : new Settings(TimeSpan.FromMilliseconds(300), TimeSpan.FromMilliseconds(300), 7);

        var national = WorkingDayCalendar.ChinaNational;
        // A bureau layer like a real one: a closure, a local festival on a make-up Saturday, an extra working Sunday, a 2027 closure.
        var bureau = national.WithOverrides([
            new CalendarDay(new DateOnly(2024, 7, 1), false, "系统切换停办"),
            new CalendarDay(new DateOnly(2025, 2, 8), false, "本地节日"),
            new CalendarDay(new DateOnly(2025, 11, 16), true, "集中办理"),
            new CalendarDay(new DateOnly(2027, 1, 4), false, "2027 closure"),
        ]);

        var rows = new List<Row>();
        var comparisons = new List<Comparison>();
        foreach ((string calendarName, WorkingDayCalendar calendar) in new[] { ("national", national), ("national + bureau", bureau) })
        {
            foreach (InputSet inputSet in inputSets)
            {
                string spanName = inputSet.Name;
                var (receivedOn, spans) = RandomInputs(inputSet);
                long fastChecksum = Fast(calendar, receivedOn, spans);
                long naiveChecksum = Naive(calendar, receivedOn, spans);
                if (fastChecksum != naiveChecksum)
                {
                    Console.Error.WriteLine($"fast and naive disagree on {calendarName} {spanName}");
                    return 1;
                }
                Row fast = Measure(calendarName, spanName, "fast", settings, () => Fast(calendar, receivedOn, spans));
                Row naive = Measure(calendarName, spanName, "naive walk", settings, () => Naive(calendar, receivedOn, spans));
                rows.Add(fast);
                rows.Add(naive);
                comparisons.Add(new Comparison(calendarName, spanName, fast.MedianOpsPerSecond, naive.MedianOpsPerSecond,
                    fast.MedianOpsPerSecond / naive.MedianOpsPerSecond));
            }
        }

        PrintTable(comparisons);
        string path = BenchOutput.Write("calendar", new
        {
            benchmark = "calendar",
            measuredAt = TimeProvider.System.GetUtcNow(),
            quick,
            runtime = System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription,
            processorCount = Environment.ProcessorCount,
            inputs = new { count = InputCount, sets = inputSets, seed = Seed },
            repetitions = settings.Repetitions,
            secondsPerRepetition = settings.PerRepetition.TotalSeconds,
            comparisons,
            rows,
        });
        Console.WriteLine($"wrote {path}");
        return 0;
    }

    private static (DateOnly[] ReceivedOn, int[] Spans) RandomInputs(InputSet inputSet)
    {
        var random = new Random(Seed);
        int first = new DateOnly(inputSet.FirstYear, 1, 1).DayNumber;
        int last = new DateOnly(inputSet.LastYear, 12, 31).DayNumber;
        int minSpan = inputSet.MinSpan;
        int maxSpan = inputSet.MaxSpan;
        var receivedOn = new DateOnly[InputCount];
        var spans = new int[InputCount];
        for (int i = 0; i < InputCount; i++)
        {
            receivedOn[i] = DateOnly.FromDayNumber(random.Next(first, last + 1));
            spans[i] = random.Next(minSpan, maxSpan + 1);
        }
        return (receivedOn, spans);
    }

    private static long Fast(WorkingDayCalendar calendar, DateOnly[] receivedOn, int[] spans)
    {
        long checksum = 0;
        for (int i = 0; i < receivedOn.Length; i++)
        {
            checksum += calendar.AddWorkingDays(receivedOn[i], spans[i]).DayNumber;
        }
        return checksum;
    }

    private static long Naive(WorkingDayCalendar calendar, DateOnly[] receivedOn, int[] spans)
    {
        long checksum = 0;
        for (int i = 0; i < receivedOn.Length; i++)
        {
            checksum += NaiveAddWorkingDays(calendar, receivedOn[i], spans[i]).DayNumber;
        }
        return checksum;
    }

    /// <summary>The holiday README's reference algorithm: step one day at a time, count the working days.</summary>
    private static DateOnly NaiveAddWorkingDays(WorkingDayCalendar calendar, DateOnly receivedOn, int workingDays)
    {
        DateOnly date = receivedOn;
        int counted = 0;
        while (counted < workingDays)
        {
            date = date.AddDays(1);
            if (calendar.IsWorkingDay(date))
            {
                counted++;
            }
        }
        return date;
    }

    /// <summary>Warm up, then time whole batches of the inputs per repetition; median and best of the repetitions.</summary>
    private static Row Measure(string calendar, string spans, string method, Settings settings, Func<long> batch)
    {
        RunFor(settings.WarmUp, batch);
        var opsPerSecond = new double[settings.Repetitions];
        for (int repetition = 0; repetition < settings.Repetitions; repetition++)
        {
            (long batches, TimeSpan elapsed) = RunFor(settings.PerRepetition, batch);
            opsPerSecond[repetition] = batches * InputCount / elapsed.TotalSeconds;
        }
        Array.Sort(opsPerSecond);
        double median = opsPerSecond[opsPerSecond.Length / 2];
        return new Row(calendar, spans, method, Math.Round(median), Math.Round(opsPerSecond[^1]), Math.Round(1e9 / median, 2));
    }

    private static (long Batches, TimeSpan Elapsed) RunFor(TimeSpan duration, Func<long> batch)
    {
        long batches = 0;
        long sink = 0;
        var stopwatch = Stopwatch.StartNew();
        do
        {
            sink += batch();
            batches++;
        }
        while (stopwatch.Elapsed < duration);
        stopwatch.Stop();
        GC.KeepAlive(sink);
        return (batches, stopwatch.Elapsed);
    }

    private static void PrintTable(IEnumerable<Comparison> comparisons)
    {
        var culture = CultureInfo.InvariantCulture;
        Console.WriteLine($"{"calendar",-18} {"spans (WD)",-22} {"fast ops/s",16} {"naive ops/s",14} {"speed-up",9}");
        foreach (Comparison row in comparisons)
        {
            Console.WriteLine(string.Create(culture,
                $"{row.Calendar,-18} {row.Spans,-22} {row.FastOpsPerSecond,16:N0} {row.NaiveOpsPerSecond,14:N0} {row.Speedup,8:N1}x"));
        }
    }
}
