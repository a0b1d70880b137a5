using System.Text.Json.Nodes;
using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// Assigns <see cref="Value"/> to a variable, converted to the variable's type. Elsa writes the variable
/// unwrapped: <c>"variable":{"id":"v1","name":"Counter","typeName":"Int32"}</c>; a plain name also works.
/// </summary>
[Activity("Elsa", "SetVariable", Category = "Primitives", DisplayName = "Set Variable", Description = "Assign a value to a workflow variable.")]
public sealed class SetVariable : Activity
{
    [Input(Description = "The variable to assign.", UIHint = UIHints.VariablePicker, IsWrapped = false, Order = 0)]
    public JsonNode? Variable { get; set; }

    [Input(Description = "The value to assign.", Order = 1)]
    public object? Value { get; set; }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var reference = VariableReference(Variable)
            ?? throw new InvalidOperationException($"SetVariable {context.Activity.Id} names no variable.");
        context.SetVariable(reference, Value);
        return ValueTask.FromResult(ActivityResult.Complete());
    }

    /// <summary>"Counter", <c>{"id":"v1"}</c>, <c>{"name":"Counter"}</c> or a wrapped literal → the id or name.</summary>
    private static string? VariableReference(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonObject o when o["expression"] is JsonObject e => VariableReference(e["value"]),
        JsonObject o => VariableReference(o["id"]) ?? VariableReference(o["name"]),
        _ => null,
    };
}
