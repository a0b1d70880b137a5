using Bpm.Engine.Runtime;

namespace Bpm.Engine.Activities;

/// <summary>
/// What an activity asks the runner to do next: follow the connections of some outcomes, wait on
/// bookmarks, or finish the whole workflow.
/// </summary>
public sealed class ActivityResult
{
    private ActivityResult(ActivityResultKind kind, IReadOnlyList<string> outcomes, IReadOnlyList<Bookmark> bookmarks,
        IReadOnlyList<string>? children = null, ChildCompletion completion = ChildCompletion.All)
    {
        Kind = kind;
        Outcomes = outcomes;
        Bookmarks = bookmarks;
        Children = children ?? [];
        Completion = completion;
    }

    public ActivityResultKind Kind { get; }

    /// <summary>The ports to follow when completed, e.g. ["True", "Done"] for If; when finishing, the workflow's outcomes.</summary>
    public IReadOnlyList<string> Outcomes { get; }

    /// <summary>The bookmarks to wait on when suspended.</summary>
    public IReadOnlyList<Bookmark> Bookmarks { get; }

    /// <summary>The embedded child activities (by id) to run when scheduling children, e.g. an If's "then" activity.</summary>
    public IReadOnlyList<string> Children { get; }

    /// <summary>When scheduled children make this activity complete: all of them (All) or the first one (Any).</summary>
    public ChildCompletion Completion { get; }

    /// <summary>Completes with the given outcomes; none means "Done".</summary>
    public static ActivityResult Complete(params string[] outcomes) =>
        new(ActivityResultKind.Completed, outcomes.Length == 0 ? [Activities.Outcomes.Done] : outcomes, []);

    /// <summary>Completes with no outcome: no outbound connection is followed (the path ends here).</summary>
    public static ActivityResult CompleteWithoutOutcome() => new(ActivityResultKind.Completed, [], []);

    /// <summary>Waits until one of the bookmarks (made with <see cref="ActivityExecutionContext.CreateBookmark"/>) is resumed.</summary>
    public static ActivityResult Suspend(params Bookmark[] bookmarks) =>
        bookmarks.Length == 0
            ? throw new ArgumentException("Suspending needs at least one bookmark, or the activity would wait forever.", nameof(bookmarks))
            : new(ActivityResultKind.Suspended, [], bookmarks);

    /// <summary>
    /// Finishes the whole workflow now, cancelling every other pending path and bookmark. Outcomes, if given,
    /// become the workflow's outcomes (<see cref="Runtime.WorkflowState.Outcomes"/>): Elsa.Complete with "Success"
    /// finishes the instance with outcomes ["Success"].
    /// </summary>
    public static ActivityResult FinishWorkflow(params string[] outcomes) => new(ActivityResultKind.FinishWorkflow, outcomes, []);

    /// <summary>
    /// Runs embedded children (ids from the activity's JSON) and completes with "Done" once they are done, as Elsa's
    /// containers do: an If whose condition holds runs its "then" activity and completes when that completes; a Fork
    /// in WaitAny mode completes when its first branch completes, cancelling the others. No children: completes at once.
    /// </summary>
    public static ActivityResult ScheduleChildren(IReadOnlyList<string> childIds, ChildCompletion completion = ChildCompletion.All) =>
        childIds.Count == 0 ? Complete() : new(ActivityResultKind.ScheduleChildren, [], [], childIds, completion);
}

public enum ActivityResultKind
{
    Completed,
    Suspended,
    FinishWorkflow,
    ScheduleChildren,
}

/// <summary>When a container whose children were scheduled completes: after all of them, or after the first (Fork WaitAny).</summary>
public enum ChildCompletion
{
    All,
    Any,
}
