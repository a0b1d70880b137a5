using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Bpm.Browser.Tests;

/// <summary>The few /api calls the browser scenarios need around Studio: register a request, read it, complete a task.</summary>
public static class RequestsApi
{
    /// <summary>A request at the signed-in user's bureau in category <paramref name="categoryCode"/> (Xiantao: "OTHER" → workflow "other").</summary>
    public static async Task<JsonElement> RegisterAsync(HttpClient client, string categoryCode)
    {
        var response = await client.PostAsJsonAsync("/api/requests", new
        {
            taxpayerName = "仙桃市某某科技有限公司",
            contact = "0728-3312345",
            text = "咨询发票领用问题。",
            receivedAt = DateTimeOffset.UtcNow.AddMinutes(-5),
            channel = "Hotline12366",
            categoryCode,
        });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public static async Task<JsonElement> GetAsync(HttpClient client, string requestId) =>
        await client.GetFromJsonAsync<JsonElement>($"/api/requests/{requestId}");

    /// <summary>Completes the request's one open task with <paramref name="outcome"/> and the form data given.</summary>
    public static async Task CompleteOpenTaskAsync(HttpClient client, string requestId, string outcome, object data)
    {
        var request = await GetAsync(client, requestId);
        var task = request.GetProperty("tasks").EnumerateArray().Single(t => t.GetProperty("status").GetString() == "Open");
        var response = await client.PostAsJsonAsync($"/api/tasks/{task.GetProperty("id").GetString()}/complete", new { outcome, data });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
    }
}
