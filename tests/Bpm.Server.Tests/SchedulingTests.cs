using System.Net;
using Bpm.Application;
using Bpm.Application.Timers;
using Bpm.Domain.Timers;
using Bpm.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Bpm.Server.Tests;

/// <summary>
/// The server with <c>Scheduling:Enabled</c> (the factory switches it off for every other test): Quartz runs on the
/// server's own database once the migrations ran, and a timer in the outbox is handed over, fired and applied.
/// Real time: the timer is due a second ahead; waits are polled every 50 ms and bounded.
/// </summary>
public sealed class SchedulingTests : IDisposable
{
    private readonly BpmServerFactory _factory = new(new Dictionary<string, string?> { ["Scheduling:Enabled"] = "true", ["Demo:Enabled"] = "false" });

    [Fact]
    public async Task Quartz_starts_on_the_server_database_after_the_migrations_and_applies_a_timer_from_the_outbox()
    {
        (await _factory.CreateClient().GetAsync("/health")).StatusCode.ShouldBe(HttpStatusCode.OK);
        _factory.Services.GetRequiredService<SchedulingStore>().ConnectionString.ShouldContain(_factory.DatabaseFile);
        var scheduler = await _factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(CancellationToken.None);
        await WaitUntilAsync(async () => await scheduler.GetStatus(CancellationToken.None) == SchedulerStatus.Running);

        // A workflow timer of an instance that is gone: resuming it does nothing, but the timer is applied all the same.
        var now = DateTimeOffset.UtcNow;
        var timer = DueTimer.ForBookmark(Guid.CreateVersion7(), "bm-gone", "wf-gone", now.AddSeconds(1), now);
        await using (var scope = _factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<IUnitOfWork>().InTransactionAsync(
                async ct =>
                {
                    await scope.ServiceProvider.GetRequiredService<IDueTimerStore>().AddAsync([timer], ct);
                    return 1;
                },
                CancellationToken.None);
        }

        await WaitUntilAsync(async () =>
        {
            await using var scope = _factory.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<IDueTimerStore>().NextPendingDueAtAsync(CancellationToken.None) is null;
        });
    }

    /// <summary>Polls every 50 ms, at most 30 s.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!await condition())
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), cancel.Token);
        }
    }

    public void Dispose()
    {
        _factory.Dispose();
        _factory.DeleteDatabase();
    }
}
