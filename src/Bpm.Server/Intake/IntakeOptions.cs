using System.Security.Cryptography;
using System.Text;
using Bpm.Domain.Requests;

namespace Bpm.Server.Intake;

/// <summary>
/// <c>Intake:Channels:&lt;slug&gt;</c>: one entry per channel system allowed to post to <c>/api/intake/&lt;slug&gt;</c>, e.g.
/// <c>12345</c> → 12345政务服务便民热线, received by 仙桃's 纳税服务科 under category POLICY, its fields read from
/// <c>sqrmc</c>, <c>lxdh</c>, <c>sqnr</c>, <c>slsj</c>. A channel without API keys refuses every post.
/// </summary>
public sealed class IntakeOptions
{
    public const string Section = "Intake";

    public Dictionary<string, IntakeChannelOptions> Channels { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public IntakeChannelOptions? Find(string slug) =>
        Channels.FirstOrDefault(c => string.Equals(c.Key, slug, StringComparison.OrdinalIgnoreCase)).Value;
}

public sealed class IntakeChannelOptions
{
    public Channel Channel { get; set; }

    /// <summary>
    /// Keys the channel's system sends in <c>X-Api-Key</c>: the key itself, or better its hash <c>sha256:&lt;64 hex&gt;</c>
    /// (<c>printf %s KEY | sha256sum</c>), so that the settings never hold the key. Production sets them through the
    /// environment or a secret store (<c>Intake__Channels__12366__ApiKeys__0</c>), never in appsettings.json.
    /// </summary>
    public List<string> ApiKeys { get; set; } = [];

    /// <summary>The receiving bureau's code when the post names none, e.g. xiantao.</summary>
    public string BureauCode { get; set; } = "";

    /// <summary>Further bureau codes a post may name in its bureau field (e.g. a city hotline serving its districts).</summary>
    public List<string> AllowedBureaus { get; set; } = [];

    /// <summary>The receiving unit's code in the receiving bureau, e.g. nsfwk (纳税服务科).</summary>
    public string UnitCode { get; set; } = "";

    /// <summary>The category when the post has none, e.g. OTHER.</summary>
    public string CategoryCode { get; set; } = "";

    /// <summary>Recorded as the receiving officer when the post names none, e.g. 12366热线接口.</summary>
    public string Officer { get; set; } = "";

    /// <summary>Our field → the channel's JSON field, e.g. taxpayerName → sqrmc. A field not listed is read under our own name.</summary>
    public Dictionary<string, string> Fields { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>True when the presented key is one of <see cref="ApiKeys"/>; every configured key is compared in constant time.</summary>
    public bool Accepts(string? presentedKey)
    {
        if (string.IsNullOrEmpty(presentedKey))
        {
            return false;
        }

        var presented = SHA256.HashData(Encoding.UTF8.GetBytes(presentedKey));
        var accepted = false;
        foreach (var key in ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k)))
        {
            accepted |= CryptographicOperations.FixedTimeEquals(presented, HashOf(key.Trim()));
        }

        return accepted;
    }

    private static byte[] HashOf(string configured) =>
        configured.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase) && configured.Length == 7 + 64
            ? Convert.FromHexString(configured[7..])
            : SHA256.HashData(Encoding.UTF8.GetBytes(configured));
}
