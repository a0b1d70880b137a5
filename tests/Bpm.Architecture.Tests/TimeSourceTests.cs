using System.Text.RegularExpressions;

namespace Bpm.Architecture.Tests;

/// <summary>Time comes from an injected TimeProvider, so tests can drive it; nobody reads the system clock.</summary>
public sealed partial class TimeSourceTests
{
    [GeneratedRegex(@"\b(?:System\s*\.\s*)?(?:DateTime|DateTimeOffset)\s*\.\s*(?:Now|UtcNow|Today)\b")]
    private static partial Regex ClockRead();

    // Line comments (not inside a string: "//" must not follow a quote-free run ending in ':' as in URLs) and block comments.
    [GeneratedRegex(@"/\*.*?\*/|(?<![:""])//[^\n]*", RegexOptions.Singleline)]
    private static partial Regex Comment();

    private static IEnumerable<string> SourceFiles() =>
        Directory.EnumerateFiles(Path.Combine(RepoFiles.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(p => !RepoFiles.IsBuildOutput(p))
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Contains("Migrations"));

    internal static IEnumerable<string> ClockReadsIn(string source) =>
        ClockRead().Matches(Comment().Replace(source, "")).Select(m => m.Value);

    [Fact]
    public void No_source_file_reads_the_system_clock()
    {
        var files = SourceFiles().ToList();
        files.Count.ShouldBeGreaterThan(20);

        var offenders = files
            .SelectMany(f => ClockReadsIn(File.ReadAllText(f)).Select(read => $"{Path.GetRelativePath(RepoFiles.Root, f)}: {read}"))
            .ToList();

        offenders.ShouldBeEmpty("use TimeProvider.GetUtcNow(): " + string.Join("; ", offenders));
    }

    [Theory]
    [InlineData("var t = DateTime.Now;", true)]
    [InlineData("var t = DateTime.UtcNow;", true)]
    [InlineData("var t = DateTimeOffset.UtcNow;", true)]
    [InlineData("var t = System.DateTimeOffset .Now;", true)]
    [InlineData("var d = DateTime.Today;", true)]
    [InlineData("var t = time.GetUtcNow();", false)]
    [InlineData("var t = clock.UtcNow;", false)]
    [InlineData("var t = DateTime.UtcNowish;", false)]
    [InlineData("// never read DateTime.Now here", false)]
    [InlineData("/// <summary>not DateTimeOffset.UtcNow</summary>", false)]
    [InlineData("/* DateTime.UtcNow */ var x = 1;", false)]
    [InlineData("var url = \"http://example.com\"; var t = DateTime.UtcNow;", true)]
    public void The_scanner_finds_clock_reads_and_ignores_comments(string source, bool found)
    {
        ClockReadsIn(source).Any().ShouldBe(found);
    }
}
