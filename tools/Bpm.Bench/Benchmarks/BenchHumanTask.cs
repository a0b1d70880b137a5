using System.Text.Json.Nodes;
using Bpm.Engine.Activities;
using Bpm.Engine.Metadata;

namespace Bpm.Bench.Benchmarks;

/// <summary>
/// A bench-only human task, like the engine tests' ApproveTask: suspends on a bookmark named
/// <see cref="BookmarkName"/> with the new task's id in the payload, and completes with the resume input's
/// "outcome" (default Done). Nothing else: the benchmark measures the engine, not an activity.
/// </summary>
[Activity("Bench", "HumanTask", Category = "BPM", DisplayName = "Human task", Description = "Waits for a person.", Kind = ActivityKind.Task)]
public sealed class BenchHumanTask : Activity
{
    public const string BookmarkName = "Bench.HumanTask";

    [Input(Description = "Who must handle the request.")]
    public string Assignee { get; set; } = "";

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var taskId = context.NewId();
        var payload = new JsonObject { ["taskId"] = taskId, ["assignee"] = Assignee };
        return ValueTask.FromResult(ActivityResult.Suspend(context.CreateBookmark(BookmarkName, payload, hashSource: taskId)));
    }

    public override ValueTask<ActivityResult> OnResumeAsync(ActivityExecutionContext context) =>
        ValueTask.FromResult(ActivityResult.Complete(context.ResumeInput?["outcome"]?.GetValue<string>() ?? "Done"));
}
