using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Bpm.Server.Web;

/// <summary>
/// Encoding of everything a page writes: text and attribute values (HTML) and values inside scripts (JavaScript
/// string literals). Chinese stays readable: <c>Encode("张三 &lt;b&gt;")</c> → <c>"张三 &amp;lt;b&amp;gt;"</c>.
/// </summary>
public static class HtmlText
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);

    private static readonly JavaScriptEncoder Script = JavaScriptEncoder.Create(UnicodeRanges.All);

    /// <summary>Text or a double-quoted attribute value.</summary>
    public static string Encode(string? value) => Html.Encode(value ?? "");

    /// <summary>A JavaScript string literal with its quotes, safe inside a &lt;script&gt; element: "/studio/" → <c>"\/studio\/"</c> or similar.</summary>
    public static string ScriptString(string value) => "\"" + Script.Encode(value) + "\"";
}
