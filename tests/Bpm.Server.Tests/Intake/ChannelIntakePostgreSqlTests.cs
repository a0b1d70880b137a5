using System.Net;
using System.Net.Http.Json;
using Bpm.Persistence;
using Bpm.Server.Intake;
using Bpm.Testing;

namespace Bpm.Server.Tests.Intake;

/// <summary>
/// Concurrent twins on PostgreSQL, where (unlike SQLite) writers do not queue: both transactions register, the receipts'
/// primary key refuses the second, which rolls back its request and answers with the winner's.
/// </summary>
public sealed class ChannelIntakePostgreSqlTests
{
    [PostgresFact]
    public async Task Identical_posts_at_the_same_moment_register_one_request_on_PostgreSql()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        using var factory = new BpmServerFactory(
            new Dictionary<string, string?>
            {
                ["Database:Provider"] = "PostgreSql",
                ["Database:ConnectionString"] = database.Options.ConnectionString,
                ["Intake:Channels:wechat:Channel"] = "WeChat",
                ["Intake:Channels:wechat:ApiKeys:0"] = "wechat-test-key",
                ["Intake:Channels:wechat:BureauCode"] = "xiantao",
                ["Intake:Channels:wechat:UnitCode"] = "nsfwk",
                ["Intake:Channels:wechat:CategoryCode"] = "OTHER",
                ["Intake:Channels:wechat:Officer"] = "微信公众号接口",
            },
            time: new ManualTimeProvider(ApiClient.Now));

        var posts = Enumerable.Range(0, 6).Select(_ =>
        {
            var client = factory.CreateClient();
            var message = new HttpRequestMessage(HttpMethod.Post, "/api/intake/wechat")
            {
                Content = JsonContent.Create(new { nickname = "张三", mobile = "13812345678", message = "怎么查询社保缴费记录？" }),
            };
            message.Headers.Add(IntakeEndpoints.ApiKeyHeader, "wechat-test-key");
            message.Headers.Add(IntakeEndpoints.IdempotencyKeyHeader, "wx-msg-7731");
            return client.SendAsync(message);
        });

        var responses = await Task.WhenAll(posts);

        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1, string.Join("\n", bodies));
        responses.Count(r => r.StatusCode == HttpStatusCode.OK).ShouldBe(5, string.Join("\n", bodies));
        bodies.Distinct().Count().ShouldBe(1);
        (await (await factory.SignedInAsync("xt.admin")).ListAsync()).TotalCount.ShouldBe(1);
    }
}
