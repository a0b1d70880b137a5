namespace Bpm.Persistence.Tests; internal static class AssemblyMarker { }
