namespace Bpm.Domain.Tests; internal static class AssemblyMarker { }
