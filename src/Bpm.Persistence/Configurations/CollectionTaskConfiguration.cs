using Bpm.Domain.Bureaus;
using Bpm.Domain.Collections;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class CollectionTaskConfiguration : IEntityTypeConfiguration<CollectionTask>
{
    public void Configure(EntityTypeBuilder<CollectionTask> builder)
    {
        builder.ToTable("CollectionTasks");
        builder.HasKey(t => t.Id);
        builder.Ignore(t => t.CollectionMonth);
        builder.Property(t => t.Title).HasMaxLength(100).IsRequired();
        builder.Property(t => t.RiskPoints).HasMaxLength(CollectionTask.MaxRiskPointsLength);
        builder.Property(t => t.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(t => t.Version).IsConcurrencyToken();

        // One task per unit and month, whatever runs the job how often and on how many nodes.
        builder.HasIndex(t => new { t.UnitId, t.Year, t.Month }).IsUnique();

        // A month's tasks of a subtree (the tax-service department's "who has not sent" list).
        builder.HasIndex(t => new { t.BureauId, t.Year, t.Month });
        builder.HasOne<Bureau>().WithMany().HasForeignKey(t => t.BureauId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
