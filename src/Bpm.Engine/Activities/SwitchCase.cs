using System.Text.Json.Nodes;

namespace Bpm.Engine.Activities;

/// <summary>One case of a switch: <c>{"label":"High","condition":{"type":"JavaScript","value":"Amount &gt; 1000"}}</c>.</summary>
public sealed class SwitchCase
{
    public string Label { get; set; } = "";
    public JsonNode? Condition { get; set; }
}

/// <summary>MatchFirst follows the first true case only; MatchAny follows every true case.</summary>
public enum SwitchMode
{
    MatchFirst,
    MatchAny,
}
