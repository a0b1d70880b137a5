using System.Text.Json.Nodes;
using Bpm.Engine.Expressions;
using Bpm.Engine.Metadata;
using Bpm.Engine.Model;

namespace Bpm.Engine.Runtime;

/// <summary>
/// The instance's variables as expressions and activities see them, stored by name as JSON in the state.
/// A declared variable keeps its type: setting "Counter" (Int32) to the JavaScript number 2.0 stores 2.
/// As in Elsa, an activity output bound to the name of a declared workflow output (and of no variable) sets that
/// workflow output: <c>"result":{"memoryReference":{"id":"Result"}}</c> with output "Result" fills Output["Result"].
/// </summary>
internal sealed class VariableScope(
    WorkflowState state,
    IReadOnlyList<VariableDefinition> definitions,
    IReadOnlyCollection<string> declaredInputs,
    IReadOnlyCollection<string>? declaredOutputs = null)
    : IExpressionScope
{
    public IReadOnlyCollection<string> VariableNames => state.Variables.Keys;

    public JsonNode? GetVariable(string nameOrId) => state.Variables.GetValueOrDefault(NameOf(nameOrId));

    public void SetVariable(string nameOrId, object? value)
    {
        var definition = Find(nameOrId);
        if (definition is null && declaredOutputs?.Contains(nameOrId) == true)
        {
            state.Output[nameOrId] = ValueConverter.ToJson(value);
            return;
        }

        var typed = definition?.TypeName is { } typeName && !definition.IsArray
            ? ValueConverter.Convert(value, TypeAliases.Resolve(typeName))
            : value;
        state.Variables[definition?.Name ?? nameOrId] = ValueConverter.ToJson(typed);
    }

    public JsonNode? GetInput(string name) => state.Input[name];

    public IReadOnlyCollection<string> InputNames => declaredInputs.Union(state.Input.Select(i => i.Key), StringComparer.Ordinal).ToList();

    /// <summary>Declared variables with their default values ("value":"0" for an Int32 → 0).</summary>
    public void Initialize()
    {
        foreach (var definition in definitions)
        {
            state.Variables[definition.Name] = null;
            if (definition.Value is not null)
            {
                SetVariable(definition.Name, definition.Value);
            }
        }
    }

    private VariableDefinition? Find(string nameOrId) =>
        definitions.FirstOrDefault(d => d.Name == nameOrId) ?? definitions.FirstOrDefault(d => d.Id == nameOrId);

    private string NameOf(string nameOrId) => Find(nameOrId)?.Name ?? nameOrId;
}
