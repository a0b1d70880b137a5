using System.Text.Json.Nodes;
using Bpm.Engine.Activities;
using Bpm.Engine.Metadata;

namespace Bpm.Engine.Tests;

public enum Priority
{
    Low,
    Normal,
    High,
}

/// <summary>
/// A human task as another assembly would write one: waits on "Test.Approve" with the task id in the
/// payload, and on resume takes <c>{"outcome":"Transfer","data":{…}}</c>, refusing outcomes it does not offer.
/// </summary>
[Activity("Test", "Approve", Category = "BPM", DisplayName = "Approve Request", Description = "A human task.", Kind = ActivityKind.Task)]
[FlowPorts("Done", "Transfer")]
public sealed class ApproveTask : Activity
{
    public const string BookmarkName = "Test.Approve";
    private static readonly string[] Offered = ["Done", "Transfer"];

    [Input(Description = "Who must handle the request.", Order = 0)]
    public string Assignee { get; set; } = "";

    [Input(UIHint = UIHints.MultiLine, Order = 1)]
    public string? Notes { get; set; }

    [Input(DefaultValue = Priority.Normal, Order = 2)]
    public Priority Priority { get; set; } = Priority.Normal;

    [Input(Order = 3)]
    public bool Urgent { get; set; }

    [Output]
    public JsonNode? Result { get; set; }

    public override ValueTask<ActivityResult> ExecuteAsync(ActivityExecutionContext context)
    {
        var taskId = context.NewId();
        var payload = new JsonObject { ["taskId"] = taskId, ["assignee"] = Assignee, ["priority"] = Priority.ToString() };
        return ValueTask.FromResult(ActivityResult.Suspend(context.CreateBookmark(BookmarkName, payload, hashSource: taskId)));
    }

    public override ValueTask<ActivityResult> OnResumeAsync(ActivityExecutionContext context)
    {
        var outcome = context.ResumeInput?["outcome"]?.GetValue<string>();
        if (outcome is null || !Offered.Contains(outcome))
        {
            throw new ResumeRejectedException($"Outcome '{outcome}' is not one of {string.Join(", ", Offered)}.");
        }

        Result = context.ResumeInput?["data"]?.DeepClone();
        return ValueTask.FromResult(ActivityResult.Complete(outcome));
    }
}
