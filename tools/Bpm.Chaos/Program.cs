using Bpm.Chaos;

// Fault drills against the built server on PostgreSQL (BPM_TEST_POSTGRES):
//   dotnet tools/Bpm.Chaos/bin/Release/net10.0/Bpm.Chaos.dll crash   [--short] [--seed N] [--kills N] [--requests N] [--keep]
//   dotnet tools/Bpm.Chaos/bin/Release/net10.0/Bpm.Chaos.dll cluster [--short] [--seed N] [--kills N] [--requests N] [--keep]
if (args.Length == 0 || args[0] is not ("crash" or "cluster"))
{
    Console.Error.WriteLine("usage: Bpm.Chaos crash|cluster [--short] [--seed N] [--kills N] [--requests N] [--keep]");
    return 2;
}

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupted.Cancel();
};
return await FaultDrill.RunAsync(args[0], DrillSettings.Parse(args[0], args[1..]), interrupted.Token);
