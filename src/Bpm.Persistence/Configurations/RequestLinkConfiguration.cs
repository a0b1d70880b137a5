using Bpm.Domain.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class RequestLinkConfiguration : IEntityTypeConfiguration<RequestLink>
{
    public void Configure(EntityTypeBuilder<RequestLink> builder)
    {
        builder.ToTable("RequestLinks");
        builder.HasKey(l => l.Id);
        builder.Property(l => l.Kind).HasConversion<string>().HasMaxLength(32);
        // A request's links both ways: those its registration found, those later registrations found to it; the inbox's marks.
        builder.HasIndex(l => new { l.RequestId, l.Kind });
        builder.HasIndex(l => l.RelatedRequestId);
        builder.HasOne<TaxpayerRequest>().WithMany().HasForeignKey(l => l.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TaxpayerRequest>().WithMany().HasForeignKey(l => l.RelatedRequestId).OnDelete(DeleteBehavior.Restrict);
    }
}
