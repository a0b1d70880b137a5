using Bpm.Bench.Benchmarks;

// dotnet run -c Release --project tools/Bpm.Bench -- <benchmark> [options]; one Benchmarks/*.cs per benchmark; `all` runs them all.
return args.FirstOrDefault() switch
{
    "all" => await SuiteBenchmark.RunAsync(args[1..]),
    "calendar" => CalendarBenchmark.Run(args[1..]),
    "engine" => await EngineBenchmark.RunAsync(args[1..]),
    "http" => await HttpBenchmark.RunAsync(args[1..]),
    "pages" => await PagesBenchmark.RunAsync(args[1..]),
    "timers" => await TimersBenchmark.RunAsync(args[1..]),
    "startup" => await StartupBenchmark.RunAsync(args[1..]),
    "scale" => await ScaleBenchmark.RunAsync(args[1..]),
    MinimalHealthApp.Command => await MinimalHealthApp.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Bpm.Bench all|calendar|engine|http|pages|timers|startup|scale [--quick] [--postgres (pages, timers, scale, all)] [--keep | --reuse FILE (pages, scale)] [--postgres-only (scale)]");
    return 2;
}
