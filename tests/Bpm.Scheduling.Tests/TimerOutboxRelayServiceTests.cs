using System.Collections.Concurrent;
using Bpm.Application.Timers;
using Bpm.Domain.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Bpm.Scheduling.Tests;

/// <summary>
/// The relay service on fakes (the database is not the point here): it hands the outbox over at start and at every
/// tick, and a failing pass is logged and retried at the next tick instead of stopping the host.
/// </summary>
public sealed class TimerOutboxRelayServiceTests
{
    [Fact]
    public async Task A_failing_pass_is_retried_at_the_next_tick_and_the_timers_are_then_handed_over()
    {
        var at = new DateTimeOffset(2026, 10, 9, 16, 0, 0, TimeSpan.Zero);
        var store = new FlakyOutbox(failures: 2, DueTimer.ForBookmark(Guid.CreateVersion7(), "bm-1", "wf-1", at, at.AddDays(-1)));
        var triggers = new RecordingScheduler();
        await using var services = new ServiceCollection()
            .AddSingleton<IDueTimerStore>(store)
            .AddSingleton<IDueInstantScheduler>(triggers)
            .AddScoped<TimerOutboxRelay>()
            .AddSingleton(TimeProvider.System)
            .BuildServiceProvider();
        using var relay = new TimerOutboxRelayService(
            services.GetRequiredService<IServiceScopeFactory>(),
            new SchedulingOptions { OutboxPollInterval = TimeSpan.FromMilliseconds(20) },
            TimeProvider.System,
            NullLogger<TimerOutboxRelayService>.Instance);

        await relay.StartAsync(CancellationToken.None);
        using (var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            // Polled, bounded: the third tick (two failures first) hands the timer over.
            while (store.HandedOver.Count == 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(20), cancel.Token);
            }
        }

        await relay.StopAsync(CancellationToken.None);

        store.Attempts.ShouldBeGreaterThanOrEqualTo(3);
        triggers.Ensured.ShouldBe([at]);
        relay.ExecuteTask.ShouldNotBeNull().IsFaulted.ShouldBeFalse();
    }

    [Fact]
    public async Task One_pass_returns_how_many_timers_it_handed_over_and_a_failed_pass_none()
    {
        var at = new DateTimeOffset(2026, 10, 9, 16, 0, 0, TimeSpan.Zero);
        var store = new FlakyOutbox(
            failures: 1,
            DueTimer.ForBookmark(Guid.CreateVersion7(), "bm-1", "wf-1", at, at.AddDays(-1)),
            DueTimer.ForBookmark(Guid.CreateVersion7(), "bm-2", "wf-2", at, at.AddDays(-1)));
        var triggers = new RecordingScheduler();
        await using var services = new ServiceCollection()
            .AddSingleton<IDueTimerStore>(store)
            .AddSingleton<IDueInstantScheduler>(triggers)
            .AddScoped<TimerOutboxRelay>()
            .AddSingleton(TimeProvider.System)
            .BuildServiceProvider();
        using var relay = new TimerOutboxRelayService(
            services.GetRequiredService<IServiceScopeFactory>(), new SchedulingOptions(), TimeProvider.System, NullLogger<TimerOutboxRelayService>.Instance);

        (await relay.RelayOnceAsync(CancellationToken.None)).ShouldBe(0);
        (await relay.RelayOnceAsync(CancellationToken.None)).ShouldBe(2);
        (await relay.RelayOnceAsync(CancellationToken.None)).ShouldBe(0);

        // Two timers at one instant: one trigger asked for.
        triggers.Ensured.ShouldBe([at]);
    }

    [Fact]
    public async Task Timers_pending_more_than_a_minute_after_their_instant_get_a_trigger_at_the_current_minute()
    {
        var now = new DateTimeOffset(2026, 10, 9, 16, 1, 30, TimeSpan.Zero);
        var clock = new Bpm.Testing.ManualTimeProvider(now);
        var triggers = new RecordingScheduler();
        var stranded = new FlakyOutbox(failures: 0) { EarliestPending = new DateTimeOffset(2026, 10, 9, 16, 0, 0, TimeSpan.Zero) };
        var late = new FlakyOutbox(failures: 0) { EarliestPending = new DateTimeOffset(2026, 10, 9, 16, 0, 45, TimeSpan.Zero) };

        (await new TimerOutboxRelay(late, triggers, clock).RelayAsync(CancellationToken.None)).ShouldBe(0);
        triggers.Ensured.ShouldBeEmpty("45 s late is a burst still being applied, not a lost trigger");

        (await new TimerOutboxRelay(stranded, triggers, clock).RelayAsync(CancellationToken.None)).ShouldBe(0);
        triggers.Ensured.ShouldBe([new DateTimeOffset(2026, 10, 9, 16, 1, 0, TimeSpan.Zero)]);
    }

    /// <summary>An outbox that fails its first reads (a database restarting), then serves its timers until they are handed over.</summary>
    private sealed class FlakyOutbox(int failures, params DueTimer[] timers) : IDueTimerStore
    {
        private int _failuresLeft = failures;

        public int Attempts { get; private set; }

        public ConcurrentBag<Guid> HandedOver { get; } = [];

        public Task<IReadOnlyList<DueTimer>> ListNotHandedOverAsync(int take, CancellationToken cancellationToken)
        {
            Attempts++;
            if (_failuresLeft-- > 0)
            {
                throw new InvalidOperationException("database restarting");
            }

            return Task.FromResult<IReadOnlyList<DueTimer>>([.. timers.Where(t => !HandedOver.Contains(t.Id)).Take(take)]);
        }

        public Task MarkHandedOverAsync(IReadOnlyCollection<Guid> timerIds, CancellationToken cancellationToken)
        {
            foreach (var id in timerIds)
            {
                HandedOver.Add(id);
            }

            return Task.CompletedTask;
        }

        public Task AddAsync(IReadOnlyCollection<DueTimer> timers, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<DueTimer>> ListPendingForTasksAsync(IReadOnlyCollection<Guid> taskIds, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CancelPendingAsync(IReadOnlyCollection<Guid> timerIds, DateTimeOffset at, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task CancelPendingForTasksAsync(IReadOnlyCollection<Guid> taskIds, DateTimeOffset at, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<DueTimer?> FindPendingForBookmarkAsync(string bookmarkId, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<DueTimerSlot>> ListDueAsync(DateTimeOffset upTo, int take, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<DueTimer>> FindPendingAsync(IReadOnlyCollection<Guid> timerIds, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<IReadOnlyList<DueTimer>> ListByRequestAsync(Guid requestId, CancellationToken cancellationToken) => throw new NotSupportedException();

        /// <summary>The earliest pending instant the fake reports; null = every timer was applied.</summary>
        public DateTimeOffset? EarliestPending { get; init; }

        public Task<DateTimeOffset?> NextPendingDueAtAsync(CancellationToken cancellationToken) => Task.FromResult(EarliestPending);

        public Task UpdateAsync(IReadOnlyCollection<DueTimer> timers, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    private sealed class RecordingScheduler : IDueInstantScheduler
    {
        public List<DateTimeOffset> Ensured { get; } = [];

        public Task EnsureTriggersAsync(IReadOnlyCollection<DateTimeOffset> instants, CancellationToken cancellationToken)
        {
            Ensured.AddRange(instants);
            return Task.CompletedTask;
        }
    }
}
