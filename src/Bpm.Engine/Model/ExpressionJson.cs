using System.Text.Json.Nodes;

namespace Bpm.Engine.Model;

/// <summary>
/// An expression as Elsa writes it: <c>{"type":"Literal","value":"bob"}</c>; the value is usually a string
/// (JavaScript source, a literal, JSON text) but Elsa also writes objects, e.g. a variable reference.
/// </summary>
public sealed record ExpressionJson(string Type, JsonNode? Value)
{
    public const string Literal = "Literal";
    public const string Object = "Object";
    public const string Variable = "Variable";
    public const string Input = "Input";
    public const string JavaScript = "JavaScript";

    /// <summary>The value as text: strings as they are, anything else as JSON.</summary>
    public string? Text => Value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var other => other.ToJsonString(),
    };

    public static ExpressionJson? From(JsonNode? node) =>
        node is JsonObject o && o["type"]?.GetValue<string>() is { } type ? new ExpressionJson(type, o["value"]?.DeepClone()) : null;
}
