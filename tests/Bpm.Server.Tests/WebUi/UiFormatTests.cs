using Bpm.Domain.Calendar;
using Bpm.Server.WebUi.Components;
using Shouldly;
using Xunit;

namespace Bpm.Server.Tests.WebUi;

/// <summary>Deadlines read as bureaus write them: an end-of-day cut-off is "24:00" of the due day.</summary>
public sealed class UiFormatTests
{
    private static readonly BureauClock Shanghai = BureauClock.ChinaDefault;

    [Fact]
    public void An_end_of_day_deadline_reads_as_24_00_of_the_due_day()
    {
        // Due Mon 2026-11-23 at end of day: the first late instant is Tue 00:00 in Shanghai = Mon 16:00 UTC.
        UiFormat.Due(new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.Zero), Shanghai).ShouldBe("2026-11-23 24:00");
    }

    [Fact]
    public void A_daytime_cut_off_reads_as_that_time()
    {
        UiFormat.Due(new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), Shanghai).ShouldBe("2026-11-23 17:00");
    }

    [Fact]
    public void Other_instants_read_in_the_bureaus_time_zone()
    {
        UiFormat.Local(new DateTimeOffset(2026, 11, 23, 16, 0, 0, TimeSpan.Zero), Shanghai).ShouldBe("2026-11-24 00:00");
    }
}
