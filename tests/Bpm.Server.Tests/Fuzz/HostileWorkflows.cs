using System.Text.Json.Nodes;

namespace Bpm.Server.Tests.Fuzz;

/// <summary>
/// Workflow definitions Studio (or a hand-edited file) could send that must not be published: unknown activity types,
/// dangling connections, no start, JavaScript that does not parse, a loop without a wait, duplicate ids, deep nesting,
/// 10,000 activities, and models whose parts have the wrong JSON type. Each has a name for the failure message.
/// </summary>
internal static class HostileWorkflows
{
    /// <summary>Stands for a lone surrogate (<c>"\ud800"</c>), which a JsonNode cannot hold: <see cref="ToJson"/> writes the real one.</summary>
    private const string LoneSurrogate = "__fuzz_lone_surrogate__";

    /// <summary>The model as JSON text, lone surrogates included.</summary>
    public static string ToJson(JsonNode model) =>
        model.ToJsonString().Replace($"\"{LoneSurrogate}\"", "\"\\ud800\"", StringComparison.Ordinal);

    public static IEnumerable<(string Name, JsonNode Model)> Models()
    {
        yield return ("unknown activity type", Flowchart([Start("s"), Activity("x", "Acme.LaunchMissiles")], [Connect("s", "x")]));
        yield return ("unknown activity version", Flowchart([Start("s"), Activity("x", "Elsa.WriteLine", version: 99)], [Connect("s", "x")]));
        yield return ("script as activity type", Flowchart([Start("s"), Activity("x", HostileValues.Script)], [Connect("s", "x")]));
        yield return ("dangling connection", Flowchart([Start("s"), WriteLine("w")], [Connect("s", "w"), Connect("w", "ghost")]));
        yield return ("dangling source", Flowchart([Start("s"), WriteLine("w")], [Connect("s", "w"), Connect("ghost", "w")]));
        yield return ("no start", Flowchart([WriteLine("a"), WriteLine("b")], [Connect("a", "b"), Connect("b", "a")]));
        yield return ("loop without a wait", Flowchart([Start("s"), WriteLine("a"), WriteLine("b")], [Connect("s", "a"), Connect("a", "b"), Connect("b", "a")]));
        yield return ("self loop", Flowchart([Start("s"), WriteLine("a")], [Connect("s", "a"), Connect("a", "a")]));
        yield return ("decision loop without a wait", Flowchart(
            [Start("s"), Decision("d", "true"), WriteLine("a")], [Connect("s", "d"), Connect("d", "a", "True"), Connect("a", "d")]));
        yield return ("javascript that does not parse", Flowchart([Start("s"), Decision("d", "function (")], [Connect("s", "d")]));
        yield return ("javascript ES6", Flowchart([Start("s"), Decision("d", "(() => true)()")], [Connect("s", "d")]));
        yield return ("javascript with script tag", Flowchart([Start("s"), Decision("d", HostileValues.Script)], [Connect("s", "d")]));
        yield return ("unknown expression syntax", Flowchart([Start("s"), Decision("d", "1", syntax: "Python")], [Connect("s", "d")]));
        yield return ("duplicate ids", Flowchart([Start("s"), WriteLine("w"), WriteLine("w")], [Connect("s", "w")]));
        yield return ("activity without id", Flowchart([Start("s"), new JsonObject { ["type"] = "Elsa.WriteLine", ["version"] = 1 }], []));
        yield return ("nested flowcharts 30 deep", Nested(30));
        yield return ("10,000 activities", Chain(10_000));
        yield return ("10,000 activities in a cycle", Chain(10_000, cyclic: true));

        foreach (var (part, value) in WrongParts())
        {
            var model = Flowchart([Start("s"), WriteLine("w")], [Connect("s", "w")]);
            Set(model, part, JsonNode.Parse(value));
            yield return ($"{part} = {Short(value)}", model);
        }
    }

