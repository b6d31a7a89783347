using System.Numerics;
using System.Security.Cryptography;
using System.Text;
using CreateOs.Core.Wallet;

namespace CreateOs.Oracle.Tests.Nethereum;

/// <summary>
/// Runs seeded randomized cases and reports every difference with the seed that replays it. Each run draws a fresh
/// seed (so runs keep exploring) unless CREATEOS_ORACLE_SEED names one; case i of a primitive always gets the same
/// inputs for the same seed, so a failure names exactly what to replay.
/// </summary>
internal static class OracleCases
{
    public const int PerPrimitive = 10_000;

    /// <summary>Recovering a signer costs two scalar multiplications: one case in ten also recovers on the other side.</summary>
    public const int RecoveryPercent = 10;
    public const string SeedVariable = "CREATEOS_ORACLE_SEED";

    public static int Seed { get; } = int.TryParse(Environment.GetEnvironmentVariable(SeedVariable), out var seed)
        ? seed
        : RandomNumberGenerator.GetInt32(int.MaxValue);

    /// <summary>Runs <paramref name="count"/> cases on all cores; fails with the first differences found, each with its case number.</summary>
    public static void Run(string primitive, int count, Action<CaseRandom> check)
    {
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, (index, loop) =>
        {
            try
            {
                check(new CaseRandom(Seed, primitive, index));
            }
            catch (Exception e)
            {
                failures.Enqueue($"case {index}: {e.GetType().Name}: {e.Message}");
                if (failures.Count >= 5) loop.Stop();
            }
        });
        if (!failures.IsEmpty)
            Assert.Fail($"{primitive}: {failures.Count}+ randomized cases differ from Nethereum (seed {Seed}; replay with {SeedVariable}={Seed}):{Environment.NewLine}"
                        + string.Join(Environment.NewLine, failures.Take(5)));
    }

    /// <summary>Fails with both sides in hex when the bytes differ.</summary>
    public static void Same(string what, byte[] ours, byte[] theirs)
    {
        if (!ours.AsSpan().SequenceEqual(theirs))
            throw new OracleMismatchException($"{what}: ours {Hex.Encode(ours)} vs Nethereum {Hex.Encode(theirs)}");
    }

    public static void Same(string what, string ours, string theirs)
    {
        if (!string.Equals(ours, theirs, StringComparison.Ordinal))
            throw new OracleMismatchException($"{what}: ours {ours} vs Nethereum {theirs}");
    }

    /// <summary>Hex in one form (lowercase, 0x) whatever the side printed.</summary>
    public static string NormalHex(string hex) => "0x" + (hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex).ToLowerInvariant();
}

/// <summary>
/// Nethereum signs through NBitcoin.Secp256k1 (a C# port of libsecp256k1) instead of its BouncyCastle path, so the
/// oracle shares no elliptic-curve code with our Core. That path of Nethereum 6.1.0 cannot take a private key whose
/// first byte is 0 ("b32 should be of length 32": the key goes through a trimmed big integer), so such keys are signed
/// on Nethereum's BouncyCastle path, one at a time (the switch is a process-wide static).
/// </summary>
internal static class NethereumSigning
{
    private static readonly ReaderWriterLockSlim Switch = new();

    [System.Runtime.CompilerServices.ModuleInitializer]
    internal static void UseLibsecp256k1Port() => global::Nethereum.Signer.EthECKey.SignRecoverable = true;

    /// <summary>Runs a Nethereum call that signs with <paramref name="privateKey"/> on the path that can take it.</summary>
    public static T With<T>(byte[] privateKey, Func<T> sign)
    {
        if (privateKey[0] != 0)
        {
            Switch.EnterReadLock();
            try { return sign(); }
            finally { Switch.ExitReadLock(); }
        }
        Switch.EnterWriteLock();
        try
        {
            global::Nethereum.Signer.EthECKey.SignRecoverable = false;
            return sign();
        }
        finally
        {
            global::Nethereum.Signer.EthECKey.SignRecoverable = true;
            Switch.ExitWriteLock();
        }
    }
}

