using System.Text.RegularExpressions;
using System.Xml.Linq;
using Bpm.Testing;
using Shouldly;
using Xunit;

namespace Bpm.Server.Tests.WebUi;

/// <summary>
/// Every text of the web UI exists in Chinese (the neutral .resx) and in English (.en.resx), and every text a page asks
/// for exists: a missing key would show the key itself ("NavInbox") to the user.
/// </summary>
public sealed partial class WebUiTextsTests
{
    private static readonly string WebUiFolder = Path.Combine(RepositoryFolders.Root, "src", "Bpm.Server", "WebUi");

    public static TheoryData<string> ChineseFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(WebUiFolder, "*.resx", SearchOption.AllDirectories).Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal)))
        {
            data.Add(Path.GetRelativePath(WebUiFolder, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ChineseFiles))]
    public void Each_Chinese_text_has_an_English_one_and_neither_is_empty(string chineseFile)
    {
        var chinese = Texts(Path.Combine(WebUiFolder, chineseFile));
        var englishFile = Path.Combine(WebUiFolder, chineseFile[..^".resx".Length] + ".en.resx");
        File.Exists(englishFile).ShouldBeTrue($"{englishFile} is missing");
        var english = Texts(englishFile);

        english.Keys.Order().ShouldBe(chinese.Keys.Order(), $"{chineseFile} and its .en.resx name different texts");
        chinese.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key).ShouldBeEmpty();
        english.Where(t => string.IsNullOrWhiteSpace(t.Value)).Select(t => t.Key).ShouldBeEmpty();
        chinese.Values.Count(HasChinese).ShouldBeGreaterThan(chinese.Count / 2, $"{chineseFile} should be mostly Chinese");
    }

    [Fact]
    public void Every_text_a_component_asks_for_exists()
    {
        var known = Directory.EnumerateFiles(WebUiFolder, "*.resx", SearchOption.AllDirectories)
            .Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal))
            .ToDictionary(f => Path.GetFileNameWithoutExtension(f), f => Texts(f).Keys.ToHashSet());
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(WebUiFolder, "*.razor", SearchOption.AllDirectories))
        {
            var source = File.ReadAllText(file);
            foreach (Match injected in Localizer().Matches(source))
            {
                var (marker, variable) = (injected.Groups["marker"].Value, injected.Groups["variable"].Value);
                if (!known.TryGetValue(marker, out var keys))
                {
                    missing.Add($"{Path.GetFileName(file)}: no {marker}.resx");
                    continue;
                }

                missing.AddRange(Regex.Matches(source, $@"\b{Regex.Escape(variable)}\[""(?<key>[A-Za-z0-9_.]+)""\]")
                    .Select(m => m.Groups["key"].Value)
                    .Where(key => !keys.Contains(key))
                    .Select(key => $"{Path.GetFileName(file)}: {marker}[\"{key}\"]"));
            }
        }

        missing.ShouldBeEmpty();
    }

    private static Dictionary<string, string> Texts(string file) =>
        XDocument.Load(file).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    private static bool HasChinese(string text) => text.Any(c => c is >= '\u4e00' and <= '\u9fff');

    [GeneratedRegex(@"@inject\s+IStringLocalizer<(?<marker>\w+)>\s+(?<variable>\w+)")]
    private static partial Regex Localizer();
}
