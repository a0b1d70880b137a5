using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Bpm.Server.Tests.Elsa;

/// <summary>Talks to /elsa/api as Studio's client does and reads answers as raw JSON, so property names are checked case-sensitively.</summary>
internal static class ElsaWireClient
{
    public const string Api = "/elsa/api";

    public static async Task<JsonElement> ElsaGetAsync(this HttpClient client, string path, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.GetAsync(Api + path);
        return await ReadAsync(response, expected);
    }

    /// <summary>Posts JSON with explicit nulls, like Studio (its serializer writes nulls).</summary>
    public static async Task<JsonElement> ElsaPostAsync(this HttpClient client, string path, JsonNode? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsync(Api + path, JsonContent.Create(body));
        return await ReadAsync(response, expected);
    }

    public static async Task<HttpResponseMessage> ElsaDeleteAsync(this HttpClient client, string path) => await client.DeleteAsync(Api + path);

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(expected, text);
        return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Studio's save body: <c>{"model": …, "publish": …}</c>.</summary>
    public static JsonObject SaveBody(JsonNode model, bool? publish) => new() { ["model"] = model.DeepClone(), ["publish"] = publish };

    /// <summary>The model as a mutable node, e.g. to edit it like the designer does before saving.</summary>
    public static JsonObject ToNode(this JsonElement element) => JsonNode.Parse(element.GetRawText())!.AsObject();

    /// <summary>The <c>rel</c>s of a <c>links</c> array.</summary>
    public static IReadOnlyList<string> Rels(this JsonElement owner) =>
        [.. owner.GetProperty("links").EnumerateArray().Select(l => l.GetProperty("rel").GetString()!)];

    /// <summary>Every string under the ProblemDetails' <c>errors</c>, as Studio's snackbar shows them.</summary>
    public static IReadOnlyList<string> ErrorMessages(this JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().SelectMany(p => p.Value.EnumerateArray()).Select(e => e.GetString()!)];
}
