using Bpm.Bench.Benchmarks;

// dotnet run -c Release --project tools/Bpm.Bench -- <benchmark> [options]; one Benchmarks/*.cs per benchmark.
return args.FirstOrDefault() switch
{
    "calendar" => CalendarBenchmark.Run(args[1..]),
    "engine" => await EngineBenchmark.RunAsync(args[1..]),
    "http" => await HttpBenchmark.RunAsync(args[1..]),
    "pages" => await PagesBenchmark.RunAsync(args[1..]),
    "timers" => await TimersBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Bpm.Bench calendar|engine|http|pages|timers [--quick] [--postgres (pages, timers)] [--keep | --reuse FILE (pages)]");
    return 2;
}
