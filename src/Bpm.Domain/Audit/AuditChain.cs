using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Bpm.Domain.Audit;

/// <summary>
/// The hash of an audit row: SHA-256 (or SM3) over a canonical encoding of every field plus the previous row's hash.
/// Encoding: each field as its UTF-8 byte length, ':', the text, '\n', in a fixed order; so "ab"+"c" and "a"+"bc" differ.
/// Fields: sequence (invariant digits), at ("2026-03-02T02:00:00.000Z"), actor id ("D" format or empty), actor name,
/// bureau id, kind name, subject, summary, algorithm, previous hash. The first row's previous hash is <see cref="Genesis"/>.
/// </summary>
public static class AuditChain
{
    public const string Sha256 = "SHA256";
    public const string Sm3 = "SM3";

    /// <summary>64 zeros: the "previous hash" of sequence 1.</summary>
    public static readonly string Genesis = new('0', 64);

    public static string CanonicalText(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var text = new StringBuilder();
        Field(text, entry.Sequence.ToString(CultureInfo.InvariantCulture));
        Field(text, entry.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        Field(text, entry.ActorUserId?.ToString("D") ?? "");
        Field(text, entry.ActorName);
        Field(text, entry.BureauId?.ToString("D") ?? "");
        Field(text, entry.Kind.ToString());
        Field(text, entry.Subject);
        Field(text, entry.Summary);
        Field(text, entry.Algorithm);
        Field(text, entry.PreviousHash);
        return text.ToString();
    }

    /// <summary>Lower-case hex of the digest of <see cref="CanonicalText"/>; SM3 needs a digest from the host (<paramref name="sm3"/>).</summary>
    public static string ComputeHash(AuditEntry entry, Func<byte[], byte[]>? sm3 = null)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var bytes = Encoding.UTF8.GetBytes(CanonicalText(entry));
        var digest = entry.Algorithm switch
        {
            Sha256 => SHA256.HashData(bytes),
            Sm3 when sm3 is not null => sm3(bytes),
            _ => throw new InvalidOperationException($"audit hash algorithm '{entry.Algorithm}' is not available (SHA256 | SM3)"),
        };
        return Convert.ToHexStringLower(digest);
    }

    private static void Field(StringBuilder text, string value) =>
        text.Append(Encoding.UTF8.GetByteCount(value).ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
}
