namespace Bpm.Cli.Tests; internal static class AssemblyMarker { }
