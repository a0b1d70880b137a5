using Bpm.Engine.Activities;
namespace Bpm.Engine.Runtime;

/// <summary>
/// What one run (a start or a resume) produced. The caller persists <see cref="State"/>, appends
/// <see cref="Journal"/>, stores <see cref="CreatedBookmarks"/>, deletes <see cref="RemovedBookmarks"/>, and
/// (de)schedules timers for the bookmarks that have a ResumeAt.
/// </summary>
public sealed class WorkflowExecutionResult
{
    public required WorkflowState State { get; init; }
    public IReadOnlyList<ActivityExecutionRecord> Journal { get; init; } = [];

    /// <summary>Bookmarks made in this run and still open at its end.</summary>
    public IReadOnlyList<Bookmark> CreatedBookmarks { get; init; } = [];

    /// <summary>Bookmarks that existed before this run and are gone now: resumed (burnt) or cancelled.</summary>
    public IReadOnlyList<Bookmark> RemovedBookmarks { get; init; } = [];

    /// <summary>Set when the activity refused the resume input; the state is then the one given, unchanged.</summary>
    public string? RejectionReason { get; init; }

    /// <summary>The refusal itself, so a host can read what its own activities put in it (e.g. field errors).</summary>
    public ResumeRejectedException? Rejection { get; init; }

    public bool IsRejected => RejectionReason is not null;

    public IEnumerable<Bookmark> TimersToSchedule => CreatedBookmarks.Where(b => b.ResumeAt is not null);

    public IEnumerable<Bookmark> TimersToCancel => RemovedBookmarks.Where(b => b.ResumeAt is not null);
}
