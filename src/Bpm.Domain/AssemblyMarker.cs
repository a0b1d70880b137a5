namespace Bpm.Domain; internal static class AssemblyMarker { }
