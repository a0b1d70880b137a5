using Bpm.Domain.Bureaus;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Bpm.Persistence.Configurations;

internal sealed class BureauConfiguration : IEntityTypeConfiguration<Bureau>
{
    public void Configure(EntityTypeBuilder<Bureau> builder)
    {
        builder.HasKey(b => b.Id);
        builder.Property(b => b.Code).HasMaxLength(32).IsRequired();
        builder.HasIndex(b => b.Code).IsUnique();
        builder.Property(b => b.Name).HasMaxLength(100).IsRequired();
        builder.Property(b => b.NumberPrefix).HasMaxLength(8).IsRequired();
        builder.HasIndex(b => b.NumberPrefix).IsUnique();
        builder.Property(b => b.TimeZoneId).HasMaxLength(64);
        builder.HasOne<Bureau>().WithMany().HasForeignKey(b => b.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class UnitConfiguration : IEntityTypeConfiguration<Unit>
{
    public void Configure(EntityTypeBuilder<Unit> builder)
    {
        builder.HasKey(u => u.Id);
        builder.Property(u => u.Code).HasMaxLength(32).IsRequired();
        builder.Property(u => u.Name).HasMaxLength(100).IsRequired();
        builder.HasIndex(u => new { u.BureauId, u.Code }).IsUnique();
        builder.HasOne<Bureau>().WithMany().HasForeignKey(u => u.BureauId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class BureauCalendarDayConfiguration : IEntityTypeConfiguration<BureauCalendarDay>
{
    public void Configure(EntityTypeBuilder<BureauCalendarDay> builder)
    {
        builder.HasKey(d => new { d.BureauId, d.Date });
        builder.Property(d => d.Name).HasMaxLength(50).IsRequired();
        builder.HasOne<Bureau>().WithMany().HasForeignKey(d => d.BureauId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RequestCategoryConfiguration : IEntityTypeConfiguration<RequestCategory>
{
    public void Configure(EntityTypeBuilder<RequestCategory> builder)
    {
        builder.HasKey(c => new { c.BureauId, c.Code });
        builder.Property(c => c.Code).HasMaxLength(32);
        builder.Property(c => c.Name).HasMaxLength(50).IsRequired();
        builder.HasOne<Bureau>().WithMany().HasForeignKey(c => c.BureauId).OnDelete(DeleteBehavior.Cascade);
    }
}
