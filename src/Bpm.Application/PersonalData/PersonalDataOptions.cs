namespace Bpm.Application.PersonalData;

/// <summary>
/// The <c>PersonalData</c> section. Example for production, from the environment:
/// <c>PersonalData__Cipher=Sm4</c>, <c>PersonalData__Keys__k1=&lt;base64 of 16 random bytes&gt;</c>,
/// <c>PersonalData__ActiveKey=k1</c>, <c>PersonalData__DigestKey=&lt;base64 of 32 random bytes&gt;</c>.
/// Rotation: add k2, make it active, run <c>bpm personal-data rotate</c>, then remove k1.
/// </summary>
public sealed class PersonalDataOptions
{
    public const string Section = "PersonalData";

    /// <summary><see cref="PersonalDataCipher.AesGcm"/> (AES-256-GCM, 32-byte keys) or <see cref="PersonalDataCipher.Sm4"/> (SM4-GCM, 16-byte keys).</summary>
    public PersonalDataCipher Cipher { get; set; } = PersonalDataCipher.AesGcm;

    /// <summary>Key id → base64 key; ids are short names such as k1, k2 (letters and digits).</summary>
    public Dictionary<string, string> Keys { get; set; } = [];

    /// <summary>The key new values are written under; every other key is only read.</summary>
    public string? ActiveKey { get; set; }

    /// <summary>Base64 key (at least 32 bytes) of the lookup digests (HMAC-SHA256, or HMAC-SM3 with the SM4 cipher).</summary>
    public string? DigestKey { get; set; }

    /// <summary>
    /// When no key is configured and the demo is on: keys are generated once into this file (relative to the settings
    /// folder) and reused, so a demo runs without setup. Outside the demo a missing key stops the start.
    /// </summary>
    public string DemoKeyFile { get; set; } = "data/personal-data-demo-keys.json";

    /// <summary>At start-up, encrypt rows still in clear and re-encrypt rows under keys other than the active one.</summary>
    public bool EncryptOnStartup { get; set; } = true;
}

public enum PersonalDataCipher
{
    AesGcm,
    Sm4,
}
