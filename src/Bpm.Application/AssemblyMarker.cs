namespace Bpm.Application; internal static class AssemblyMarker { }
