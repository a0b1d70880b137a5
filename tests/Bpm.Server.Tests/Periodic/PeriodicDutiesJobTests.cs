using Bpm.Application.Bureaus;
using Bpm.Application.Collections;
using Bpm.Domain.Collections;
using Bpm.Scheduling;
using Bpm.Testing;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Bpm.Server.Tests.Periodic;

/// <summary>
/// The periodic job on the real Quartz scheduler: a server starting on Wed 2026-03-04 15:00 in Shanghai (fake clock for
/// the job; it was down since February) runs the job at once on start-up, which opens March's 21 collection tasks.
/// Quartz fires on real time; the wait is polled every 50 ms and bounded.
/// </summary>
public sealed class PeriodicDutiesJobTests : IDisposable
{
    private readonly BpmServerFactory _factory = new(
        new Dictionary<string, string?> { ["Scheduling:Enabled"] = "true", ["PeriodicDuties:Enabled"] = "true" },
        time: new ManualTimeProvider(new DateTimeOffset(2026, 3, 4, 7, 0, 0, TimeSpan.Zero)));

    [Fact]
    public async Task At_start_up_the_job_catches_up_the_month_s_collection_tasks()
    {
        var scheduler = await _factory.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(CancellationToken.None);
        (await scheduler.GetTrigger(PeriodicDutiesJob.TriggerKey, CancellationToken.None)).ShouldNotBeNull();

        await WaitUntilAsync(async () => (await MarchAsync()).Count == 21);
        (await MarchAsync()).ShouldAllBe(t => t.DueAt == new DateTimeOffset(2026, 3, 4, 16, 0, 0, TimeSpan.Zero));
    }

    private async Task<IReadOnlyList<CollectionTask>> MarchAsync()
    {
        await using var scope = _factory.Services.CreateAsyncScope();
        var tree = await scope.ServiceProvider.GetRequiredService<IBureauStore>().LoadTreeAsync(CancellationToken.None);
        return await scope.ServiceProvider.GetRequiredService<ICollectionTaskStore>().ListAsync(
            new CollectionTaskFilter([.. tree.Bureaus.Select(b => b.Id)], new CollectionMonth(2026, 3)), CancellationToken.None);
    }

    /// <summary>Polls every 50 ms, at most 60 s.</summary>
    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(60));
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
