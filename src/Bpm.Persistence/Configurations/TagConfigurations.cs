using Bpm.Domain.Bureaus;
using Bpm.Domain.Requests;
using Bpm.Domain.Tags;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class RequestTagConfiguration : IEntityTypeConfiguration<RequestTag>
{
    public void Configure(EntityTypeBuilder<RequestTag> builder)
    {
        builder.ToTable("RequestTags");
        builder.HasKey(t => new { t.RequestId, t.Name });
        builder.Property(t => t.Name).HasMaxLength(TagName.MaxLength).IsRequired();
        // The list filter tag=发票: the requests carrying a name.
        builder.HasIndex(t => new { t.Name, t.RequestId });
        builder.HasOne<TaxpayerRequest>().WithMany().HasForeignKey(t => t.RequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BureauTagConfiguration : IEntityTypeConfiguration<BureauTag>
{
    public void Configure(EntityTypeBuilder<BureauTag> builder)
    {
        builder.ToTable("BureauTags");
        builder.HasKey(t => new { t.BureauId, t.Name });
        builder.Property(t => t.Name).HasMaxLength(TagName.MaxLength).IsRequired();
        builder.HasOne<Bureau>().WithMany().HasForeignKey(t => t.BureauId).OnDelete(DeleteBehavior.Cascade);
    }
}
