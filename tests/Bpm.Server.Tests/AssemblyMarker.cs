namespace Bpm.Server.Tests; internal static class AssemblyMarker { }
