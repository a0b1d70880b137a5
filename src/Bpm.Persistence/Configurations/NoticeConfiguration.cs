using Bpm.Domain.Notices;
using Bpm.Domain.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> builder)
    {
        builder.ToTable("Notices");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.Text).HasMaxLength(Notice.MaxTextLength).IsRequired();

        // A user's own notices; a unit's notices newest first; a request's notices.
        builder.HasIndex(n => n.RecipientUserId);
        builder.HasIndex(n => new { n.RecipientUnitId, n.CreatedAt });
        builder.HasIndex(n => n.RequestId);

        builder.HasOne<TaxpayerRequest>().WithMany().HasForeignKey(n => n.RequestId).OnDelete(DeleteBehavior.Restrict);
    }
}
