using System.Collections;
using System.Dynamic;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;

namespace Bpm.Engine.Expressions;

/// <summary>
/// Converts expression results and stored JSON to the type an input or variable needs, the way Elsa reads
/// designer literals: "True" → true, "42" → 42 (invariant culture), "00:05:00" or "PT5M" → 5 minutes,
/// "[\"A\",\"B\"]" or "A, B" → ["A","B"], JSON text → JSON for Object.
/// </summary>
public static class ValueConverter
{
    public static T? Convert<T>(object? value) => (T?)Convert(value, typeof(T));

    public static object? Convert(object? value, Type target)
    {
        var underlying = Nullable.GetUnderlyingType(target) ?? target;
        if (value is null || (value is JsonValue jv && jv.GetValueKind() == JsonValueKind.Null))
        {
            return target.IsValueType && Nullable.GetUnderlyingType(target) is null ? Activator.CreateInstance(target) : null;
        }

        if (underlying == typeof(object))
        {
            return AsJsonIfJsonText(value);
        }

        if (underlying.IsInstanceOfType(value))
        {
            return value;
        }

        if (value is JsonValue text && text.TryGetValue<string>(out var s))
        {
            return FromString(s, underlying);
        }

        if (value is string str)
        {
            return FromString(str, underlying);
        }

        if (typeof(JsonNode).IsAssignableFrom(underlying))
        {
            return ToJson(value);
        }

        if (underlying == typeof(string))
        {
            return value is JsonNode node ? node.ToJsonString() : System.Convert.ToString(value, CultureInfo.InvariantCulture);
        }

        if (value is IConvertible && (underlying.IsPrimitive || underlying == typeof(decimal)))
        {
            return System.Convert.ChangeType(value, underlying, CultureInfo.InvariantCulture);
        }

        var json = value as JsonNode ?? ToJson(value);
        return json.Deserialize(underlying, JsonOptions);
    }

    /// <summary>Any value as JSON for storage: strings stay strings, objects from JavaScript become JSON objects.</summary>
    public static JsonNode? ToJson(object? value) => value switch
    {
        null => null,
        JsonNode node => node.DeepClone(),
        string s => JsonValue.Create(s),
        ExpandoObject expando => JsonSerializer.SerializeToNode((IDictionary<string, object?>)expando, JsonOptions),
        _ => JsonSerializer.SerializeToNode(value, value.GetType(), JsonOptions),
    };

    /// <summary>JSON as plain .NET values for JavaScript: numbers as double, objects as ExpandoObject, arrays as object[].</summary>
    public static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject o => ToExpando(o),
        JsonArray a => a.Select(ToPlain).ToArray(),
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.Number => double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => null,
        },
        _ => node.ToJsonString(),
    };

    private static ExpandoObject ToExpando(JsonObject o)
    {
        var expando = new ExpandoObject();
        var dictionary = (IDictionary<string, object?>)expando;
        foreach (var (key, child) in o)
        {
            dictionary[key] = ToPlain(child);
        }

        return expando;
    }

    /// <summary>For an Object target, text that is a JSON object or array (the designer's literal <c>{"a":1}</c>) becomes JSON.</summary>
    private static object AsJsonIfJsonText(object value)
    {
        var text = value switch
        {
            string s => s,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => null,
        };
        var trimmed = text?.Trim();
        if (trimmed is null || !((trimmed.StartsWith('{') && trimmed.EndsWith('}')) || (trimmed.StartsWith('[') && trimmed.EndsWith(']'))))
        {
            return value;
        }

        try
        {
            return JsonNode.Parse(trimmed)!;
        }
        catch (JsonException)
        {
            return value;
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static object? FromString(string s, Type target)
    {
        var invariant = CultureInfo.InvariantCulture;
        if (target == typeof(string))
        {
            return s;
        }

        if (string.IsNullOrWhiteSpace(s))
        {
            return target.IsValueType ? Activator.CreateInstance(target) : null;
        }

        if (target == typeof(bool))
        {
            return bool.Parse(s.Trim());
        }

        if (target.IsEnum)
        {
            return Enum.Parse(target, s.Trim(), ignoreCase: true);
        }

        if (target == typeof(TimeSpan))
        {
            var t = s.Trim();
            return t.StartsWith('P') || t.StartsWith("-P", StringComparison.Ordinal) ? XmlConvert.ToTimeSpan(t) : TimeSpan.Parse(t, invariant);
        }

        if (target == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(s, invariant, DateTimeStyles.AssumeUniversal);
        }

        if (target == typeof(Guid))
        {
            return Guid.Parse(s);
        }

        if (target.IsPrimitive || target == typeof(decimal))
        {
            return System.Convert.ChangeType(s.Trim(), target, invariant);
        }

        var trimmed = s.TrimStart();
        var looksLikeJson = trimmed.StartsWith('{') || trimmed.StartsWith('[') || trimmed.StartsWith('"');
        if (typeof(JsonNode).IsAssignableFrom(target))
        {
            return looksLikeJson ? JsonNode.Parse(s) : JsonValue.Create(s);
        }

        if (!looksLikeJson && target != typeof(string) && typeof(IEnumerable).IsAssignableFrom(target) && IsStringSequence(target))
        {
            var parts = s.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return JsonSerializer.SerializeToNode(parts).Deserialize(target, JsonOptions);
        }

        return JsonSerializer.Deserialize(s, target, JsonOptions);
    }

    private static bool IsStringSequence(Type type) => type.IsAssignableFrom(typeof(string[])) || type == typeof(List<string>);
}
