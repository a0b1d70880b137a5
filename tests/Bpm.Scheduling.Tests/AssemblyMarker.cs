namespace Bpm.Scheduling.Tests; internal static class AssemblyMarker { }
