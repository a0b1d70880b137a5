using Bpm.Domain.Bureaus;
using Bpm.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    /// <summary>Lower-cased copy of the user name, so look-ups ignore case on every provider.</summary>
    internal const string NormalizedUserName = "NormalizedUserName";

    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.HasKey(u => u.Id);
        builder.Property(u => u.UserName).HasMaxLength(64).IsRequired();
        builder.Property<string>(NormalizedUserName).HasMaxLength(64).IsRequired();
        builder.HasIndex(NormalizedUserName).IsUnique();
        builder.Property(u => u.DisplayName).HasMaxLength(50).IsRequired();
        builder.Property(u => u.PasswordHash).HasMaxLength(512).IsRequired();
        builder.Property(u => u.FailedSignIns).HasDefaultValue(0);
        builder.HasOne<Bureau>().WithMany().HasForeignKey(u => u.BureauId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Unit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
