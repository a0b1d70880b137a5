namespace Bpm.Persistence; internal static class AssemblyMarker { }
