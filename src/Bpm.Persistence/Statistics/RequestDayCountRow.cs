using Bpm.Application.Statistics;
using Bpm.Domain.Bureaus;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Statistics;

/// <summary>
/// How many requests of a bureau, received on a day (China Standard Time, see <see cref="RequestDayCounter.Zone"/>), fall
/// under one dashboard key. Example: (仙桃, 2026-03-02, "type", "Policy") = 41. Derived data: kept by
/// <see cref="RequestDayCounter"/> in the transaction of every request change, rebuilt from the requests when empty.
/// </summary>
internal sealed class RequestDayCountRow
{
    public Guid BureauId { get; set; }

    public DateOnly Day { get; set; }

    public string Figure { get; set; } = "";

    public string Key { get; set; } = "";

    public int Count { get; set; }
}

internal sealed class RequestDayCountConfiguration : IEntityTypeConfiguration<RequestDayCountRow>
{
    public void Configure(EntityTypeBuilder<RequestDayCountRow> builder)
    {
        builder.ToTable("RequestDayCounts");
        builder.HasKey(c => new { c.BureauId, c.Day, c.Figure, c.Key });
        builder.Property(c => c.Figure).HasMaxLength(16);
        builder.Property(c => c.Key).HasMaxLength(DashboardCounts.MaxKeyLength);
        builder.HasOne<Bureau>().WithMany().HasForeignKey(c => c.BureauId).OnDelete(DeleteBehavior.Cascade);
    }
}
