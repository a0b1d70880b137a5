using System.Runtime.InteropServices;
using Bpm.Chaos;

// Fault drills against the built server on PostgreSQL (BPM_TEST_POSTGRES):
//   dotnet tools/Bpm.Chaos/bin/Release/net10.0/Bpm.Chaos.dll crash   [--short] [--seed N] [--kills N] [--requests N] [--keep]
//   dotnet tools/Bpm.Chaos/bin/Release/net10.0/Bpm.Chaos.dll cluster [--short] [--seed N] [--kills N] [--requests N] [--keep]
if (args.Length == 0 || args[0] is not ("crash" or "cluster"))
{
    Console.Error.WriteLine("usage: Bpm.Chaos crash|cluster [--short] [--seed N] [--kills N] [--requests N] [--keep]");
    return 2;
}

// Ctrl+C, or SIGTERM from `timeout`: stop the drill, its server processes and its database with it.
using var interrupted = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    interrupted.Cancel();
}

using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
try
{
    return await FaultDrill.RunAsync(args[0], DrillSettings.Parse(args[0], args[1..]), interrupted.Token);
}
catch (OperationCanceledException) when (interrupted.IsCancellationRequested)
{
    Console.Error.WriteLine("drill stopped before its end: nothing checked");
    return 2;
}
