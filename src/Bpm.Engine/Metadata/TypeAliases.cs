using System.Collections;
using System.Text.Json.Nodes;

namespace Bpm.Engine.Metadata;

/// <summary>
/// Elsa's type aliases, both ways: <c>int</c> ↔ "Int32", <c>string[]</c> ↔ "String[]", JSON values ↔ "Object".
/// An enum is described as "String" (the designer edits it in a dropdown and writes its name).
/// </summary>
public static class TypeAliases
{
    private static readonly (string Alias, Type Type)[] Known =
    [
        ("String", typeof(string)), ("Boolean", typeof(bool)), ("Int32", typeof(int)), ("Int64", typeof(long)),
        ("Double", typeof(double)), ("Decimal", typeof(decimal)), ("Single", typeof(float)),
        ("DateTimeOffset", typeof(DateTimeOffset)), ("DateTime", typeof(DateTime)), ("TimeSpan", typeof(TimeSpan)),
        ("Guid", typeof(Guid)), ("String[]", typeof(string[])), ("Object", typeof(object)), ("JSON", typeof(JsonNode)),
        ("ObjectMap", typeof(IDictionary<string, object?>)),
    ];

    public static string AliasOf(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum)
        {
            return "String";
        }

        if (typeof(JsonNode).IsAssignableFrom(underlying))
        {
            return "Object";
        }

        foreach (var (alias, known) in Known)
        {
            if (known == underlying)
            {
                return alias;
            }
        }

        if (typeof(JsonNode).IsAssignableFrom(underlying))
        {
            return "Object";
        }

        if (underlying != typeof(string) && typeof(IEnumerable<string>).IsAssignableFrom(underlying))
        {
            return "String[]";
        }

        return typeof(IEnumerable).IsAssignableFrom(underlying) && underlying != typeof(string) ? "Object" : underlying.Name;
    }

    /// <summary>The CLR type for an alias; unknown aliases (and null) read as <c>object</c>.</summary>
    public static Type Resolve(string? alias)
    {
        if (alias is null)
        {
            return typeof(object);
        }

        foreach (var (known, type) in Known)
        {
            if (string.Equals(known, alias, StringComparison.OrdinalIgnoreCase))
            {
                return type;
            }
        }

        return typeof(object);
    }
}
