namespace Bpm.Application.PersonalData;

/// <summary>
/// Encrypts personal data at rest (a taxpayer's contact and credit code) and gives each value a keyed digest (a blind
/// index) so that equality lookups work without decrypting: "13812345678" is stored as <c>v1:k2:&lt;base64&gt;</c>, a new
/// random text on every write, while its digest is the same every time and so can be indexed and compared.
/// </summary>
public interface IPersonalDataProtector
{
    /// <summary>The stored form under the active key, e.g. <c>v1:k2:AAECAwQF…</c>.</summary>
    string Protect(string clear);

    /// <summary>
    /// The clear value of a stored form under any configured key. A value without the <c>v1:</c> prefix is a row written
    /// before encryption was introduced and is returned as it is (<c>bpm personal-data encrypt</c> converts such rows).
    /// </summary>
    /// <exception cref="InvalidOperationException">its key is not configured or the text was altered.</exception>
    string Unprotect(string stored);

    /// <summary>How every stored form under the active key starts, e.g. <c>v1:k2:</c>.</summary>
    string ActiveHeader { get; }

    /// <summary>True when <paramref name="stored"/> is encrypted under the active key, so a rotation need not touch it.</summary>
    bool IsCurrent(string stored);

    /// <summary>The keyed digest of a clear value (64 hex digits); equal values give equal digests under one digest key.</summary>
    string Digest(string clear);

    /// <summary>Names the cipher, the keys and the digest key without revealing them: equal fingerprints protect alike.</summary>
    string Fingerprint { get; }
}
