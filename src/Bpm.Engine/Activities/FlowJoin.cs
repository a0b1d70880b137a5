using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// Merges branches. The runner decides when it runs (see <see cref="Runtime.WorkflowRunner"/>):
/// WaitAll once every inbound connection has been reached (followed, or ruled out because its source took
/// another outcome) and at least one was followed; WaitAny on the first followed arrival, cancelling the
/// blocking activities still open on the other inbound branches.
/// </summary>
[Activity("Elsa", "FlowJoin", Category = "Branching", DisplayName = "Join", Description = "Merge multiple branches into a single branch of execution.")]
public sealed class FlowJoin : Activity
{
    public const string TypeName = "Elsa.FlowJoin";

    [Input(Description = "WaitAny: continue on the first inbound path; WaitAll: once all inbound paths have executed.", DefaultValue = FlowJoinMode.WaitAny)]
    public FlowJoinMode Mode { get; set; } = FlowJoinMode.WaitAny;

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context) => ValueTask.FromResult(ActivityResult.Complete());
}

public enum FlowJoinMode
{
    WaitAny,
    WaitAll,
}
