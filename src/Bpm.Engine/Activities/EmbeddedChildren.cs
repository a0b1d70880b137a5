using System.Text.Json.Nodes;

namespace Bpm.Engine.Activities;

/// <summary>Reads the ids of embedded child activities, e.g. <c>{"then":{"id":"w1",…}}</c> → ["w1"].</summary>
internal static class EmbeddedChildren
{
    /// <summary>The ids of the activity objects given (nulls and non-objects are ignored).</summary>
    public static IReadOnlyList<string> Ids(params JsonNode?[] children) =>
        children.OfType<JsonObject>().Select(c => c["id"]).OfType<JsonValue>()
            .Select(v => v.TryGetValue<string>(out var id) ? id : null).OfType<string>().ToList();
}
