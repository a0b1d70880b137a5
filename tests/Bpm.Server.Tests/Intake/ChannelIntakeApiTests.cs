using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Bpm.Domain.Requests;
using Bpm.Server.Api;
using Bpm.Server.Intake;
using Bpm.Testing;

namespace Bpm.Server.Tests.Intake;

/// <summary>
/// <c>POST /api/intake/{channel}</c> as the 12345 government hotline's system posts: its own field names, its own API key,
/// an Idempotency-Key per call. The settings below are the ones a bureau would write for it.
/// </summary>
public sealed class ChannelIntakeApiTests : IDisposable
{
    private const string HotlineKey = "hotline-12345-test-key";
    private const string TaxHotlineKey = "tax-12366-test-key";

    private static readonly Dictionary<string, string?> Settings = new()
    {
        ["Intake:Channels:12345:Channel"] = "Hotline12345",
        ["Intake:Channels:12345:ApiKeys:0"] = HotlineKey,
        ["Intake:Channels:12345:BureauCode"] = "xiantao",
        ["Intake:Channels:12345:UnitCode"] = "nsfwk",
        ["Intake:Channels:12345:CategoryCode"] = "OTHER",
        ["Intake:Channels:12345:Officer"] = "12345热线接口",
        ["Intake:Channels:12345:Fields:taxpayerName"] = "sqrmc",
        ["Intake:Channels:12345:Fields:contact"] = "lxdh",
        ["Intake:Channels:12345:Fields:text"] = "sqnr",
        ["Intake:Channels:12345:Fields:receivedAt"] = "slsj",
        ["Intake:Channels:12366:Channel"] = "Hotline12366",
        ["Intake:Channels:12366:ApiKeys:0"] = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(TaxHotlineKey))),
        ["Intake:Channels:12366:BureauCode"] = "xiantao",
        ["Intake:Channels:12366:UnitCode"] = "nsfwk",
        ["Intake:Channels:12366:CategoryCode"] = "OTHER",
        ["Intake:Channels:12366:Officer"] = "12366热线接口",
    };

    private readonly BpmServerFactory _factory = new(Settings, time: new ManualTimeProvider(ApiClient.Now));

    private static Dictionary<string, object?> HotlinePost(params (string Key, object? Value)[] overrides)
    {
        var body = new Dictionary<string, object?>
        {
            ["sqrmc"] = "仙桃市某某商贸有限公司",
            ["lxdh"] = "13812345678",
            ["sqnr"] = "来电反映电子税务局无法提交增值税申报，请尽快处理。",
            ["slsj"] = "2026-03-02 09:31:00",
        };
        foreach (var (key, value) in overrides)
        {
            body[key] = value;
        }

        return body;
    }

    private HttpClient Channel(string? apiKey = HotlineKey)
    {
        var client = _factory.CreateClient();
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Add(IntakeEndpoints.ApiKeyHeader, apiKey);
        }

        return client;
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string channel, string? idempotencyKey, object body)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, $"/api/intake/{channel}") { Content = JsonContent.Create(body) };
        if (idempotencyKey is not null)
        {
            message.Headers.Add(IntakeEndpoints.IdempotencyKeyHeader, idempotencyKey);
        }

        return client.SendAsync(message);
    }

    private async Task<int> RequestCountAsync()
    {
        var admin = await _factory.SignedInAsync("xt.admin");
        return (await admin.ListAsync()).TotalCount;
    }

    [Fact]
    public async Task A_retry_with_the_same_key_finds_the_first_request_instead_of_registering_another()
    {
        var hotline = Channel();

        var first = await PostAsync(hotline, "12345", "12345-20260302-000731", HotlinePost());
        var firstBody = await first.Content.ReadAsStringAsync();
        first.StatusCode.ShouldBe(HttpStatusCode.Created, firstBody);
        var accepted = JsonSerializer.Deserialize<IntakeAcceptedDto>(firstBody, ApiClient.Json)!;
        accepted.Number.ShouldBe("XT-2026-000001");
        first.Headers.Location!.ToString().ShouldBe($"/api/requests/{accepted.RequestId}");
        first.Headers.Contains(IntakeEndpoints.ReplayedHeader).ShouldBeFalse();

        var retry = await PostAsync(hotline, "12345", "12345-20260302-000731", HotlinePost());

        retry.StatusCode.ShouldBe(HttpStatusCode.OK);
        retry.Headers.GetValues(IntakeEndpoints.ReplayedHeader).ShouldBe(["true"]);
        (await retry.Content.ReadAsStringAsync()).ShouldBe(firstBody);
        (await RequestCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task The_12345_fields_are_read_through_the_channel_mapping_and_the_workflow_starts()
    {
        var response = await PostAsync(Channel(), "12345", "k-1", HotlinePost());
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());

        var handler = await _factory.SignedInAsync("xt.dispatcher");
        var request = (await handler.GetFromJsonAsync<RequestDto>(response.Headers.Location, ApiClient.Json))!;
        request.TaxpayerName.ShouldBe("仙桃市某某商贸有限公司");
        request.Contact.ShouldBe("13812345678");
        request.Text.ShouldBe("来电反映电子税务局无法提交增值税申报，请尽快处理。");
        request.ReceivedAt.ShouldBe(new DateTimeOffset(2026, 3, 2, 1, 31, 0, TimeSpan.Zero)); // 09:31 in Xiantao
        request.Channel.ShouldBe(Bpm.Domain.Requests.Channel.Hotline12345);
        request.CategoryCode.ShouldBe("OTHER");
        request.ReceivingUnit!.Code.ShouldBe("nsfwk");
        request.ReceivingOfficer.ShouldBe("12345热线接口");
        request.Bureau.Code.ShouldBe("xiantao");
        request.Status.ShouldBe(RequestStatus.Registered);
        request.WorkflowInstanceId.ShouldNotBeNull();
        request.Tasks.ShouldNotBeEmpty();
    }

    [Fact]
    public async Task The_same_key_with_other_fields_is_refused_with_422_and_registers_nothing()
    {
        var hotline = Channel();
        (await PostAsync(hotline, "12345", "k-2", HotlinePost())).StatusCode.ShouldBe(HttpStatusCode.Created);

        var other = await PostAsync(hotline, "12345", "k-2", HotlinePost(("sqnr", "另一个诉求：发票领用额度不足。")));

        var problem = await other.ProblemAsync(HttpStatusCode.UnprocessableEntity);
        problem.GetProperty("title").GetString().ShouldBe("Idempotency-Key 已用于另一个诉求");
        problem.GetProperty("requestNumber").GetString().ShouldBe("XT-2026-000001");
        (await RequestCountAsync()).ShouldBe(1);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    [InlineData(TaxHotlineKey)] // the 12366 key is valid only for 12366
    public async Task A_missing_or_wrong_api_key_or_one_of_another_channel_gets_401_and_nothing_is_stored(string? apiKey)
    {
        var response = await PostAsync(Channel(apiKey), "12345", "k-3", HotlinePost());

        var problem = await response.ProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("title").GetString()!.ShouldContain("X-Api-Key");
        (await RequestCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task A_hashed_key_in_the_settings_accepts_the_key_it_was_made_from_and_12366_posts_under_its_shipped_field_names()
    {
        var response = await PostAsync(Channel(TaxHotlineKey), "12366", "k-4", new { nsrmc = "张三", lxdh = "13912345678", sqnr = "个税汇算退税进度查询。", ldsj = "2026-03-02T09:00:00+08:00" });

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        var handler = await _factory.SignedInAsync("xt.dispatcher");
        var request = (await handler.GetFromJsonAsync<RequestDto>(response.Headers.Location, ApiClient.Json))!;
        (request.TaxpayerName, request.Channel, request.ReceivingOfficer).ShouldBe(("张三", Bpm.Domain.Requests.Channel.Hotline12366, "12366热线接口"));
        request.ReceivedAt.ShouldBe(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
    }

    [Fact]
    public async Task An_unknown_channel_is_404()
    {
        var response = await PostAsync(Channel(), "fax", "k-5", HotlinePost());

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("含中文的键")]
    public async Task A_missing_or_malformed_idempotency_key_is_400_naming_the_header(string? idempotencyKey)
    {
        var response = await PostAsync(Channel(), "12345", idempotencyKey, HotlinePost());

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe([IntakeEndpoints.IdempotencyKeyHeader]);
        (await RequestCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Bad_fields_are_400_under_the_channels_own_field_names_with_ours_beside_them_and_nothing_is_stored()
    {
        var response = await PostAsync(Channel(), "12345", "k-6", HotlinePost(("sqrmc", " "), ("lxdh", "12345"), ("slsj", "昨天上午")));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["lxdh", "slsj", "sqrmc"]);
        problem.GetProperty("errors").GetProperty("sqrmc")[0].GetString().ShouldBe("纳税人名称不能为空");
        problem.GetProperty("errors").GetProperty("slsj")[0].GetString()!.ShouldContain("时间格式不正确");
        var fields = problem.GetProperty("fields").EnumerateArray().ToDictionary(f => f.GetProperty("field").GetString()!, f => f.GetProperty("ours").GetString());
        fields["sqrmc"].ShouldBe("taxpayerName");
        fields["lxdh"].ShouldBe("contact");
        fields["slsj"].ShouldBe("receivedAt");
        (await RequestCountAsync()).ShouldBe(0);

        var fixedRetry = await PostAsync(Channel(), "12345", "k-6", HotlinePost());
        fixedRetry.StatusCode.ShouldBe(HttpStatusCode.Created, "a refused post uses no key");
    }

    [Fact]
    public async Task A_bureau_the_channel_may_not_post_to_is_refused_on_the_bureau_field()
    {
        var response = await PostAsync(Channel(), "12345", "k-7", HotlinePost(("bureau", "ulanqab")));

        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        problem.ErrorFields().ShouldBe(["bureau"]);
        (await RequestCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task Identical_posts_at_the_same_moment_register_one_request_and_all_answer_with_it()
    {
        var posts = Enumerable.Range(0, 6).Select(_ => PostAsync(Channel(), "12345", "12345-same-moment", HotlinePost()));

        var responses = await Task.WhenAll(posts);

        var statuses = responses.Select(r => r.StatusCode).ToList();
        statuses.Count(s => s == HttpStatusCode.Created).ShouldBe(1);
        statuses.Count(s => s == HttpStatusCode.OK).ShouldBe(5);
        var numbers = await Task.WhenAll(responses.Select(async r => (await r.Content.ReadFromJsonAsync<IntakeAcceptedDto>(ApiClient.Json))!.Number));
        numbers.Distinct().ShouldBe(["XT-2026-000001"]);
        (await RequestCountAsync()).ShouldBe(1);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }

    [Fact]
    public async Task A_channel_posting_faster_than_its_limit_gets_429_with_Retry_After_and_the_excess_is_not_registered()
    {
        var limited = new BpmServerFactory(new Dictionary<string, string?>(Settings) { ["Limits:IntakePerMinute"] = "2" }, time: new ManualTimeProvider(ApiClient.Now));
        try
        {
            var hotline = limited.CreateClient();
            hotline.DefaultRequestHeaders.Add(IntakeEndpoints.ApiKeyHeader, HotlineKey);

            (await PostAsync(hotline, "12345", "burst-1", HotlinePost())).StatusCode.ShouldBe(HttpStatusCode.Created);
            (await PostAsync(hotline, "12345", "burst-2", HotlinePost(("sqnr", "第二个诉求：发票领用。")))).StatusCode.ShouldBe(HttpStatusCode.Created);
            var third = await PostAsync(hotline, "12345", "burst-3", HotlinePost(("sqnr", "第三个诉求：社保费缴纳。")));

            third.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            third.Headers.RetryAfter.ShouldNotBeNull();
            third.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
            var admin = await limited.SignedInAsync("xt.admin");
            (await admin.ListAsync()).TotalCount.ShouldBe(2);
        }
        finally
        {
            limited.Dispose();
            limited.DeleteDatabase();
        }
    }
}
