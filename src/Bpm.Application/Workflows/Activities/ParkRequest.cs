using System.Text.Json.Nodes;
using Bpm.Domain.Requests;
using Bpm.Domain.Sla;
using Bpm.Engine.Activities;
using Bpm.Engine.Metadata;

namespace Bpm.Application.Workflows.Activities;

/// <summary>
/// 长期跟踪: a policy proposal or system change that cannot be solved soon is recorded and parked; the
/// tax-service department resumes it when conditions allow. No deadline runs while parked.
/// </summary>
[Activity("Bpm", "ParkRequest", Category = BpmCategory.Name, DisplayName = "长期跟踪 Park", Description = "Park a long-term item until conditions allow.", Kind = ActivityKind.Task)]
[FlowPorts(Resumed)]
public sealed class ParkRequest(RequestWorkflowContext request) : TaskActivity(request)
{
    public const string Resumed = "Resumed";

    private static readonly JsonArray Fields =
    [
        new JsonObject { ["name"] = "note", ["label"] = "条件成熟说明", ["type"] = "multiline", ["required"] = true },
    ];

    protected override string TaskTitle => "长期跟踪";

    protected override TaskAssignee TaskAssignee => TaskAssignee.TaxService;

    protected override TaskRole TaskRole => TaskRole.Handler;

    protected override IReadOnlyList<string> TaskOutcomes => [Resumed];

    protected override JsonNode? TaskForm => Fields;

    protected override SlaStep? TaskSlaStep => null;

    protected override void OnOpening(ActivityExecutionContext context, DateTimeOffset now) =>
        Request.MoveRequestTo(RequestStatus.Parked, now);
}
