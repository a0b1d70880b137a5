namespace Bpm.Scheduling; internal static class AssemblyMarker { }
