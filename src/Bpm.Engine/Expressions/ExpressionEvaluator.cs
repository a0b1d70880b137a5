using System.Text.Json.Nodes;
using Bpm.Engine.Model;

namespace Bpm.Engine.Expressions;

/// <summary>
/// Evaluates Elsa expressions: Literal (text converted to the target type), Object (JSON text),
/// Variable (value = variable name or id, or <c>{"id":…,"name":…}</c>), Input (workflow input by name),
/// JavaScript (see <see cref="JavaScriptEvaluator"/>).
/// </summary>
public static class ExpressionEvaluator
{
    public static readonly IReadOnlySet<string> SupportedTypes = new HashSet<string>
    {
        ExpressionJson.Literal, ExpressionJson.Object, ExpressionJson.Variable, ExpressionJson.Input, ExpressionJson.JavaScript,
    };

    public static object? Evaluate(ExpressionJson expression, Type targetType, IExpressionScope scope)
    {
        object? raw = expression.Type switch
        {
            ExpressionJson.Literal => expression.Value,
            ExpressionJson.Object => expression.Text is { } json && !string.IsNullOrWhiteSpace(json) ? JsonNode.Parse(json) : null,
            ExpressionJson.Variable => ReferenceName(expression.Value) is { } name ? scope.GetVariable(name) : null,
            ExpressionJson.Input => ReferenceName(expression.Value) is { } input ? scope.GetInput(input) : null,
            ExpressionJson.JavaScript => string.IsNullOrWhiteSpace(expression.Text) ? null : JavaScriptEvaluator.Evaluate(expression.Text!, scope),
            _ => throw new NotSupportedException($"Expression type '{expression.Type}' is not supported (supported: {string.Join(", ", SupportedTypes)})."),
        };
        return ValueConverter.Convert(raw, targetType);
    }

    /// <summary>"Counter" or <c>{"id":"v1","name":"Counter"}</c> → the name (else the id).</summary>
    private static string? ReferenceName(JsonNode? value) => value switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject o => (o["name"] as JsonValue)?.GetValue<string>() ?? (o["id"] as JsonValue)?.GetValue<string>(),
        _ => null,
    };
}
