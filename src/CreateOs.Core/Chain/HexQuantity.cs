using System;
using System.Globalization;
using System.Numerics;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>JSON-RPC quantities: 0x-hex without leading zeros ("0x0" for zero).</summary>
    internal static class HexQuantity
    {
        internal static string Format(BigInteger value)
        {
            if (value.Sign < 0) throw new ArgumentOutOfRangeException(nameof(value));
            if (value.IsZero) return "0x0";
            string hex = Hex.Encode(BigEndian.ToMinimalBytes(value), withPrefix: false).TrimStart('0');
            return "0x" + hex;
        }

        internal static string Format(ulong value) => "0x" + value.ToString("x", CultureInfo.InvariantCulture);

        internal static BigInteger Parse(string? text, string what)
        {
            if (text is null || !Hex.HasPrefix(text)) throw new EthRpcException($"Invalid quantity for {what}.");
            string digits = text.Substring(2);
            if (digits.Length == 0) return BigInteger.Zero; // some nodes answer "0x" for zero
            if (digits.Length > 80) throw new EthRpcException($"Quantity for {what} is too large.");
            if (!Hex.TryDecode(digits.Length % 2 == 1 ? "0" + digits : digits, out var bytes))
                throw new EthRpcException($"Invalid quantity for {what}.");
            return BigEndian.FromBytes(bytes);
        }

        internal static ulong ParseUInt64(string? text, string what)
        {
            BigInteger value = Parse(text, what);
            if (value > ulong.MaxValue) throw new EthRpcException($"Quantity for {what} does not fit in 64 bits.");
            return (ulong)value;
        }
    }
}
