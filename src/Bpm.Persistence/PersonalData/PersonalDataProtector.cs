using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Bpm.Application.PersonalData;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Macs;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;

namespace Bpm.Persistence.PersonalData;

/// <summary>
/// The configured cipher behind <see cref="IPersonalDataProtector"/>. Stored form: <c>v1:&lt;key id&gt;:&lt;base64(nonce ‖
/// ciphertext ‖ tag)&gt;</c> with a random 12-byte nonce and a 16-byte tag; the prefix <c>v1:k2</c> is authenticated too, so
/// a value cannot be moved under another key id. "13812345678" under k2 → <c>v1:k2:</c> and 52 base64 characters.
/// AES-256-GCM (System.Security.Cryptography) or SM4-GCM (GB/T 32907, BouncyCastle) for deployments bound to 商用密码;
/// digests are HMAC-SHA256, or HMAC-SM3 with SM4.
/// </summary>
public sealed partial class PersonalDataProtector : IPersonalDataProtector
{
    private const string Prefix = "v1:";
    private const int NonceBytes = 12;
    private const int TagBytes = 16;
    private const int MinDigestKeyBytes = 32;

    private readonly PersonalDataCipher _cipher;
    private readonly IReadOnlyDictionary<string, byte[]> _keys;
    private readonly string _activeKey;
    private readonly byte[] _digestKey;

