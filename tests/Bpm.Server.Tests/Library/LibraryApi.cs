using System.Net;
using System.Net.Http.Json;
using Bpm.Server.Api;
using Bpm.Server.Library;

namespace Bpm.Server.Tests.Library;

/// <summary>Registering closed requests and proposing, publishing and reading library items through the JSON API.</summary>
internal static class LibraryApi
{
    /// <summary>The registration tests' invoice text: the source of the published answer in most tests.</summary>
    public const string InvoiceText = "申请开具增值税专用发票时系统提示额度不足，请协助处理。";

    public const string OnTheSpotAnswer = "已指导纳税人通过电子税务局申请调整发票额度，当日办结。";

    /// <summary>A request answered on the spot: closed at registration (category POLICY at Xiantao, ZCYW at Ulanqab and 集宁区).</summary>
    public static Task<RequestDto> RegisterClosedAsync(this HttpClient client, string category, string text = InvoiceText, params (string Key, object? Value)[] more) =>
        client.RegisterAsync(ApiClient.Registration(category, [("text", text), ("onTheSpotAnswer", OnTheSpotAnswer), .. more]));

    public static async Task<LibraryEntryDto> ProposeAsync(this HttpClient client, Guid requestId, string title = "专用发票额度不足的答复口径", string kind = "StandardAnswer")
    {
        var response = await client.PostAsJsonAsync("/api/library", new { sourceRequestId = requestId, kind, title, policyBasis = "《发票管理办法》", tags = new[] { "发票" } });
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<LibraryEntryDto>(ApiClient.Json))!;
    }

    public static async Task<LibraryEntryDto> PublishAsync(this HttpClient approver, Guid entryId)
    {
        var response = await approver.PostAsync($"/api/library/{entryId}/publish", null);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<LibraryEntryDto>(ApiClient.Json))!;
    }

    public static async Task<IReadOnlyList<LibraryEntryDto>> SearchAsync(this HttpClient client, string query = "")
    {
        var response = await client.GetAsync("/api/library" + query);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<List<LibraryEntryDto>>(ApiClient.Json))!;
    }

    public static async Task<IReadOnlyList<SuggestedAnswerDto>> SuggestedAsync(this HttpClient client, Guid requestId)
    {
        var response = await client.GetAsync($"/api/requests/{requestId}/suggested-answers");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<List<SuggestedAnswerDto>>(ApiClient.Json))!;
    }
}
