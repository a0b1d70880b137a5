using Bpm.Application.PersonalData;
using Bpm.Domain.Requests;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.DependencyInjection;

namespace Bpm.Persistence.PersonalData;

/// <summary>
/// Where personal data lives encrypted: <c>TaxpayerRequests.Contact</c> and <c>.CreditCode</c> hold the protector's stored
/// form (<c>v1:k1:…</c>), and the digest columns beside them (<c>ContactDigest</c>, <c>CreditCodeDigest</c>) hold the keyed
/// digests every equality lookup uses: the taxpayer profile, repeat detection, search by credit code. The name stays in
/// clear (it is searched by substring) and is masked in lists instead.
/// </summary>
public static class PersonalDataColumns
{
    public const string ContactDigest = "ContactDigest";
    public const string CreditCodeDigest = "CreditCodeDigest";

    /// <summary>Room for the stored form of a 254-character contact: prefix, 12-byte nonce, UTF-8 text, 16-byte tag, base64.</summary>
    public const int ContactStoredLength = 1100;

    public const int CreditCodeStoredLength = 128;

    public const int DigestLength = 64;

    /// <summary>Encrypts the two columns with <paramref name="protector"/> (each write gets a fresh nonce; reads decrypt).</summary>
    internal static void Encrypt(ModelBuilder modelBuilder, IPersonalDataProtector protector)
    {
        var converter = new ValueConverter<string, string>(clear => protector.Protect(clear), stored => protector.Unprotect(stored));
        modelBuilder.Entity<TaxpayerRequest>(request =>
        {
            request.Property(r => r.Contact).HasConversion(converter).HasMaxLength(ContactStoredLength);
            request.Property(r => r.CreditCode).HasConversion((ValueConverter)converter).HasMaxLength(CreditCodeStoredLength);
        });
    }

    /// <summary>Sets the digests of requests being inserted, or whose contact or credit code changed.</summary>
    internal static void FillDigests(IEnumerable<EntityEntry> entries, IPersonalDataProtector protector)
    {
        foreach (var entry in entries)
        {
            if (entry.Entity is not TaxpayerRequest request)
            {
                continue;
            }

            var contactChanged = entry.State == EntityState.Added
                || (entry.State == EntityState.Modified && entry.Property(nameof(TaxpayerRequest.Contact)).IsModified);
            if (contactChanged)
            {
                entry.Property(ContactDigest).CurrentValue = protector.Digest(request.Contact);
            }

            var codeChanged = entry.State == EntityState.Added
                || (entry.State == EntityState.Modified && entry.Property(nameof(TaxpayerRequest.CreditCode)).IsModified);
            if (codeChanged)
            {
                entry.Property(CreditCodeDigest).CurrentValue = request.CreditCode is { } code ? protector.Digest(code) : null;
            }
        }
    }

    /// <summary>Carries the protector in the context's options, and keys the cached model by it (the converters hold it).</summary>
    public static DbContextOptionsBuilder UsePersonalData(this DbContextOptionsBuilder builder, IPersonalDataProtector protector)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ((IDbContextOptionsBuilderInfrastructure)builder).AddOrUpdateExtension(new PersonalDataOptionsExtension(protector));
        return builder.ReplaceService<IModelCacheKeyFactory, PersonalDataModelCacheKeyFactory>();
    }

    public static DbContextOptionsBuilder<TContext> UsePersonalData<TContext>(this DbContextOptionsBuilder<TContext> builder, IPersonalDataProtector protector)
        where TContext : DbContext
    {
        UsePersonalData((DbContextOptionsBuilder)builder, protector);
        return builder;
    }
}

internal sealed class PersonalDataOptionsExtension(IPersonalDataProtector protector) : IDbContextOptionsExtension
{
    public IPersonalDataProtector Protector { get; } = protector;

    public DbContextOptionsExtensionInfo Info => new ExtensionInfo(this);

    public void ApplyServices(IServiceCollection services)
    {
    }

    public void Validate(IDbContextOptions options)
    {
    }

    private sealed class ExtensionInfo(IDbContextOptionsExtension extension) : DbContextOptionsExtensionInfo(extension)
    {
        public override bool IsDatabaseProvider => false;

        public override string LogFragment => "PersonalData ";

        // The protector changes no internal service, so every context shares EF's service provider.
        public override int GetServiceProviderHashCode() => 0;

        public override bool ShouldUseSameServiceProvider(DbContextOptionsExtensionInfo other) => other is ExtensionInfo;

        public override void PopulateDebugInfo(IDictionary<string, string> debugInfo) =>
            debugInfo["PersonalData:Fingerprint"] = ((PersonalDataOptionsExtension)Extension).Protector.Fingerprint;
    }
}

/// <summary>One cached model per context type and protector fingerprint: tests with other keys get their own converters.</summary>
internal sealed class PersonalDataModelCacheKeyFactory : IModelCacheKeyFactory
{
    public object Create(DbContext context, bool designTime) =>
        context is BpmDbContext bpm ? (context.GetType(), bpm.PersonalData.Fingerprint, designTime) : (context.GetType(), designTime);
}
