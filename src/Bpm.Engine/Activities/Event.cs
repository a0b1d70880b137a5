using System.Text.Json.Nodes;
using Bpm.Engine.Metadata;
using Bpm.Engine.Runtime;

namespace Bpm.Engine.Activities;

/// <summary>
/// Waits for the event <see cref="EventName"/>: bookmark ("Elsa.Event", hash of the name); the event's
/// input becomes <see cref="Result"/>. As the workflow's trigger it completes at once with the workflow input.
/// </summary>
[Activity("Elsa", "Event", Category = "Primitives", Description = "Wait for an event to be published.", Kind = ActivityKind.Trigger)]
public sealed class Event : Activity
{
    public const string BookmarkName = "Elsa.Event";

    [Input(Description = "The name of the event to wait for.")]
    public string EventName { get; set; } = "";

    [Output(Description = "The input the event was published with.")]
    public JsonNode? Result { get; set; }

    /// <summary>The hash a published event "Approved" is matched on.</summary>
    public static string HashOf(string eventName) => Bookmark.ComputeHash(BookmarkName, eventName);

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        if (context.IsTriggerOfWorkflow)
        {
            Result = context.WorkflowInput.DeepClone();
            return ValueTask.FromResult(ActivityResult.Complete());
        }

        var payload = new JsonObject { ["eventName"] = EventName };
        return ValueTask.FromResult(ActivityResult.Suspend(context.CreateBookmark(BookmarkName, payload, hashSource: EventName)));
    }

    public override ValueTask<ActivityResult> OnResumeAsync(ActivityExecutionContext context)
    {
        Result = context.ResumeInput?.DeepClone();
        return ValueTask.FromResult(ActivityResult.Complete());
    }
}
