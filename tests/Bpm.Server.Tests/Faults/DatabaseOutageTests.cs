using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Bpm.Domain.Timers;
using Bpm.Persistence;
using Bpm.Server.Api;
using Bpm.Server.Tests.WebUi;
using Bpm.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Bpm.Server.Tests.Faults;

/// <summary>
/// The database goes away while the server runs (a TCP relay between the server and PostgreSQL is cut, the shared
/// PostgreSQL keeps running): the API answers 503 with a clear Chinese message and Retry-After, the web UI a plain
/// error page, /health 503; once the relay is back the server serves again without a restart, and its scheduler and
/// outbox relay are still alive (the timers of a request registered after the outage reach Quartz).
/// </summary>
public sealed class DatabaseOutageTests
{
    private static readonly TimeSpan RecoveryLimit = TimeSpan.FromSeconds(90);

    [PostgresFact]
    public async Task While_the_database_is_cut_the_API_answers_503_and_afterwards_recovers_by_itself()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql);
        var direct = new NpgsqlConnectionStringBuilder(database.Options.ConnectionString);
        await using var relay = TcpForwarder.Start(direct.Host!, direct.Port);
        var throughRelay = new NpgsqlConnectionStringBuilder(database.Options.ConnectionString)
        {
            Host = "127.0.0.1",
            Port = relay.Port,
            Timeout = 3,
        };
        using var factory = new BpmServerFactory(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = throughRelay.ConnectionString,
            ["Scheduling:Enabled"] = "true",
            ["Scheduling:RetryDelay"] = "00:00:02",
            ["Scheduling:MisfireThreshold"] = "00:00:01",
        });
        var hall = await factory.SignedInAsync("xt.hall");
        var web = await factory.WebSignedInAsync("xt.hall");
        var before = await hall.RegisterAsync(ApiClient.Registration("POLICY"));

        relay.Cut();

        (await factory.CreateClient().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var refused = await hall.PostAsJsonAsync("/api/requests", ApiClient.Registration("POLICY"));
        refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(5));
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            problem.RootElement.GetProperty("status").GetInt32().ShouldBe(503);
            problem.RootElement.GetProperty("title").GetString().ShouldBe("数据库暂不可用，请稍后重试");
        }

        (await hall.GetAsync($"/api/requests/{before.Id}")).StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var page = await web.PageAsync("/inbox", HttpStatusCode.ServiceUnavailable);
        Bpm.Server.Tests.WebUi.WebClient.PlainText(page).ShouldContain("数据库暂不可用，请稍后重试");

        relay.Restore();

        await WaitUntilAsync(async () => (await factory.CreateClient().GetAsync("/health")).StatusCode == HttpStatusCode.OK, "/health answers 200 again");
        var after = await hall.RegisterAsync(ApiClient.Registration("POLICY"));
        (await hall.GetFromJsonAsync<RequestDto>($"/api/requests/{after.Id}", ApiClient.Json))!.Number.ShouldBe(after.Number);
        (await web.PageAsync("/inbox")).ShouldContain(after.Number);

        // The new request's first task has its escalation ladder (warning, red, reminders) in the outbox: the relay hands
        // every rung to Quartz's job store in the database, which only happens if the relay and Quartz came through the outage.
        await WaitUntilAsync(async () => await NotHandedOverAsync(factory, after.Id) == 0, "the new request's timers are handed to Quartz");
    }

    /// <summary>Timers of the request the relay has not yet handed to Quartz; -1 while it has none at all.</summary>
    private static async Task<int> NotHandedOverAsync(BpmServerFactory factory, Guid requestId)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<BpmDbContext>();
        var timers = await db.Set<DueTimer>().Where(t => t.RequestId == requestId && t.Status == DueTimerStatus.Pending).ToListAsync();
        return timers.Count == 0 ? -1 : timers.Count(t => !t.HandedOver);
    }

    /// <summary>Polls a condition of the real server (its scheduler runs on the real clock) until it holds or the limit passes.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = TimeProvider.System.GetUtcNow() + RecoveryLimit;
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new ShouldAssertException($"not within {RecoveryLimit.TotalSeconds} s: {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250));
        }
    }
}
