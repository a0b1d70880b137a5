using Bpm.Application.Intake;
using Bpm.Domain.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

/// <summary>The key is (channel, idempotency key): the database itself refuses a second receipt for the same post.</summary>
internal sealed class IntakeReceiptConfiguration : IEntityTypeConfiguration<IntakeReceipt>
{
    public void Configure(EntityTypeBuilder<IntakeReceipt> builder)
    {
        builder.ToTable("IntakeReceipts");
        builder.HasKey(r => new { r.Channel, r.IdempotencyKey });
        builder.Property(r => r.IdempotencyKey).HasMaxLength(IntakeReceipt.MaxKeyLength).IsRequired();
        builder.Property(r => r.BodyHash).HasMaxLength(64).IsRequired();
        builder.HasIndex(r => r.RequestId);
        builder.HasOne<TaxpayerRequest>().WithMany().HasForeignKey(r => r.RequestId).OnDelete(DeleteBehavior.Restrict);
    }
}
