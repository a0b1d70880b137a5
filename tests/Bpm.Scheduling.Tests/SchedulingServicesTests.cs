using Bpm.Application.Timers;
using Bpm.Engine.Stores;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Bpm.Scheduling.Tests;

/// <summary>AddBpmScheduling reads the same <c>Database</c> settings Bpm.Persistence does, and the <c>Scheduling</c> section.</summary>
public sealed class SchedulingServicesTests
{
    private static ServiceCollection Register(Dictionary<string, string?> settings, string? folder = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddBpmScheduling(configuration, folder);
        return services;
    }

    [Fact]
    public void Defaults_are_an_unclustered_scheduler_named_bpm_with_four_threads_on_the_default_SQLite_file_beside_the_settings()
    {
        using var services = Register([], "/srv/bpm").BuildServiceProvider();

        var options = services.GetRequiredService<SchedulingOptions>();
        options.Enabled.ShouldBeTrue();
        options.Clustered.ShouldBeFalse();
        options.InstanceName.ShouldBe("bpm");
        options.ThreadCount.ShouldBe(4);
        options.OutboxPollInterval.ShouldBe(TimeSpan.FromSeconds(1));
        options.MisfireThreshold.ShouldBe(TimeSpan.FromSeconds(60));
        options.RetryDelay.ShouldBe(TimeSpan.FromMinutes(1));
        var store = services.GetRequiredService<SchedulingStore>();
        store.Provider.ShouldBe(SchedulingDatabaseProvider.Sqlite);
        store.ConnectionString.ShouldContain("/srv/bpm/data/bpm.db");
        store.CanCluster.ShouldBeFalse();
    }

    [Fact]
    public void The_scheduling_section_and_the_database_provider_are_read()
    {
        using var services = Register(new()
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = "Host=db;Database=bpm",
            ["Scheduling:Clustered"] = "true",
            ["Scheduling:InstanceName"] = "bpm-xiantao",
            ["Scheduling:ThreadCount"] = "8",
            ["Scheduling:OutboxPollInterval"] = "00:00:00.250",
        }).BuildServiceProvider();

        var options = services.GetRequiredService<SchedulingOptions>();
        options.Clustered.ShouldBeTrue();
        options.InstanceName.ShouldBe("bpm-xiantao");
        options.ThreadCount.ShouldBe(8);
        options.OutboxPollInterval.ShouldBe(TimeSpan.FromMilliseconds(250));
        services.GetRequiredService<SchedulingStore>().ShouldBe(new SchedulingStore(SchedulingDatabaseProvider.PostgreSql, "Host=db;Database=bpm"));
        services.GetRequiredService<SchedulingStore>().CanCluster.ShouldBeTrue();
    }

    [Fact]
    public void Quartz_starts_after_what_was_registered_before_and_the_relay_after_Quartz_and_workflow_timers_stay_with_the_outbox()
    {
        var services = new ServiceCollection();
        services.AddHostedService<MigrationStandIn>();
        services.AddBpmScheduling(new ConfigurationBuilder().Build());

        // Hosted services start in registration order: migrations, then Quartz (it checks its tables), then the relay.
        var hosted = services.Where(d => d.ServiceType == typeof(IHostedService)).Select(d => d.ImplementationType ?? d.ImplementationFactory?.Method.ReturnType).ToList();
        hosted.ShouldBe([typeof(MigrationStandIn), typeof(QuartzHostedService), typeof(TimerOutboxRelayService)]);
        services.ShouldContain(d => d.ServiceType == typeof(IDueInstantScheduler) && d.ImplementationType == typeof(QuartzDueInstantScheduler));
        services.ShouldContain(d => d.ServiceType == typeof(TimerOutboxRelay) && d.Lifetime == ServiceLifetime.Scoped);

        // The engine's ITimerScheduler is Bpm.Application's OutboxTimerScheduler; Quartz only fires instants.
        services.ShouldNotContain(d => d.ServiceType == typeof(ITimerScheduler));
    }

    [Fact]
    public void Switched_off_it_registers_neither_Quartz_nor_the_relay()
    {
        var services = Register(new() { ["Scheduling:Enabled"] = "false" });

        services.ShouldNotContain(d => d.ServiceType == typeof(IHostedService));
        services.ShouldNotContain(d => d.ServiceType == typeof(ISchedulerFactory));
        services.ShouldNotContain(d => d.ServiceType == typeof(IDueInstantScheduler));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<SchedulingOptions>().Enabled.ShouldBeFalse();
    }

    [Fact]
    public void A_poll_interval_that_is_not_positive_is_refused_at_start_up()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Register(new() { ["Scheduling:OutboxPollInterval"] = "00:00:00" }))
            .Message.ShouldContain("Scheduling:OutboxPollInterval");
    }

    [Fact]
    public void An_instant_names_its_trigger_in_UTC_round_trip_form()
    {
        // 2026-10-10 00:00 in Beijing, the cut-off of Fri 2026-10-09.
        var key = QuartzDueInstantScheduler.TriggerKeyOf(new DateTimeOffset(2026, 10, 10, 0, 0, 0, TimeSpan.FromHours(8)));

        key.Name.ShouldBe("2026-10-09T16:00:00.0000000Z");
        key.Group.ShouldBe("bpm-due");
        ApplyDueTimersJob.Key.ShouldBe(new JobKey("apply-due-timers", "bpm-due"));
    }

    private sealed class MigrationStandIn : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
