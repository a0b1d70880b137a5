using Bpm.Bench.Benchmarks;

namespace Bpm.Bench.Tests;

public sealed class ServerMemoryTests
{
    [Fact]
    public void Resident_and_peak_come_from_VmRSS_and_VmHWM_in_MiB()
    {
        var reading = ServerMemory.Parse(["Name:\tdotnet", "VmHWM:\t  512000 kB", "VmRSS:\t  204800 kB", "Threads:\t30"]);

        reading.ResidentMegabytes.ShouldBe(200.0);
        reading.PeakResidentMegabytes.ShouldBe(500.0);
    }

    [Fact]
    public void A_process_that_is_gone_reads_as_unknown()
    {
        ServerMemory.Read(int.MaxValue).ResidentMegabytes.ShouldBeNull();
    }
}

public sealed class BulkCopyTests
{
    [Fact]
    public void A_request_number_splits_into_prefix_year_and_sequence()
    {
        BulkCopy.SplitNumber("HBXT-2026-010017").ShouldBe(("HBXT", 2026, 10017));
    }

    [Fact]
    public void A_fresh_id_keeps_the_UUIDv7_time_and_the_text_form()
    {
        var original = Guid.CreateVersion7(new DateTimeOffset(2026, 3, 2, 1, 0, 0, TimeSpan.Zero));
        string upper = original.ToString().ToUpperInvariant();

        var copy = (string)BulkCopy.FreshIdLike(upper);
        var typed = (Guid)BulkCopy.FreshIdLike(original);

        copy.ShouldNotBe(upper);
        copy[..13].ShouldBe(upper[..13]);
        copy.ShouldBe(copy.ToUpperInvariant());
        Guid.TryParse(copy, out _).ShouldBeTrue();
        typed.ShouldNotBe(original);
        typed.ToString()[..13].ShouldBe(original.ToString()[..13]);
    }
}
