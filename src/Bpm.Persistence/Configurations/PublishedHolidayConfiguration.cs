using Bpm.Domain.Calendar;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

/// <summary>One row per day of an imported State Council notice; keyed by notice year and date (2023, 2022-12-31).</summary>
internal sealed class PublishedHolidayConfiguration : IEntityTypeConfiguration<PublishedHoliday>
{
    public void Configure(EntityTypeBuilder<PublishedHoliday> builder)
    {
        builder.HasKey(h => new { h.Year, h.Date });
        builder.Property(h => h.Name).HasMaxLength(HolidayNotice.MaxNameLength).IsRequired();
    }
}
