using Bpm.Engine.Metadata;
using Bpm.Engine.Model;

namespace Bpm.Engine.Activities;

/// <summary>
/// Follows the port named after each case whose condition is true (the first only in MatchFirst mode),
/// or "Default" when none is. Cases are stored unwrapped, as Elsa does.
/// </summary>
[Activity("Elsa", "FlowSwitch", Category = "Branching", DisplayName = "Switch", Description = "Evaluate a set of case conditions and schedule the activity for a matching case.")]
[FlowPorts(Outcomes.Default)]
public class FlowSwitch : Activity
{
    [Input(Description = "The cases to evaluate.", UIHint = UIHints.FlowSwitchEditor, IsWrapped = false, Order = 0)]
    public List<SwitchCase> Cases { get; set; } = [];

    [Input(Description = "MatchFirst: the first matching case; MatchAny: every matching case.", DefaultValue = SwitchMode.MatchFirst, Order = 1)]
    public SwitchMode Mode { get; set; } = SwitchMode.MatchFirst;

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var matched = MatchingCases(context).Select(c => c.Label).ToList();
        return ValueTask.FromResult(ActivityResult.Complete(matched.Count == 0 ? [Outcomes.Default] : matched.ToArray()));
    }

    /// <summary>The cases whose condition is true, in order; in MatchFirst mode only the first of them.</summary>
    protected List<SwitchCase> MatchingCases(ActivityExecutionContext context)
    {
        var matched = new List<SwitchCase>();
        foreach (var @case in Cases)
        {
            var condition = ExpressionJson.From(@case.Condition);
            if (condition is not null && context.Evaluate<bool>(condition))
            {
                matched.Add(@case);
                if (Mode == SwitchMode.MatchFirst)
                {
                    break;
                }
            }
        }

        return matched;
    }
}
