namespace Bpm.Engine; internal static class AssemblyMarker { }
