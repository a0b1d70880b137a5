using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Bpm.Server.Api;

namespace Bpm.Server.Tests;

/// <summary>Signing in as a demo user and talking JSON to the API the way a client would.</summary>
internal static class ApiClient
{
    public const string DemoPassword = "Bpm@2026demo";

    /// <summary>2026-03-02 10:00 in Shanghai: the tests' "now" (a Monday).</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 2, 0, 0, TimeSpan.Zero);

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static async Task<HttpClient> SignedInAsync(this BpmServerFactory factory, string userName)
    {
        var client = factory.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/token", new { userName, password = DemoPassword });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A valid registration at the signed-in user's bureau; change fields by overriding keys.</summary>
    public static Dictionary<string, object?> Registration(string categoryCode, params (string Key, object? Value)[] overrides)
    {
        var body = new Dictionary<string, object?>
        {
            ["taxpayerName"] = "仙桃市某某科技有限公司",
            ["contact"] = "0728-3312345",
            ["text"] = "申请开具增值税专用发票时系统提示额度不足，请协助处理。",
            ["receivedAt"] = Now.AddHours(-1),
            ["channel"] = "Hotline12366",
            ["categoryCode"] = categoryCode,
        };
        foreach (var (key, value) in overrides)
        {
            body[key] = value;
        }

        return body;
    }

    public static async Task<RequestDto> RegisterAsync(this HttpClient client, Dictionary<string, object?> body)
    {
        var response = await client.PostAsJsonAsync("/api/requests", body);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RequestDto>(Json))!;
    }

    public static async Task<RequestPageDto> ListAsync(this HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/requests" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<RequestPageDto>(Json))!;
    }

    public static async Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Two DTOs carry the same values, lists included (records compare lists by reference).</summary>
    public static void Same<T>(T? actual, T expected) =>
        JsonSerializer.Serialize(actual, Json).ShouldBe(JsonSerializer.Serialize(expected, Json));

    /// <summary>The field names of a ValidationProblemDetails' errors.</summary>
    public static IReadOnlyList<string> ErrorFields(this JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal)];
}
