using System.Globalization;
using System.Numerics;
using System.Text;

namespace CreateOs.Sandbox.Chains;

/// <summary>The few hex and ABI encodings the sandbox's chain code needs (no dependency on the core's codec).</summary>
public static class EvmHex
{
    public const string TransferEventTopic = "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef";

    internal const string BalanceOfSelector = "70a08231";
    internal const string TransferSelector = "a9059cbb";
    internal const string MintSelector = "40c10f19";
    internal const string TransferWithAuthorizationSelector = "e3ee160e";
    internal const string AuthorizationStateSelector = "e94a0102";

    /// <summary>True for "0x" followed by exactly 40 hex digits (any letter case; the checksum is not enforced).</summary>
    public static bool IsAddress(string? value) => IsPrefixedHex(value, 40);

    /// <summary>True for "0x" followed by exactly 64 hex digits, the shape of a transaction hash.</summary>
    public static bool IsTransactionHash(string? value) => IsPrefixedHex(value, 64);

    public static bool AddressEquals(string? left, string? right) =>
        left is not null && right is not null && string.Equals(left, right, StringComparison.OrdinalIgnoreCase);

    /// <summary>Parses a JSON-RPC quantity ("0x1a") or 32-byte word into a non-negative integer.</summary>
    public static BigInteger ParseQuantity(string hex)
    {
        var digits = StripPrefix(hex);
        if (digits.Length == 0) return BigInteger.Zero;
        return BigInteger.Parse("0" + digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture);
    }

    /// <summary>Formats a non-negative integer as a JSON-RPC quantity: "0x0", "0x1a".</summary>
    public static string ToQuantity(BigInteger value)
    {
        if (value.Sign < 0) throw new ArgumentOutOfRangeException(nameof(value), "Quantities are non-negative.");
        if (value.IsZero) return "0x0";
        return "0x" + value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
    }

    /// <summary>A 32-byte big-endian word, 64 hex digits without prefix.</summary>
    public static string ToWord(BigInteger value)
    {
        if (value.Sign < 0) throw new ArgumentOutOfRangeException(nameof(value), "Words are unsigned here.");
        var digits = value.IsZero ? "0" : value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0');
        if (digits.Length > 64) throw new ArgumentOutOfRangeException(nameof(value), "Does not fit in 256 bits.");
        return digits.PadLeft(64, '0');
    }

    /// <summary>An address left-padded to a 32-byte word, 64 hex digits without prefix.</summary>
    public static string AddressToWord(string address)
    {
        if (!IsAddress(address)) throw new ArgumentException($"Not an address: '{address}'.", nameof(address));
        return StripPrefix(address).ToLowerInvariant().PadLeft(64, '0');
    }

    /// <summary>The address in the low 20 bytes of a 32-byte word (a log topic), lower case with 0x.</summary>
    public static string WordToAddress(string word)
    {
        var digits = StripPrefix(word);
        if (digits.Length != 64) throw new FormatException($"Not a 32-byte word: '{word}'.");
        return "0x" + digits[24..].ToLowerInvariant();
    }

    /// <summary>
    /// Solidity's storage encoding of a string shorter than 32 bytes: the bytes left-aligned, length × 2 in the
    /// last byte. Longer strings would need the data at keccak256(slot), which the sandbox does not need.
    /// </summary>
    public static string EncodeShortStringStorageWord(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bytes.Length > 31) throw new ArgumentException($"At most 31 UTF-8 bytes fit in one storage word: '{text}'.", nameof(text));
        var word = new byte[32];
        bytes.CopyTo(word, 0);
        word[31] = (byte)(bytes.Length * 2);
        return "0x" + Convert.ToHexStringLower(word);
    }

    /// <summary>Decodes an ABI-encoded single dynamic string (the return value of name()/symbol()).</summary>
    public static string DecodeAbiString(string returnData)
    {
        var bytes = Convert.FromHexString(StripPrefix(returnData));
        if (bytes.Length < 64) throw new FormatException("ABI string return data is shorter than 64 bytes.");
        var offset = (int)new BigInteger(bytes.AsSpan(0, 32), isUnsigned: true, isBigEndian: true);
        var length = (int)new BigInteger(bytes.AsSpan(offset, 32), isUnsigned: true, isBigEndian: true);
        return Encoding.UTF8.GetString(bytes, offset + 32, length);
    }

    /// <summary>Formats a base-unit amount as a decimal string with exactly <paramref name="decimals"/> places: 25000000, 6 → "25.000000".</summary>
    public static string FormatUnits(BigInteger amount, int decimals)
    {
        var scale = BigInteger.Pow(10, decimals);
        var whole = BigInteger.DivRem(BigInteger.Abs(amount), scale, out var fraction);
        var sign = amount.Sign < 0 ? "-" : "";
        if (decimals == 0) return sign + whole.ToString(CultureInfo.InvariantCulture);
        return sign + whole.ToString(CultureInfo.InvariantCulture) + "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(decimals, '0');
    }

    /// <summary>Formats wei as ether without trailing zeros but with at least one decimal: 1e18 → "1.0", 15e17 → "1.5".</summary>
    public static string FormatEther(BigInteger wei)
    {
        var text = FormatUnits(wei, 18).TrimEnd('0');
        return text.EndsWith('.') ? text + "0" : text;
    }

    /// <summary>Converts a decimal amount to base units; throws if it has more fractional digits than the token.</summary>
    public static BigInteger ToBaseUnits(decimal amount, int decimals)
    {
        var scaled = amount;
        for (var i = 0; i < decimals; i++) scaled *= 10m;
        if (scaled != decimal.Truncate(scaled))
            throw new ArgumentException($"{amount.ToString(CultureInfo.InvariantCulture)} has more than {decimals} decimal places.", nameof(amount));
        return new BigInteger(scaled);
    }

    internal static string StripPrefix(string hex) =>
        hex.StartsWith("0x", StringComparison.OrdinalIgnoreCase) ? hex[2..] : hex;

    private static bool IsPrefixedHex(string? value, int digits)
    {
        if (value is null || value.Length != digits + 2 || value[0] != '0' || (value[1] != 'x' && value[1] != 'X')) return false;
        for (var i = 2; i < value.Length; i++)
            if (!char.IsAsciiHexDigit(value[i])) return false;
        return true;
    }
}
