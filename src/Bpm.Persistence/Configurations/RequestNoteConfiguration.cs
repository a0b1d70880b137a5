using Bpm.Domain.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class RequestNoteConfiguration : IEntityTypeConfiguration<RequestNote>
{
    public void Configure(EntityTypeBuilder<RequestNote> builder)
    {
        builder.ToTable("RequestNotes");
        builder.HasKey(n => n.Id);
        builder.Property(n => n.AuthorName).HasMaxLength(100).IsRequired();
        builder.Property(n => n.Text).HasMaxLength(RequestNote.MaxTextLength).IsRequired();
        builder.HasIndex(n => new { n.RequestId, n.CreatedAt });
        builder.HasOne<TaxpayerRequest>().WithMany().HasForeignKey(n => n.RequestId).OnDelete(DeleteBehavior.Restrict);
    }
}
