using Bpm.Domain.Audit;

namespace Bpm.Application.Audit;

/// <summary>
/// Hashes audit rows with the algorithm each row names; SM3 comes from the host (<see cref="Sm3Digest"/>), since the domain
/// has no cryptography package. New rows use <see cref="AuditOptions.HashAlgorithm"/>.
/// </summary>
public sealed class AuditHasher(AuditOptions options, Func<byte[], byte[]>? sm3Digest = null)
{
    public string Algorithm => options.HashAlgorithm;

    public Func<byte[], byte[]>? Sm3Digest => sm3Digest;

    public string Hash(AuditEntry entry) => AuditChain.ComputeHash(entry, sm3Digest);
}
