using System.Text.Json.Nodes;

namespace Bpm.Engine.Activities;

/// <summary>
/// One case of a switch: <c>{"label":"High","condition":{"type":"JavaScript","value":"Amount &gt; 1000"}}</c>; in
/// Elsa.Switch also the embedded <c>"activity"</c> the case runs.
/// </summary>
public sealed class SwitchCase
{
    public string Label { get; set; } = "";
    public JsonNode? Condition { get; set; }

    /// <summary>Elsa.Switch only: the embedded activity to run when the case matches, e.g. <c>{"id":"w1","type":"Elsa.WriteLine",…}</c>.</summary>
    public JsonNode? Activity { get; set; }
}

/// <summary>MatchFirst follows the first true case only; MatchAny follows every true case.</summary>
public enum SwitchMode
{
    MatchFirst,
    MatchAny,
}
