using Bpm.Domain.Bureaus;
using Bpm.Domain.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class GeneratedReportConfiguration : IEntityTypeConfiguration<GeneratedReport>
{
    public void Configure(EntityTypeBuilder<GeneratedReport> builder)
    {
        builder.ToTable("GeneratedReports");
        builder.HasKey(r => r.Id);
        builder.Ignore(r => r.Period);
        builder.Property(r => r.FileName).HasMaxLength(200).IsRequired();
        builder.Property(r => r.Content).IsRequired();

        // One report per bureau and quarter: a re-run or a second node finds it there.
        builder.HasIndex(r => new { r.BureauId, r.Year, r.Quarter }).IsUnique();
        builder.HasOne<Bureau>().WithMany().HasForeignKey(r => r.BureauId).OnDelete(DeleteBehavior.Restrict);
    }
}
