using Bpm.Domain.Requests;
using Bpm.Domain.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class DeadlineChangeConfiguration : IEntityTypeConfiguration<DeadlineChange>
{
    public void Configure(EntityTypeBuilder<DeadlineChange> builder)
    {
        builder.ToTable("DeadlineChanges");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Reason).HasMaxLength(DeadlineChange.MaxReasonLength).IsRequired();
        builder.HasIndex(c => c.RequestId);
        builder.HasOne<TaxpayerRequest>().WithMany().HasForeignKey(c => c.RequestId).OnDelete(DeleteBehavior.Restrict);
    }
}
