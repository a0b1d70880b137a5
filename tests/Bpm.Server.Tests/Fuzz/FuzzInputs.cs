using System.Collections;
using System.IO.Compression;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bpm.Server.Tests.Fuzz;

/// <summary>One malformed or hostile request: what it is (for the failure message), to which route, as whom.</summary>
internal sealed record FuzzInput(
    FuzzRoute Route,
    string Family,
    string Description,
    string Method,
    string Url,
    string? User,
    IReadOnlyList<(string Name, string Value)> Headers,
    byte[]? Body,
    string? ContentType)
{
    public override string ToString()
    {
        var body = Body is null ? "" : $" body[{Body.Length} B, {ContentType}]: {Preview(Body)}";
        var headers = Headers.Count == 0 ? "" : " headers: " + string.Join("; ", Headers.Select(h => $"{h.Name}={Preview(Encoding.UTF8.GetBytes(h.Value))}"));
        return $"{Method} {Preview(Encoding.UTF8.GetBytes(Url))} as {User ?? "anonymous"} [{Family}: {Description}]{headers}{body}";
    }

    private static string Preview(byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 300));
        return bytes.Length > 300 ? text + "…" : text;
    }
}

/// <summary>
/// Builds the inputs for one route from its description: hostile route values, query values, headers, body fields of
/// the wrong type or hostile content, bodies that are not JSON, wrong content types, bodies over the size limit,
/// anonymous calls, and on the workflow definition routes hostile workflow models. Deterministic for a seed.
/// </summary>
internal sealed class FuzzInputs(Random random, IReadOnlyDictionary<string, string> roleUsers, IReadOnlyList<(string Name, string Value)> intakeHeaders)
{
    /// <summary>Inputs per route drawn from all its combinations (workflow models and import files come on top, all of them).</summary>
    public const int PerRoute = 90;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Sensible route values by name, so that the other parts of an input reach the handler's logic.</summary>
    private static readonly Dictionary<string, string> GoodRouteValues = new(StringComparer.OrdinalIgnoreCase)
    {
        ["definitionId"] = "policy",
        ["channel"] = "12366",
        ["code"] = "xiantao",
        ["step"] = "Handling",
        ["date"] = "2026-03-02",
        ["creditCode"] = "91429004MA4F00001X",
        ["typeName"] = "Elsa.WriteLine",
        ["propertyName"] = "Text",
        ["version"] = "1",
        ["documentName"] = "v1",
    };

    /// <summary>Raw path segments no client library would produce: broken percent-encoding, encoded NUL, slash, dot-dot, invalid UTF-8.</summary>
    private static readonly string[] RawSegments = ["%ZZ", "%00", "%C0%AF", "..%2F..%2Fetc", "%ED%A0%80", "%FF%FE", "%2F", "..", "%20", "a%0D%0Ab"];

    public IEnumerable<FuzzInput> For(FuzzRoute route)
    {
        var user = UserFor(route);
        var sampled = Sample(AllCombinations(route, user).ToList(), PerRoute);
        return sampled.Concat(WorkflowInputs(route, user));
    }

    private List<FuzzInput> Sample(List<FuzzInput> all, int count)
    {
        if (all.Count <= count)
        {
            return all;
        }

        // Every family keeps at least a few members, the rest is drawn at random.
        var chosen = all.GroupBy(i => i.Family).SelectMany(g => g.Take(3)).ToHashSet();
        var rest = all.Where(i => !chosen.Contains(i)).OrderBy(_ => random.Next()).Take(Math.Max(0, count - chosen.Count));
        return [.. all.Where(i => chosen.Contains(i) || rest.Contains(i))];
    }

    private string? UserFor(FuzzRoute route)
    {
        if (route.RequiredRole is { } role && roleUsers.TryGetValue(role.Split(',')[0].Trim(), out var roleUser))
        {
            return roleUser;
        }

        if (route.Pattern.StartsWith("/elsa", StringComparison.Ordinal))
        {
            return roleUsers["ProcessOwner"];
        }

        return route.Pattern.StartsWith("/api/auth", StringComparison.Ordinal) || route.Pattern.StartsWith("/api/intake", StringComparison.Ordinal) || route.Pattern == "/health"
            ? null
            : roleUsers["Handler"];
    }

