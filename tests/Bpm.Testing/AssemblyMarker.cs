namespace Bpm.Testing; internal static class AssemblyMarker { }