    /// <summary>Parts of a model replaced by a value of the wrong type (path separated by '/').</summary>
    private static IEnumerable<(string Part, string Value)> WrongParts()
    {
        string[] parts =
        [
            "definitionId", "id", "name", "version", "isPublished", "variables", "options", "customProperties", "root",
            "root/type", "root/id", "root/version", "root/activities", "root/connections", "root/variables",
            "root/activities/1", "root/activities/1/id", "root/activities/1/type", "root/activities/1/version",
            "root/activities/1/customProperties", "root/connections/0", "root/connections/0/source",
            "root/connections/0/source/activity", "root/connections/0/target/port",
        ];
        string[] values = ["null", "5", "\"text\"", "[]", "{}", "true", "-1", $"\"{LoneSurrogate}\"", "[[[[1]]]]", "1e309"];
        foreach (var part in parts)
        {
            foreach (var value in values)
            {
                yield return (part, value);
            }
        }
    }

    public static JsonObject Flowchart(JsonObject[] activities, JsonObject[] connections) => new()
    {
        ["definitionId"] = "",
        ["name"] = "模糊测试流程",
        ["version"] = 1,
        ["toolVersion"] = "3.8.2.0",
        ["root"] = new JsonObject
        {
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["id"] = "flow1",
            ["activities"] = new JsonArray([.. activities]),
            ["connections"] = new JsonArray([.. connections]),
        },
    };

    public static JsonObject Start(string id) => Activity(id, "Elsa.Start");

    public static JsonObject WriteLine(string id) => Activity(id, "Elsa.WriteLine");

    public static JsonObject Decision(string id, string script, string syntax = "JavaScript")
    {
        var decision = Activity(id, "Elsa.FlowDecision");
        decision["condition"] = new JsonObject
        {
            ["typeName"] = "Boolean",
            ["expression"] = new JsonObject { ["type"] = syntax, ["value"] = script },
        };
        return decision;
    }

    public static JsonObject Activity(string id, string type, int version = 1) => new()
    {
        ["id"] = id,
        ["type"] = type,
        ["version"] = version,
        ["customProperties"] = new JsonObject(),
    };

    public static JsonObject Connect(string source, string target, string sourcePort = "Done") => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = sourcePort },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };

    private static JsonObject Nested(int depth)
    {
        var inner = Flowchart([Start("s0"), WriteLine("w0")], [Connect("s0", "w0")])["root"]!.AsObject();
        for (var level = 1; level < depth; level++)
        {
            var outer = Activity($"f{level}", "Elsa.Flowchart");
            outer["activities"] = new JsonArray(inner.DeepClone(), Start($"s{level}"));
            outer["connections"] = new JsonArray(Connect($"s{level}", inner["id"]!.GetValue<string>()));
            outer["activities"]![0]!["id"] = $"n{level}";
            outer["connections"]![0]!["target"]!["activity"] = $"n{level}";
            inner = outer;
        }

        var model = Flowchart([], []);
        model["root"]!["activities"] = new JsonArray(inner, Start("top"));
        model["root"]!["connections"] = new JsonArray(Connect("top", inner["id"]!.GetValue<string>()));
        return model;
    }

    private static JsonObject Chain(int count, bool cyclic = false)
    {
        var activities = new List<JsonObject> { Start("s") };
        var connections = new List<JsonObject> { Connect("s", "a0") };
        for (var i = 0; i < count; i++)
        {
            activities.Add(WriteLine($"a{i}"));
            if (i > 0)
            {
                connections.Add(Connect($"a{i - 1}", $"a{i}"));
            }
        }

        if (cyclic)
        {
            connections.Add(Connect($"a{count - 1}", "a0"));
        }

        return Flowchart([.. activities], [.. connections]);
    }

    private static void Set(JsonNode model, string path, JsonNode? value)
    {
        var steps = path.Split('/');
        var parent = model;
        foreach (var step in steps[..^1])
        {
            parent = int.TryParse(step, out var index) ? parent[index]! : parent[step]!;
        }

        var last = steps[^1];
        if (int.TryParse(last, out var at))
        {
            parent.AsArray()[at] = value;
        }
        else
        {
            parent[last] = value;
        }
    }

    private static string Short(string value) => value.Length > 12 ? value[..12] + "…" : value;
}
