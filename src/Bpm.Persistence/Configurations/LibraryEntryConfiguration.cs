using Bpm.Domain.Bureaus;
using Bpm.Domain.Library;
using Bpm.Domain.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class LibraryEntryConfiguration : IEntityTypeConfiguration<LibraryEntry>
{
    public void Configure(EntityTypeBuilder<LibraryEntry> builder)
    {
        builder.ToTable("LibraryEntries");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Title).HasMaxLength(LibraryEntry.MaxTitleLength).IsRequired();
        builder.Property(e => e.Question).HasMaxLength(LibraryEntry.MaxQuestionLength).IsRequired();
        builder.Property(e => e.Answer).HasMaxLength(LibraryEntry.MaxAnswerLength).IsRequired();
        builder.Property(e => e.PolicyBasis).HasMaxLength(LibraryEntry.MaxPolicyBasisLength);
        builder.Property(e => e.Tags).AsJsonText().HasMaxLength(1000);
        builder.Property(e => e.ProposerName).HasMaxLength(100).IsRequired();
        builder.Property(e => e.DeciderName).HasMaxLength(100);
        builder.Property(e => e.RejectionReason).HasMaxLength(LibraryEntry.MaxReasonLength);
        builder.Property(e => e.Version).IsConcurrencyToken();
        // Suggestions and the library page: the published items of a few bureaus, of one type.
        builder.HasIndex(e => new { e.Status, e.BureauId, e.RequestType });
        builder.HasIndex(e => e.SourceRequestId);
        builder.HasOne<Bureau>().WithMany().HasForeignKey(e => e.BureauId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<TaxpayerRequest>().WithMany().HasForeignKey(e => e.SourceRequestId).OnDelete(DeleteBehavior.Restrict);
    }
}
