using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Scheduling.Tests;

/// <summary>AddBpmScheduling reads the same <c>Database</c> settings Bpm.Persistence does, and the <c>Scheduling</c> section.</summary>
public sealed class SchedulingServicesTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings, string? folder = null)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddBpmScheduling(configuration, folder).BuildServiceProvider();
    }

    [Fact]
    public void Defaults_are_an_unclustered_scheduler_named_bpm_with_four_threads_on_the_default_SQLite_file_beside_the_settings()
    {
        using var services = Build([], "/srv/bpm");

        var options = services.GetRequiredService<SchedulingOptions>();
        options.Clustered.ShouldBeFalse();
        options.InstanceName.ShouldBe("bpm");
        options.ThreadCount.ShouldBe(4);
        var store = services.GetRequiredService<SchedulingStore>();
        store.Provider.ShouldBe(SchedulingDatabaseProvider.Sqlite);
        store.ConnectionString.ShouldContain("/srv/bpm/data/bpm.db");
        store.CanCluster.ShouldBeFalse();
        services.GetRequiredService<Bpm.Engine.Stores.ITimerScheduler>().ShouldBeOfType<QuartzTimerScheduler>();
    }

    [Fact]
    public void The_scheduling_section_and_the_database_provider_are_read()
    {
        using var services = Build(new()
        {
            ["Database:Provider"] = "PostgreSql",
            ["Database:ConnectionString"] = "Host=db;Database=bpm",
            ["Scheduling:Clustered"] = "true",
            ["Scheduling:InstanceName"] = "bpm-xiantao",
            ["Scheduling:ThreadCount"] = "8",
        });

        var options = services.GetRequiredService<SchedulingOptions>();
        options.Clustered.ShouldBeTrue();
        options.InstanceName.ShouldBe("bpm-xiantao");
        options.ThreadCount.ShouldBe(8);
        services.GetRequiredService<SchedulingStore>().ShouldBe(new SchedulingStore(SchedulingDatabaseProvider.PostgreSql, "Host=db;Database=bpm"));
        services.GetRequiredService<SchedulingStore>().CanCluster.ShouldBeTrue();
    }
}
