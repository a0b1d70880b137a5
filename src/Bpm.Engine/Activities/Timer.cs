using System.Text.Json.Nodes;
using Bpm.Engine.Metadata;

namespace Bpm.Engine.Activities;

/// <summary>
/// As a trigger it starts an instance (and then completes at once); inside a flow it waits one
/// <see cref="Interval"/> like <see cref="Delay"/>, on a bookmark named "Elsa.Timer".
/// </summary>
[Activity("Elsa", "Timer", Category = "Scheduling", Description = "Trigger workflow execution at a specific interval.", Kind = ActivityKind.Trigger)]
public sealed class Timer : Activity
{
    public const string BookmarkName = "Elsa.Timer";

    [Input(Description = "The interval, e.g. 00:01:00.", DefaultValue = "00:01:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow)
        {
            return ValueTask.FromResult(ActivityResult.Complete());
        }

        var resumeAt = context.TimeProvider.GetUtcNow() + Interval;
        var payload = new JsonObject { ["resumeAt"] = resumeAt };
        return ValueTask.FromResult(ActivityResult.Suspend(
            context.CreateBookmark(BookmarkName, payload, hashSource: context.ActivityInstanceId, resumeAt: resumeAt)));
    }
}
