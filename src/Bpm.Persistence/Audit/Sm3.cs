using Org.BouncyCastle.Crypto.Digests;

namespace Bpm.Persistence.Audit;

/// <summary>SM3 (GB/T 32905-2016) from BouncyCastle. Standard vector: "abc" → 66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0.</summary>
public static class Sm3
{
    public static byte[] Digest(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var digest = new SM3Digest();
        digest.BlockUpdate(data, 0, data.Length);
        var output = new byte[digest.GetDigestSize()];
        digest.DoFinal(output, 0);
        return output;
    }
}
