using System.Text.Json.Nodes;
using Bpm.Engine.Metadata;
using Bpm.Engine.Runtime;

namespace Bpm.Engine.Activities;

/// <summary>
/// Asks something outside the engine to do a task: generates <see cref="TaskId"/>, waits on bookmark
/// ("Elsa.RunTask", hash of the task id) with payload {taskId, taskName, payload}; completing the task
/// resumes it with the result, which becomes <see cref="Result"/>.
/// </summary>
[Activity("Elsa", "RunTask", Category = "Primitives", DisplayName = "Run Task", Description = "Request a given task to be run.", Kind = ActivityKind.Task)]
public sealed class RunTask : Activity
{
    public const string BookmarkName = "Elsa.RunTask";

    [Input(Description = "The name of the task being requested.", Order = 0)]
    public string TaskName { get; set; } = "";

    [Input(Description = "Any additional parameters to send to the task.", UIHint = UIHints.JsonEditor, Order = 1)]
    public JsonNode? Payload { get; set; }

    [Output(Description = "The id of the requested task.", Order = 0)]
    public string? TaskId { get; set; }

    [Output(Description = "The result the task was completed with.", Order = 1)]
    public JsonNode? Result { get; set; }

    public static string HashOf(string taskId) => Bookmark.ComputeHash(BookmarkName, taskId);

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        TaskId = context.NewId();
        var payload = new JsonObject { ["taskId"] = TaskId, ["taskName"] = TaskName, ["payload"] = Payload?.DeepClone() };
        return ValueTask.FromResult(ActivityResult.Suspend(context.CreateBookmark(BookmarkName, payload, hashSource: TaskId)));
    }

    public override ValueTask<ActivityResult> OnResumeAsync(ActivityExecutionContext context)
    {
        TaskId = context.ResumedBookmark?.Payload?["taskId"]?.GetValue<string>();
        Result = context.ResumeInput?.DeepClone();
        return ValueTask.FromResult(ActivityResult.Complete());
    }
}
