using System.Text.Json.Nodes;

namespace Bpm.Engine.Expressions;

/// <summary>What an expression can see: the instance's variables (by name or id) and the workflow input.</summary>
public interface IExpressionScope
{
    /// <summary>The variable's value as stored JSON; null when unset or unknown.</summary>
    JsonNode? GetVariable(string nameOrId);

    void SetVariable(string nameOrId, object? value);

    IReadOnlyCollection<string> VariableNames { get; }

    JsonNode? GetInput(string name);

    /// <summary>The workflow's declared inputs and those given at start, e.g. ["Amount", "TaxpayerId"].</summary>
    IReadOnlyCollection<string> InputNames { get; }
}
