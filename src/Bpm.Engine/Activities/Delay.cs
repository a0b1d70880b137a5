using System.Text.Json.Nodes;
using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// Waits for <see cref="TimeSpan"/>: a bookmark "Elsa.Delay" with resumeAt = now + span (started 10:00 with
/// 00:05:00 → resumes at 10:05); the host's timer scheduler resumes it when due.
/// </summary>
[Activity("Elsa", "Delay", Category = "Scheduling", Description = "Delay execution for the specified amount of time.")]
public sealed class Delay : Activity
{
    public const string BookmarkName = "Elsa.Delay";

    [Input(Description = "How long to wait, e.g. 00:05:00.", DefaultValue = "00:01:00")]
    public TimeSpan TimeSpan { get; set; } = TimeSpan.FromMinutes(1);

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var resumeAt = context.TimeProvider.GetUtcNow() + TimeSpan;
        var payload = new JsonObject { ["resumeAt"] = resumeAt };
        return ValueTask.FromResult(ActivityResult.Suspend(
            context.CreateBookmark(BookmarkName, payload, hashSource: context.ActivityInstanceId, resumeAt: resumeAt)));
    }
}
