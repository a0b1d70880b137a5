using Bpm.Persistence.PersonalData;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class PersonalDataPassConfiguration : IEntityTypeConfiguration<PersonalDataPassRow>
{
    public void Configure(EntityTypeBuilder<PersonalDataPassRow> builder)
    {
        builder.ToTable("PersonalDataPass");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Id).ValueGeneratedNever();
        builder.Property(p => p.KeysFingerprint).HasMaxLength(64);
        builder.HasData(new PersonalDataPassRow());
    }
}