    private PersonalDataProtector(PersonalDataCipher cipher, IReadOnlyDictionary<string, byte[]> keys, string activeKey, byte[] digestKey)
    {
        _cipher = cipher;
        _keys = keys;
        _activeKey = activeKey;
        ActiveHeader = $"{Prefix}{activeKey}:";
        _digestKey = digestKey;
        var material = new StringBuilder().Append(cipher).Append('|').Append(activeKey);
        foreach (var (id, key) in keys.OrderBy(k => k.Key, StringComparer.Ordinal))
        {
            material.Append('|').Append(id).Append('=').Append(Convert.ToBase64String(key));
        }

        material.Append('|').Append(Convert.ToBase64String(digestKey));
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(material.ToString())))[..16];
    }

    public string Fingerprint { get; }

    public string ActiveHeader { get; }

    /// <summary>
    /// For tools and tests that open a database without settings (never the server or the CLI, which read
    /// <c>PersonalData</c> and refuse to start without keys): AES-GCM under a fixed, publicly known key "dev".
    /// </summary>
    public static PersonalDataProtector Development { get; } = Create(DevelopmentOptions());

    /// <summary>The settings of <see cref="Development"/>, e.g. for a test that runs the CLI on a database its tools opened.</summary>
    public static PersonalDataOptions DevelopmentOptions() => new()
    {
        Keys = new() { ["dev"] = Convert.ToBase64String(SHA256.HashData("bpm development personal-data key"u8)) },
        ActiveKey = "dev",
        DigestKey = Convert.ToBase64String(SHA256.HashData("bpm development personal-data digest key"u8)),
    };

    /// <summary>Checks the settings and builds the protector.</summary>
    /// <exception cref="InvalidOperationException">a key is missing, malformed or too short; the message names the setting.</exception>
    public static PersonalDataProtector Create(PersonalDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = Problems(options);
        if (problems.Count > 0)
        {
            throw new InvalidOperationException("个人信息加密配置有误 (PersonalData settings): " + string.Join("; ", problems));
        }

        var keys = options.Keys.ToDictionary(k => k.Key, k => Convert.FromBase64String(k.Value), StringComparer.Ordinal);
        return new PersonalDataProtector(options.Cipher, keys, options.ActiveKey!, Convert.FromBase64String(options.DigestKey!));
    }

    /// <summary>What is wrong with the settings, one sentence each naming the setting; empty when they are usable.</summary>
    public static IReadOnlyList<string> Problems(PersonalDataOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        var keyBytes = options.Cipher == PersonalDataCipher.Sm4 ? 16 : 32;
        if (options.Keys.Count == 0)
        {
            problems.Add($"PersonalData:Keys is empty: configure at least one key, e.g. PersonalData__Keys__k1=<base64 of {keyBytes} random bytes>");
        }

        foreach (var (id, value) in options.Keys)
        {
            if (!KeyIdPattern().IsMatch(id))
            {
                problems.Add($"PersonalData:Keys:{id}: a key id is 1 to 16 letters or digits, e.g. k1");
            }

            var bytes = FromBase64(value);
            if (bytes is null || bytes.Length != keyBytes)
            {
                problems.Add($"PersonalData:Keys:{id} must be the base64 of exactly {keyBytes} bytes for {options.Cipher} (got {(bytes is null ? "no valid base64" : bytes.Length.ToString(CultureInfo.InvariantCulture) + " bytes")})");
            }
        }

        if (string.IsNullOrWhiteSpace(options.ActiveKey))
        {
            problems.Add("PersonalData:ActiveKey is empty: name the key new values are written under, e.g. k1");
        }
        else if (!options.Keys.ContainsKey(options.ActiveKey))
        {
            problems.Add($"PersonalData:ActiveKey \"{options.ActiveKey}\" is not one of PersonalData:Keys");
        }

        var digestKey = FromBase64(options.DigestKey);
        if (digestKey is null || digestKey.Length < MinDigestKeyBytes)
        {
            problems.Add($"PersonalData:DigestKey must be the base64 of at least {MinDigestKeyBytes} random bytes");
        }

        return problems;
    }

    public string Protect(string clear)
    {
        ArgumentNullException.ThrowIfNull(clear);
        var header = ActiveHeader;
        var nonce = RandomNumberGenerator.GetBytes(NonceBytes);
        var sealedBytes = Seal(_keys[_activeKey], nonce, Encoding.UTF8.GetBytes(clear), Encoding.ASCII.GetBytes(header));
        return header + Convert.ToBase64String([.. nonce, .. sealedBytes]);
    }

    public string Unprotect(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        if (!stored.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return stored;
        }

        var keyEnd = stored.IndexOf(':', Prefix.Length);
        if (keyEnd < 0)
        {
            throw new InvalidOperationException("个人信息密文格式不正确 (malformed protected value)");
        }

        var keyId = stored[Prefix.Length..keyEnd];
        if (!_keys.TryGetValue(keyId, out var key))
        {
            throw new InvalidOperationException($"个人信息密钥 {keyId} 未配置 (PersonalData:Keys:{keyId} is needed to read this value)");
        }

        var bytes = FromBase64(stored[(keyEnd + 1)..]);
        if (bytes is null || bytes.Length < NonceBytes + TagBytes)
        {
            throw new InvalidOperationException("个人信息密文格式不正确 (malformed protected value)");
        }

        var header = Encoding.ASCII.GetBytes(stored[..(keyEnd + 1)]);
        return Encoding.UTF8.GetString(Open(key, bytes[..NonceBytes], bytes[NonceBytes..], header));
    }

    public bool IsCurrent(string stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        return stored.StartsWith(ActiveHeader, StringComparison.Ordinal);
    }

    public string Digest(string clear)
    {
        ArgumentNullException.ThrowIfNull(clear);
        var data = Encoding.UTF8.GetBytes(clear);
        if (_cipher != PersonalDataCipher.Sm4)
        {
            return Convert.ToHexStringLower(HMACSHA256.HashData(_digestKey, data));
        }

        var hmac = new HMac(new SM3Digest());
        hmac.Init(new KeyParameter(_digestKey));
        hmac.BlockUpdate(data, 0, data.Length);
        var output = new byte[hmac.GetMacSize()];
        hmac.DoFinal(output, 0);
        return Convert.ToHexStringLower(output);
    }

    /// <summary>SM4 (GB/T 32907-2016) on one 16-byte block, for checking the standard's example vector.</summary>
    public static byte[] Sm4EncryptBlock(byte[] key, byte[] block)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(block);
        var engine = new SM4Engine();
        engine.Init(true, new KeyParameter(key));
        var output = new byte[16];
        engine.ProcessBlock(block, 0, output, 0);
        return output;
    }

    private byte[] Seal(byte[] key, byte[] nonce, byte[] plain, byte[] associated)
    {
        if (_cipher == PersonalDataCipher.Sm4)
        {
            return Sm4Gcm(forEncryption: true, key, nonce, plain, associated);
        }

        using var aes = new AesGcm(key, TagBytes);
        var cipherText = new byte[plain.Length];
        var tag = new byte[TagBytes];
        aes.Encrypt(nonce, plain, cipherText, tag, associated);
        return [.. cipherText, .. tag];
    }

    private byte[] Open(byte[] key, byte[] nonce, byte[] sealedBytes, byte[] associated)
    {
        try
        {
            if (_cipher == PersonalDataCipher.Sm4)
            {
                return Sm4Gcm(forEncryption: false, key, nonce, sealedBytes, associated);
            }

            using var aes = new AesGcm(key, TagBytes);
            var plain = new byte[sealedBytes.Length - TagBytes];
            aes.Decrypt(nonce, sealedBytes[..^TagBytes], sealedBytes[^TagBytes..], plain, associated);
            return plain;
        }
        catch (Exception e) when (e is CryptographicException or Org.BouncyCastle.Crypto.InvalidCipherTextException)
        {
            throw new InvalidOperationException("个人信息密文校验失败：密钥不符或数据被改动 (wrong key or altered value)", e);
        }
    }

    private static byte[] Sm4Gcm(bool forEncryption, byte[] key, byte[] nonce, byte[] input, byte[] associated)
    {
        var gcm = new GcmBlockCipher(new SM4Engine());
        gcm.Init(forEncryption, new AeadParameters(new KeyParameter(key), TagBytes * 8, nonce, associated));
        var output = new byte[gcm.GetOutputSize(input.Length)];
        var written = gcm.ProcessBytes(input, 0, input.Length, output, 0);
        written += gcm.DoFinal(output, written);
        return output[..written];
    }

    private static byte[]? FromBase64(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text.Trim(), buffer, out var written) ? buffer[..written] : null;
    }

    [GeneratedRegex("^[A-Za-z0-9]{1,16}$")]
    private static partial Regex KeyIdPattern();
}
