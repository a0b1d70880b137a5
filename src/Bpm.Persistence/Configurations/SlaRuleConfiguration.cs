using Bpm.Domain.Bureaus;
using Bpm.Domain.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class SlaRuleConfiguration : IEntityTypeConfiguration<SlaRule>
{
    /// <summary>Surrogate key: Type is nullable ("all types"), which a primary key column may not be.</summary>
    private const string Id = "Id";

    public void Configure(EntityTypeBuilder<SlaRule> builder)
    {
        builder.Property<long>(Id).ValueGeneratedOnAdd();
        builder.HasKey(Id);
        builder.HasIndex(r => new { r.BureauId, r.Type, r.Step }).IsUnique();
        builder.Property(r => r.Ladder).AsJsonText();
        builder.HasOne<Bureau>().WithMany().HasForeignKey(r => r.BureauId).OnDelete(DeleteBehavior.Cascade);
    }
}
