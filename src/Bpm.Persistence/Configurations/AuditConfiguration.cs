using Bpm.Domain.Audit;
using Bpm.Persistence.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("AuditEntries");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedNever();
        builder.Property(e => e.ActorName).HasMaxLength(AuditEntry.MaxActorNameLength).IsRequired();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(e => e.Subject).HasMaxLength(AuditEntry.MaxSubjectLength).IsRequired();
        builder.Property(e => e.Summary).HasMaxLength(AuditEntry.MaxSummaryLength).IsRequired();
        builder.Property(e => e.Algorithm).HasMaxLength(16).IsRequired();
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Hash).HasMaxLength(64).IsRequired();
        builder.HasIndex(e => new { e.Subject, e.Kind });
        builder.HasIndex(e => e.At);
        builder.HasIndex(e => new { e.BureauId, e.Sequence });
    }
}

internal sealed class AuditChainHeadConfiguration : IEntityTypeConfiguration<AuditChainHeadRow>
{
    public void Configure(EntityTypeBuilder<AuditChainHeadRow> builder)
    {
        builder.ToTable("AuditChainHead");
        builder.HasKey(h => h.Id);
        builder.Property(h => h.Id).ValueGeneratedNever();
        builder.Property(h => h.LastHash).HasMaxLength(64).IsRequired();
        builder.Property(h => h.CheckpointHash).HasMaxLength(64).IsRequired();
        builder.HasData(new AuditChainHeadRow());
    }
}
