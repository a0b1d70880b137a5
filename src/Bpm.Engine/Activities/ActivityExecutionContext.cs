using System.Text.Json.Nodes;
using Bpm.Engine.Expressions;
using Bpm.Engine.Model;
using Bpm.Engine.Runtime;

namespace Bpm.Engine.Activities;

/// <summary>
/// What an activity sees while it runs: the instance, its variables and input, the clock, and how to make
/// bookmarks. It changes nothing in storage; the runner applies what the activity returns.
/// </summary>
public sealed class ActivityExecutionContext
{
    private readonly IExpressionScope scope;
    private readonly Func<string> newId;
    private readonly WorkflowState state;

    internal ActivityExecutionContext(
        string workflowInstanceId,
        ActivityJson activity,
        string activityInstanceId,
        IExpressionScope scope,
        WorkflowState state,
        TimeProvider timeProvider,
        Func<string> newId,
        bool isTriggerOfWorkflow,
        Bookmark? resumedBookmark,
        JsonNode? resumeInput,
        CancellationToken cancellationToken)
    {
        WorkflowInstanceId = workflowInstanceId;
        Activity = activity;
        ActivityInstanceId = activityInstanceId;
        this.scope = scope;
        this.state = state;
        TimeProvider = timeProvider;
        this.newId = newId;
        IsTriggerOfWorkflow = isTriggerOfWorkflow;
        ResumedBookmark = resumedBookmark;
        ResumeInput = resumeInput;
        CancellationToken = cancellationToken;
    }

    public string WorkflowInstanceId { get; }

    /// <summary>The activity's JSON in the definition (id, nodeId, raw inputs).</summary>
    public ActivityJson Activity { get; }

    /// <summary>New for every execution: a loop that runs an activity three times gives it three ids.</summary>
    public string ActivityInstanceId { get; }

    public JsonObject WorkflowInput => state.Input;
    public TimeProvider TimeProvider { get; }
    public CancellationToken CancellationToken { get; }

    /// <summary>
    /// True when this activity started the instance as its trigger (customProperties.canStartWorkflow), so a
    /// trigger such as Event completes at once instead of waiting for the stimulus that already happened.
    /// </summary>
    public bool IsTriggerOfWorkflow { get; }

    /// <summary>The bookmark being resumed, during <see cref="Activities.Activity.OnResumeAsync"/>.</summary>
    public Bookmark? ResumedBookmark { get; }

    /// <summary>The stimulus given to resume, e.g. <c>{"outcome":"Transfer","data":{…}}</c>.</summary>
    public JsonNode? ResumeInput { get; }

    public bool IsResuming => ResumedBookmark is not null;

    /// <summary>A variable converted to <typeparamref name="T"/>, by name or id; default when unset.</summary>
    public T? GetVariable<T>(string nameOrId) => ValueConverter.Convert<T>(scope.GetVariable(nameOrId));

    /// <summary>A variable as stored JSON.</summary>
    public JsonNode? GetVariable(string nameOrId) => scope.GetVariable(nameOrId);

    public void SetVariable(string nameOrId, object? value) => scope.SetVariable(nameOrId, value);

    public JsonNode? GetInput(string name) => WorkflowInput[name];

    /// <summary>Sets a workflow output, e.g. the final decision.</summary>
    public void SetWorkflowOutput(string name, object? value) => state.Output[name] = ValueConverter.ToJson(value);

    /// <summary>Names the instance (Elsa.SetName), e.g. "Objection R-2024-000123".</summary>
    public void SetWorkflowName(string? name) => state.Name = name;

    /// <summary>Sets the instance's correlation id (Elsa.Correlate), e.g. the request number "R-2024-000123".</summary>
    public void SetCorrelationId(string? correlationId) => state.CorrelationId = correlationId;

    /// <summary>
    /// Runs a script as a JavaScript expression would run (same globals), plus the given host
    /// <paramref name="functions"/>, e.g. <c>{ ["setOutcome"] = (Action&lt;string&gt;)(o => …) }</c>; returns the script's value.
    /// </summary>
    public object? RunJavaScript(string script, IReadOnlyDictionary<string, Delegate> functions) =>
        JavaScriptEvaluator.Evaluate(script, scope, functions);

    /// <summary>Evaluates an expression the activity holds itself (e.g. a FlowSwitch case condition).</summary>
    public T? Evaluate<T>(ExpressionJson expression) => (T?)ExpressionEvaluator.Evaluate(expression, typeof(T), scope);

    /// <summary>A fresh unique id, e.g. for a task id.</summary>
    public string NewId() => newId();

    /// <summary>
    /// A bookmark for this execution; return it in <see cref="ActivityResult.Suspend"/>. Stimuli match on
    /// (name, hash of <paramref name="hashSource"/>): <c>CreateBookmark("Bpm.HumanTask", payload, hashSource: taskId)</c>.
    /// </summary>
    public Bookmark CreateBookmark(string name, JsonNode? payload = null, string? hashSource = null, DateTimeOffset? resumeAt = null) =>
        new()
        {
            Id = newId(),
            Name = name,
            Hash = Bookmark.ComputeHash(name, hashSource),
            Payload = payload,
            ActivityId = Activity.Id,
            ActivityNodeId = Activity.NodeId,
            ActivityInstanceId = ActivityInstanceId,
            ActivityType = Activity.Type,
            CreatedAt = TimeProvider.GetUtcNow(),
            ResumeAt = resumeAt,
        };
}
