using Bpm.Domain.Requests;
using Bpm.Persistence.Workflows;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

/// <summary>Lengths of engine ids: version and instance ids are 16–32 characters ("0f3c6a2b9d8e4f10"); 64 leaves room for imported ones.</summary>
internal static class WorkflowColumns
{
    public const int Id = 64;
    public const int DefinitionId = 128;
    public const int Name = 256;
    public const int ActivityType = 128;
    public const int Hash = 64;
}

internal sealed class WorkflowDefinitionConfiguration : IEntityTypeConfiguration<WorkflowDefinitionRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowDefinitionRecord> builder)
    {
        builder.ToTable("WorkflowDefinitions");
        builder.HasKey(d => d.Id);
        builder.Property(d => d.Id).HasMaxLength(WorkflowColumns.Id);
        builder.Property(d => d.DefinitionId).HasMaxLength(WorkflowColumns.DefinitionId).IsRequired();
        builder.Property(d => d.Name).HasMaxLength(WorkflowColumns.Name);
        builder.Property(d => d.Json).IsRequired();
        builder.HasIndex(d => new { d.DefinitionId, d.Version }).IsUnique();
        builder.HasIndex(d => new { d.DefinitionId, d.IsLatest });
        builder.HasIndex(d => new { d.DefinitionId, d.IsPublished });
        builder.HasIndex(d => d.IsLatest);
    }
}

internal sealed class WorkflowInstanceConfiguration : IEntityTypeConfiguration<WorkflowInstanceRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowInstanceRecord> builder)
    {
        builder.ToTable("WorkflowInstances");
        builder.HasKey(i => i.Id);
        builder.Property(i => i.Id).HasMaxLength(WorkflowColumns.Id);
        builder.Property(i => i.DefinitionId).HasMaxLength(WorkflowColumns.DefinitionId).IsRequired();
        builder.Property(i => i.DefinitionVersionId).HasMaxLength(WorkflowColumns.Id).IsRequired();
        builder.Property(i => i.Name).HasMaxLength(WorkflowColumns.Name);
        builder.Property(i => i.CorrelationId).HasMaxLength(WorkflowColumns.Name);
        builder.Property(i => i.StateJson).IsRequired();
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasIndex(i => new { i.DefinitionId, i.Status });
        builder.HasIndex(i => i.DefinitionVersionId);
        builder.HasIndex(i => new { i.Status, i.CreatedAt });
        builder.HasIndex(i => i.CreatedAt);
        builder.HasIndex(i => i.CorrelationId);
    }
}

internal sealed class BookmarkConfiguration : IEntityTypeConfiguration<BookmarkRecord>
{
    public void Configure(EntityTypeBuilder<BookmarkRecord> builder)
    {
        builder.ToTable("Bookmarks");
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Id).HasMaxLength(WorkflowColumns.Id);
        builder.Property(b => b.WorkflowInstanceId).HasMaxLength(WorkflowColumns.Id).IsRequired();
        builder.Property(b => b.Name).HasMaxLength(WorkflowColumns.ActivityType).IsRequired();
        builder.Property(b => b.Hash).HasMaxLength(WorkflowColumns.Hash).IsRequired();
        builder.Property(b => b.ActivityId).HasMaxLength(WorkflowColumns.DefinitionId).IsRequired();
        builder.Property(b => b.ActivityNodeId).HasMaxLength(1024).IsRequired();
        builder.Property(b => b.ActivityInstanceId).HasMaxLength(WorkflowColumns.Id).IsRequired();
        builder.Property(b => b.ActivityType).HasMaxLength(WorkflowColumns.ActivityType).IsRequired();
        builder.HasIndex(b => new { b.Name, b.Hash });
        builder.HasIndex(b => b.WorkflowInstanceId);
    }
}

internal sealed class WorkflowJournalConfiguration : IEntityTypeConfiguration<WorkflowJournalRecord>
{
    public void Configure(EntityTypeBuilder<WorkflowJournalRecord> builder)
    {
        builder.ToTable("WorkflowJournal");
        builder.HasKey(j => j.Sequence);
        builder.Property(j => j.Sequence).ValueGeneratedOnAdd();
        builder.Property(j => j.WorkflowInstanceId).HasMaxLength(WorkflowColumns.Id).IsRequired();
        builder.Property(j => j.ActivityInstanceId).HasMaxLength(WorkflowColumns.Id).IsRequired();
        builder.Property(j => j.ActivityId).HasMaxLength(WorkflowColumns.DefinitionId).IsRequired();
        builder.Property(j => j.ActivityNodeId).HasMaxLength(1024).IsRequired();
        builder.Property(j => j.ActivityType).HasMaxLength(WorkflowColumns.ActivityType).IsRequired();
        builder.Property(j => j.ActivityName).HasMaxLength(WorkflowColumns.Name);
        builder.Property(j => j.Status).HasMaxLength(32).IsRequired();
        builder.Property(j => j.Outcomes).AsJsonText();
        builder.HasIndex(j => new { j.RequestId, j.Sequence });
        builder.HasIndex(j => new { j.WorkflowInstanceId, j.Sequence });
        builder.HasIndex(j => j.ActivityInstanceId);
        builder.HasOne<TaxpayerRequest>().WithMany().HasForeignKey(j => j.RequestId).OnDelete(DeleteBehavior.Restrict);
    }
}
