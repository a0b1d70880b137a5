namespace Bpm.Engine.Activities;

/// <summary>
/// A step of a workflow. One instance is created (through DI) per execution; the runner assigns the
/// [Input] properties, calls <see cref="ExecuteAsync"/>, and copies [Output] properties to their bound
/// variables. An activity returns what should happen next instead of touching storage:
/// <c>return ActivityResult.Complete("Transfer");</c> or <c>return ActivityResult.Suspend(context.CreateBookmark(...));</c>.
/// </summary>
public abstract class Activity
{
    public abstract ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context);

    /// <summary>
    /// Called when one of this activity's bookmarks is resumed; <see cref="ActivityExecutionContext.ResumeInput"/>
    /// holds the stimulus. Default: complete with "Done". Throw <see cref="ResumeRejectedException"/> to refuse
    /// the input: the runner then leaves the instance (and the bookmark) unchanged.
    /// </summary>
    public virtual ValueTask<ActivityResult> OnResumeAsync(ActivityExecutionContext context) =>
        ValueTask.FromResult(ActivityResult.Complete());
}
