using Bpm.Persistence.Bureaus;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class BureauTreeVersionConfiguration : IEntityTypeConfiguration<BureauTreeVersionRow>
{
    public void Configure(EntityTypeBuilder<BureauTreeVersionRow> builder)
    {
        builder.ToTable("BureauTreeVersion");
        builder.HasKey(v => v.Id);
        builder.Property(v => v.Id).ValueGeneratedNever();
        builder.HasData(new BureauTreeVersionRow());
    }
}
