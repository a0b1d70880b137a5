using Bpm.Engine.Runtime;

namespace Bpm.Engine.Activities;

/// <summary>
/// What an activity asks the runner to do next: follow the connections of some outcomes, wait on
/// bookmarks, or finish the whole workflow.
/// </summary>
public sealed class ActivityResult
{
    private ActivityResult(ActivityResultKind kind, IReadOnlyList<string> outcomes, IReadOnlyList<Bookmark> bookmarks)
    {
        Kind = kind;
        Outcomes = outcomes;
        Bookmarks = bookmarks;
    }

    public ActivityResultKind Kind { get; }

    /// <summary>The ports to follow when completed, e.g. ["True", "Done"] for If; when finishing, the workflow's outcomes.</summary>
    public IReadOnlyList<string> Outcomes { get; }

    /// <summary>The bookmarks to wait on when suspended.</summary>
    public IReadOnlyList<Bookmark> Bookmarks { get; }

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
}

public enum ActivityResultKind
{
    Completed,
    Suspended,
    FinishWorkflow,
}
