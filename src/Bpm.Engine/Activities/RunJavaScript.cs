using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// Runs a script (ES5.1 on Jint, with the same globals as JavaScript expressions) and stores its value in
/// Result. Outcomes follow Elsa: Done, unless the script calls <c>setOutcome('Approved')</c> or
/// <c>setOutcomes(['Approved', 'Notify'])</c>; the ports offered are PossibleOutcomes. Example: Script
/// <c>if (getVariable('Amount') &gt; 1000) setOutcome('Review'); else setOutcome('Approve');</c>.
/// </summary>
[Activity("Elsa", "RunJavaScript", Category = "Scripting", DisplayName = "Run JavaScript", Description = "Executes JavaScript code")]
public sealed class RunJavaScript : Activity
{
    [Input(Description = "The script to run.", UIHint = UIHints.CodeEditor, Order = 0)]
    public string? Script { get; set; }

    [Input(Description = "A list of possible outcomes.", UIHint = UIHints.DynamicOutcomes, Order = 1)]
    public string[]? PossibleOutcomes { get; set; }

    [Output(Description = "The value of the script.")]
    public object? Result { get; set; }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        if (string.IsNullOrWhiteSpace(Script))
        {
            return ValueTask.FromResult(ActivityResult.Complete());
        }

        string[]? outcomes = null;
        var functions = new Dictionary<string, Delegate>
        {
            ["setOutcome"] = new Action<string>(outcome => outcomes = [outcome]),
            ["setOutcomes"] = new Action<object?[]>(values => outcomes = values.Select(v => v?.ToString() ?? "").ToArray()),
        };
        Result = context.RunJavaScript(Script, functions);
        return ValueTask.FromResult(ActivityResult.Complete(outcomes ?? []));
    }
}
