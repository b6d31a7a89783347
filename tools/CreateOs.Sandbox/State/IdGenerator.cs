using System.Security.Cryptography;

namespace CreateOs.Sandbox.State;

/// <summary>UUIDs and secrets; reproducible when a seed is given.</summary>
public sealed class IdGenerator(int? seed)
{
    private readonly Random? _random = seed is null ? null : new Random(seed.Value);
    private readonly object _gate = new();

    public Guid NewId()
    {
        var bytes = NextBytes(16);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (little-endian Guid layout)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    public string NewHex(int byteCount) => Convert.ToHexString(NextBytes(byteCount)).ToLowerInvariant();

    public string NewApiKeySecret() => "skp_" + NewHex(24);

    private byte[] NextBytes(int count)
    {
        var bytes = new byte[count];
        if (_random is null)
        {
            RandomNumberGenerator.Fill(bytes);
            return bytes;
        }
        lock (_gate) _random.NextBytes(bytes);
        return bytes;
    }
}
