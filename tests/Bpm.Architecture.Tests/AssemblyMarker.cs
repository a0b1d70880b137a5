namespace Bpm.Architecture.Tests; internal static class AssemblyMarker { }
