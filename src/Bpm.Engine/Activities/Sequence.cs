using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// Elsa's Sequence: runs its <c>activities</c> one after the other, whatever outcome each completes with, and
/// completes with "Done" after the last, e.g. [WriteLine "a", RunTask, WriteLine "b"] writes "a", waits for the task,
/// then writes "b". The runner walks it itself, as the root or embedded; it is never executed as a step.
/// </summary>
[Activity("Elsa", "Sequence", Category = "Workflows", Description = "Execute a set of activities in sequence.",
    IsContainer = true, IsBrowsable = false)]
public sealed class Sequence : Activity
{
    public const string TypeName = "Elsa.Sequence";

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) =>
        throw new NotSupportedException("The runner schedules a sequence's activities itself; it is never executed as a step.");
}