internal sealed class OracleMismatchException(string message) : Exception(message);

/// <summary>The random inputs of one case, biased towards the boundaries where encoders go wrong.</summary>
internal sealed class CaseRandom
{
    private static readonly BigInteger CurveOrder = BigInteger.Parse("0FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", System.Globalization.NumberStyles.HexNumber);
    private readonly Random _random;

    public CaseRandom(int seed, string primitive, int index)
    {
        // A stable mix (string.GetHashCode is randomized per process).
        var hash = 2166136261u;
        foreach (var c in primitive) hash = (hash ^ c) * 16777619u;
        _random = new Random(unchecked(seed * 1_000_003 + (int)hash * 31 + index));
    }

    public int Next(int maxExclusive) => _random.Next(maxExclusive);

    public int Next(int min, int maxExclusive) => _random.Next(min, maxExclusive);

    public bool Chance(int percent) => _random.Next(100) < percent;

    public T Pick<T>(params T[] items) => items[_random.Next(items.Length)];

    public byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A valid private key: mostly uniform, sometimes 1, n−1 or one with leading zero bytes.</summary>
    public byte[] PrivateKey()
    {
        if (Chance(3))
        {
            var edge = Pick(BigInteger.One, CurveOrder - 1, new BigInteger(Next(1, int.MaxValue)), new BigInteger(Bytes(20), isUnsigned: true, isBigEndian: true) + 1);
            return To32(edge);
        }
        while (true)
        {
            var candidate = Bytes(32);
            if (Chance(2)) candidate[0] = 0;
            var value = new BigInteger(candidate, isUnsigned: true, isBigEndian: true);
            if (value > 0 && value < CurveOrder) return candidate;
        }
    }

    /// <summary>An unsigned integer below 2^bits: zero, small, byte boundaries, the maximum, or uniform over a random length.</summary>
    public BigInteger Unsigned(int bits)
    {
        var max = (BigInteger.One << bits) - 1;
        switch (Next(10))
        {
            case 0: return Pick(BigInteger.Zero, BigInteger.One, new BigInteger(127), new BigInteger(128), new BigInteger(255), new BigInteger(256), max);
            case 1: return BigInteger.One << Next(bits);
            default:
                var value = new BigInteger(Bytes(Next(1, bits / 8 + 1)), isUnsigned: true, isBigEndian: true);
                return value & max;
        }
    }

    public ulong UInt64() => (ulong)Unsigned(64);

    public byte[] Address()
    {
        if (Chance(3)) return new byte[20];
        var bytes = Bytes(20);
        if (Chance(10)) bytes[0] = 0;
        return bytes;
    }

    /// <summary>Call data or message bytes with lengths around the RLP 55/56 boundary and the Keccak 136-byte rate.</summary>
    public byte[] Data(int max = 300) => Bytes(Chance(30) ? Pick(0, 1, 31, 32, 33, 54, 55, 56, 57, 135, 136, 137, 255, 256) : Next(max + 1));

    /// <summary>Valid UTF-16 text (no lone surrogates) mixing ASCII, Latin-1, CJK and astral characters.</summary>
    public string Text(int maxChars)
    {
        var builder = new StringBuilder();
        var length = Next(maxChars + 1);
        for (var i = 0; i < length; i++)
        {
            switch (Next(6))
            {
                case 0: builder.Append((char)Next(0xA0, 0x250)); break;
                case 1: builder.Append((char)Next(0x4E00, 0x9FFF)); break;
                case 2: builder.Append(char.ConvertFromUtf32(Next(0x1F300, 0x1FAFF))); break;
                default: builder.Append((char)Next(0x20, 0x7F)); break;
            }
        }
        return builder.ToString();
    }

    public static byte[] To32(BigInteger value)
    {
        var bytes = value.ToByteArray(isUnsigned: true, isBigEndian: true);
        var padded = new byte[32];
        bytes.CopyTo(padded, 32 - bytes.Length);
        return padded;
    }
}