    private IEnumerable<FuzzInput> AllCombinations(FuzzRoute route, string? user)
    {
        var goodPath = Path(route, null, null);
        var goodBody = route.BodyType is { } bodyType ? ValidishBody(bodyType, 0) : null;
        var goodBytes = goodBody is null ? null : Encoding.UTF8.GetBytes(goodBody.ToJsonString());
        var hasBody = route.Method is "POST" or "PUT" or "PATCH";
        byte[]? defaultBody = hasBody ? goodBytes ?? "{}"u8.ToArray() : null;
        FuzzInput Make(string family, string description, string url, byte[]? body = null, string? contentType = "application/json",
            IReadOnlyList<(string, string)>? headers = null, string? who = "", string? method = null) =>
            new(route, family, description, method ?? route.Method, url, who == "" ? user : who,
                [.. DefaultHeaders(route), .. headers ?? []], body ?? defaultBody, body is null && defaultBody is null ? null : contentType);

        foreach (var parameter in route.RouteValues)
        {
            foreach (var value in HostileValues.Strings)
            {
                yield return Make("route value", $"{parameter.Name}={Short(value)}", Path(route, parameter.Name, Escape(value)));
            }

            foreach (var raw in RawSegments)
            {
                yield return Make("raw route value", $"{parameter.Name}={raw}", Path(route, parameter.Name, raw));
            }
        }

        var queryNames = route.Query.Select(q => q.Name).Append("zzUnknown").ToList();
        foreach (var name in queryNames)
        {
            foreach (var value in HostileValues.Strings)
            {
                yield return Make("query", $"{name}={Short(value)}", $"{goodPath}?{name}={Escape(value)}");
            }

            yield return Make("query repeated", $"{name} twice", $"{goodPath}?{name}=1&{name}=x&{name}=");
            yield return Make("query raw", $"{name}=%ZZ", $"{goodPath}?{name}=%ZZ%ED%A0%80");
        }

        yield return Make("query huge", "8 KB query", $"{goodPath}?{string.Join("&", route.Query.Select(q => $"{q.Name}={new string('9', 8000 / Math.Max(1, route.Query.Count))}"))}");
        yield return Make("query all", "every parameter -1", $"{goodPath}?{string.Join("&", route.Query.Select(q => $"{q.Name}=-1"))}");
        yield return Make("query all", "every parameter huge", $"{goodPath}?{string.Join("&", route.Query.Select(q => $"{q.Name}=2147483648"))}");

        foreach (var (name, value) in HostileValues.Headers)
        {
            yield return Make("header", $"{name}: {Short(value)}", goodPath, headers: [(name, value)]);
        }

        foreach (var header in route.Headers)
        {
            foreach (var value in HostileValues.Strings.Where(s => !s.Any(char.IsControl) && !s.Any(char.IsSurrogate)))
            {
                yield return Make("declared header", $"{header.Name}: {Short(value)}", goodPath, headers: [(header.Name, value)]);
            }
        }

        yield return Make("anonymous", "no credentials", goodPath, who: null);
        yield return Make("wrong method", "PATCH", goodPath, method: "PATCH");
        yield return Make("wrong method", "OPTIONS", goodPath, method: "OPTIONS");

        if (!hasBody)
        {
            yield return Make("unexpected body", "GET with a body", goodPath, body: Encoding.UTF8.GetBytes(HostileValues.Script), contentType: "text/plain");
            yield break;
        }

        foreach (var (name, bytes) in HostileValues.RawBodies())
        {
            yield return Make("raw body", name, goodPath, body: bytes);
        }

        foreach (var contentType in HostileValues.ContentTypes)
        {
            yield return Make("content type", contentType, goodPath, contentType: contentType);
        }

        yield return Make("no content type", "body without Content-Type", goodPath, contentType: null);
        yield return Make("huge body", "1.2 MB string", goodPath,
            body: Encoding.UTF8.GetBytes(goodBody is null ? JsonSerializer.Serialize(new { text = HostileValues.Huge() }) : WithFirstString(goodBody, HostileValues.Huge()).ToJsonString()));

        if (goodBody is null)
        {
            foreach (var value in HostileValues.JsonValues.Concat(HostileValues.Strings.Select(s => JsonSerializer.Serialize(s))))
            {
                yield return Make("body field", $"text={Short(value)}", goodPath, body: Encoding.UTF8.GetBytes($"{{\"text\":{value},\"channel\":{value}}}"));
            }

            yield break;
        }

        foreach (var path in FieldPaths(goodBody, ""))
        {
            yield return Make("body field", $"{path} missing", goodPath, body: Splice(goodBody, path, null, remove: true));
            foreach (var value in HostileValues.JsonValues)
            {
                yield return Make("body field", $"{path}={Short(value)}", goodPath, body: Splice(goodBody, path, value));
            }

            foreach (var value in HostileValues.Strings)
            {
                yield return Make("body string", $"{path}=\"{Short(value)}\"", goodPath, body: Splice(goodBody, path, JsonSerializer.Serialize(value)));
            }
        }

        var extra = goodBody.DeepClone().AsObject();
        extra["zzUnknown"] = HostileValues.Script;
        extra["__proto__"] = new JsonObject { ["admin"] = true };
        yield return Make("extra fields", "unknown members", goodPath, body: Encoding.UTF8.GetBytes(extra.ToJsonString()));
        yield return Make("all null", "every member null", goodPath, body: Encoding.UTF8.GetBytes(new JsonObject(goodBody.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)null))).ToJsonString()));
    }

    /// <summary>Workflow models on the definition routes (save, save and publish, import) and as uploaded files.</summary>
    private IEnumerable<FuzzInput> WorkflowInputs(FuzzRoute route, string? user)
    {
        var url = Path(route, null, null);
        if (route.TakesWorkflowModel)
        {
            var asSave = route.BodyType?.GetProperties().Any(p => p.Name == "Model") == true;
            foreach (var (name, model) in HostileWorkflows.Models())
            {
                if (asSave)
                {
                    foreach (var publish in new[] { false, true })
                    {
                        var body = $"{{\"model\":{HostileWorkflows.ToJson(model)},\"publish\":{(publish ? "true" : "false")}}}";
                        yield return new FuzzInput(route, "workflow", $"{name} (publish: {publish})", route.Method, url, user, [], Encoding.UTF8.GetBytes(body), "application/json");
                    }
                }
                else
                {
                    yield return new FuzzInput(route, "workflow", name, route.Method, url, user, [], Encoding.UTF8.GetBytes(HostileWorkflows.ToJson(model)), "application/json");
                }
            }
        }

        if (route.Pattern.EndsWith("/import-files", StringComparison.Ordinal))
        {
            foreach (var (name, model) in HostileWorkflows.Models().Take(30))
            {
                yield return Upload(route, url, user, $"{name} as .json", [("f.json", Encoding.UTF8.GetBytes(HostileWorkflows.ToJson(model)))]);
            }

            foreach (var (name, bytes) in HostileValues.RawBodies())
            {
                yield return Upload(route, url, user, $"{name} as .json", [("f.json", bytes)]);
                yield return Upload(route, url, user, $"{name} as .zip", [("f.zip", bytes)]);
            }

            yield return Upload(route, url, user, "zip of garbage", [("f.zip", Zip(("a.json", "{"u8.ToArray()), ("../../evil.json", "[]"u8.ToArray())))]);
            yield return Upload(route, url, user, "zip bomb-ish", [("f.zip", Zip(("big.json", new byte[5_000_000])))]);
            yield return Upload(route, url, user, "no files", []);
            yield return Upload(route, url, user, "hostile file name", [(HostileValues.Script + "\"; x=\"../../etc.json", "{}"u8.ToArray())]);
        }
    }

    private FuzzInput Upload(FuzzRoute route, string url, string? user, string description, IReadOnlyList<(string Name, byte[] Bytes)> files)
    {
        const string boundary = "fuzz-boundary-7d3a";
        var body = new MemoryStream();
        foreach (var (name, bytes) in files)
        {
            body.Write(Encoding.UTF8.GetBytes($"--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"{name}\"\r\nContent-Type: application/octet-stream\r\n\r\n"));
            body.Write(bytes);
            body.Write("\r\n"u8);
        }

        body.Write(Encoding.UTF8.GetBytes($"--{boundary}--\r\n"));
        return new FuzzInput(route, "upload", description, route.Method, url, user, [], body.ToArray(), $"multipart/form-data; boundary={boundary}");
    }

    private static byte[] Zip(params (string Name, byte[] Bytes)[] entries)
    {
        using var stream = new MemoryStream();
        using (var archive = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, bytes) in entries)
            {
                using var entry = archive.CreateEntry(name).Open();
                entry.Write(bytes);
            }
        }

        return stream.ToArray();
    }

    private IEnumerable<(string, string)> DefaultHeaders(FuzzRoute route) =>
        route.Pattern.StartsWith("/api/intake", StringComparison.Ordinal)
            ? [.. intakeHeaders, ("Idempotency-Key", $"fuzz-{random.Next():x8}")]
            : [];

    /// <summary>The route's path with good values, one parameter replaced by <paramref name="value"/> (already escaped).</summary>
    private static string Path(FuzzRoute route, string? name, string? value)
    {
        var path = route.Pattern;
        foreach (var parameter in route.RouteValues)
        {
            var replacement = parameter.Name == name ? value! : GoodValue(parameter);
            path = System.Text.RegularExpressions.Regex.Replace(path, "\\{\\*{0,2}" + parameter.Name + "(:[^}]*)?\\??\\}", replacement.Replace("$", "$$"), System.Text.RegularExpressions.RegexOptions.IgnoreCase);
        }

        return path;
    }

    private static string GoodValue(FuzzParameter parameter) =>
        GoodRouteValues.TryGetValue(parameter.Name, out var good) ? good
        : parameter.Type == typeof(Guid) ? "5d1e0a56-0c1f-4f6e-9a39-3f0c3b8e9a11"
        : parameter.Type == typeof(int) ? "1"
        : "fuzz";

    /// <summary>Percent-encodes a value for a URL; a lone surrogate (not encodable) becomes its raw, invalid UTF-8 bytes.</summary>
    private static string Escape(string value)
    {
        try
        {
            return Uri.EscapeDataString(value);
        }
        catch (UriFormatException)
        {
            return string.Concat(value.Select(c => char.IsSurrogate(c) ? "%ED%A0%80" : Uri.EscapeDataString(c.ToString())));
        }
    }

    /// <summary>A body of the handler's type with plausible values (strings "fuzz", numbers 1, the first enum name), so that one bad field stands out.</summary>
    private static JsonObject ValidishBody(Type type, int depth)
    {
        var body = new JsonObject();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            body[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = ValidishValue(property.PropertyType, depth);
        }

        return body;
    }

    private static JsonNode? ValidishValue(Type type, int depth)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return "fuzz";
        }

        if (t == typeof(bool))
        {
            return false;
        }

        if (t.IsEnum)
        {
            return Enum.GetNames(t)[0];
        }

        if (t.IsPrimitive || t == typeof(decimal))
        {
            return 1;
        }

        if (t == typeof(Guid))
        {
            return "5d1e0a56-0c1f-4f6e-9a39-3f0c3b8e9a11";
        }

        if (t == typeof(DateOnly))
        {
            return "2026-03-02";
        }

        if (t == typeof(DateTimeOffset) || t == typeof(DateTime))
        {
            return "2026-03-02T01:00:00+00:00";
        }

        if (t == typeof(TimeSpan) || t == typeof(TimeOnly))
        {
            return "01:00:00";
        }

        if (typeof(JsonNode).IsAssignableFrom(t))
        {
            return new JsonObject();
        }

        if (t != typeof(string) && typeof(IEnumerable).IsAssignableFrom(t))
        {
            var element = t.IsArray ? t.GetElementType()! : t.GetGenericArguments().LastOrDefault() ?? typeof(string);
            return depth > 2 ? new JsonArray() : new JsonArray(ValidishValue(element, depth + 1));
        }

        return depth > 2 ? new JsonObject() : ValidishBody(t, depth + 1);
    }

    /// <summary>Paths of the body's members, nested objects and first array elements included, e.g. "lines/0/step".</summary>
    private static IEnumerable<string> FieldPaths(JsonNode node, string prefix)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    var path = prefix.Length == 0 ? name : $"{prefix}/{name}";
                    yield return path;
                    if (child is not null)
                    {
                        foreach (var nested in FieldPaths(child, path))
                        {
                            yield return nested;
                        }
                    }
                }

                break;
            case JsonArray { Count: > 0 } a when a[0] is { } first:
                yield return $"{prefix}/0";
                foreach (var nested in FieldPaths(first, $"{prefix}/0"))
                {
                    yield return nested;
                }

                break;
        }
    }

    private static byte[] Splice(JsonObject body, string path, string? rawValue, bool remove = false)
    {
        const string marker = "\"__fuzz_marker__\"";
        var copy = body.DeepClone();
        var steps = path.Split('/');
        var parent = copy;
        foreach (var step in steps[..^1])
        {
            parent = int.TryParse(step, out var i) ? parent[i]! : parent[step]!;
        }

        var last = steps[^1];
        if (parent is JsonArray array && int.TryParse(last, out var at))
        {
            if (remove)
            {
                array.RemoveAt(at);
            }
            else
            {
                array[at] = "__fuzz_marker__";
            }
        }
        else if (remove)
        {
            parent.AsObject().Remove(last);
        }
        else
        {
            parent[last] = "__fuzz_marker__";
        }

        var json = copy.ToJsonString();
        return Encoding.UTF8.GetBytes(rawValue is null ? json : json.Replace(marker, rawValue, StringComparison.Ordinal));
    }

    private static JsonObject WithFirstString(JsonObject body, string value)
    {
        var copy = body.DeepClone().AsObject();
        var first = copy.FirstOrDefault(p => p.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String).Key ?? "text";
        copy[first] = value;
        return copy;
    }

    private static string Short(string value)
    {
        var shown = value.Length > 24 ? value[..24] + $"…({value.Length})" : value;
        return JsonSerializer.Serialize(shown, Json);
    }
}
