using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bpm.Chaos;

/// <summary>
/// The workflows the drill's servers import: the repository's workflows/ as they are, except that POLICY waits a few
/// seconds (an Elsa.Delay) between 受理登记 → Transfer and 分派. Real SLA ladders fall due days away; this puts a workflow
/// timer (a DueTimer of kind ResumeBookmark, through the same outbox → Quartz → DueTimerBatch path as the escalation
/// rungs) behind every completed 受理登记 during the run. A lost timer leaves a request without its 分派 task; a timer
/// applied twice opens two.
/// </summary>
public static class DrillWorkflows
{
    public const string DelayActivityId = "chaosdrilldelay1";

    /// <summary>Where the POLICY flow goes after 受理登记 → Transfer (SetRequestStatus), then on to 分派.</summary>
    private const string AfterTransferActivityId = "7eb1f17c27eddeae";

    public static string Write(string repositoryRoot, string folder, TimeSpan delay)
    {
        Directory.CreateDirectory(folder);
        foreach (var file in Directory.GetFiles(Path.Combine(repositoryRoot, "workflows"), "*.json"))
        {
            File.Copy(file, Path.Combine(folder, Path.GetFileName(file)), overwrite: true);
        }

        var policyPath = Path.Combine(folder, "policy.json");
        var policy = JsonNode.Parse(File.ReadAllText(policyPath))!;
        var root = policy["root"]!;
        var connections = root["connections"]!.AsArray();
        var onward = connections.Single(c => c!["source"]!["activity"]!.GetValue<string>() == AfterTransferActivityId);
        var target = onward!["target"]!["activity"]!.GetValue<string>();
        onward["target"] = new JsonObject { ["activity"] = DelayActivityId, ["port"] = "In" };
        connections.Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = DelayActivityId, ["port"] = "Done" },
            ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
            ["vertices"] = new JsonArray(),
        });
        root["activities"]!.AsArray().Add(new JsonObject
        {
            ["id"] = DelayActivityId,
            ["nodeId"] = $"{root["nodeId"]!.GetValue<string>()}:{DelayActivityId}",
            ["name"] = "DrillDelay1",
            ["type"] = "Elsa.Delay",
            ["version"] = 1,
            ["customProperties"] = new JsonObject(),
            ["metadata"] = new JsonObject(),
            ["timeSpan"] = new JsonObject
            {
                ["typeName"] = "TimeSpan",
                ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = delay.ToString("c", System.Globalization.CultureInfo.InvariantCulture) },
            },
        });
        File.WriteAllText(policyPath, policy.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        return folder;
    }
}
