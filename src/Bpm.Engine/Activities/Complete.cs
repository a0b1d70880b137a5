using System.Collections;
using System.Globalization;
using System.Text.Json.Nodes;
using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// Completes the flowchart at once with the given outcomes, as Elsa's Complete does for its composite: pending
/// work on other paths is cancelled and, the flowchart being the root, the workflow finishes with those
/// outcomes. Outcomes "Success" → <c>["Success"]</c>; <c>["Approved","Notify"]</c> (JSON text or a JavaScript
/// array) → both; nothing → <c>["Done"]</c>.
/// </summary>
[Activity("Elsa", "Complete", Category = "Composition", Description = "Signals the current composite activity to complete itself as a whole.", IsTerminal = true)]
public sealed class Complete : Activity
{
    [Input(Description = "The outcome or set of outcomes to complete this activity with.", UIHint = UIHints.OutcomePicker)]
    public object? Outcomes { get; set; }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var outcomes = Interpret(Outcomes).Where(o => !string.IsNullOrEmpty(o)).ToArray();
        return ValueTask.FromResult(ActivityResult.FinishWorkflow(outcomes.Length == 0 ? [Activities.Outcomes.Done] : outcomes));
    }

    /// <summary>A string is one outcome; an array (JSON or .NET) gives one outcome per element.</summary>
    private static IEnumerable<string> Interpret(object? value) => value switch
    {
        null => [],
        string s => [s],
        JsonArray a => a.Select(e => e is JsonValue v && v.TryGetValue<string>(out var s) ? s : e?.ToJsonString() ?? ""),
        JsonValue v when v.TryGetValue<string>(out var s) => [s],
        JsonNode n => [n.ToJsonString()],
        IEnumerable e => e.Cast<object?>().Select(o => Convert.ToString(o, CultureInfo.InvariantCulture) ?? ""),
        _ => [Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""],
    };
}
