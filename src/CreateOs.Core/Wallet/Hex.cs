using System;

namespace CreateOs.Core.Wallet
{
    /// <summary>Lowercase hex encoding with an optional <c>0x</c> prefix (netstandard2.0 has no Convert.FromHexString).</summary>
    public static class Hex
    {
        private const string Digits = "0123456789abcdef";

        /// <summary>Encodes bytes as lowercase hex, with a <c>0x</c> prefix unless <paramref name="withPrefix"/> is false.</summary>
        public static string Encode(byte[] bytes, bool withPrefix = true)
        {
            if (bytes is null) throw new ArgumentNullException(nameof(bytes));
            int offset = withPrefix ? 2 : 0;
            var chars = new char[offset + bytes.Length * 2];
            if (withPrefix) { chars[0] = '0'; chars[1] = 'x'; }
            for (int i = 0; i < bytes.Length; i++)
            {
                chars[offset + 2 * i] = Digits[bytes[i] >> 4];
                chars[offset + 2 * i + 1] = Digits[bytes[i] & 0xF];
            }
            return new string(chars);
        }

        /// <summary>Decodes an even-length hex string, with or without <c>0x</c>; "" and "0x" give an empty array.</summary>
        /// <exception cref="FormatException">Odd length or a non-hex character.</exception>
        public static byte[] Decode(string hex)
        {
            if (!TryDecode(hex, out var bytes))
                throw new FormatException("Not an even-length hex string.");
            return bytes;
        }

        public static bool TryDecode(string? hex, out byte[] bytes)
        {
            bytes = Array.Empty<byte>();
            if (hex is null) return false;
            int start = HasPrefix(hex) ? 2 : 0;
            int length = hex.Length - start;
            if ((length & 1) != 0) return false;
            var result = new byte[length / 2];
            for (int i = 0; i < result.Length; i++)
            {
                int hi = NibbleValue(hex[start + 2 * i]);
                int lo = NibbleValue(hex[start + 2 * i + 1]);
                if (hi < 0 || lo < 0) return false;
                result[i] = (byte)((hi << 4) | lo);
            }
            bytes = result;
            return true;
        }

        internal static bool HasPrefix(string hex) =>
            hex.Length >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X');

        internal static string StripPrefix(string hex) => HasPrefix(hex) ? hex.Substring(2) : hex;

        internal static int NibbleValue(char c)
        {
            if (c >= '0' && c <= '9') return c - '0';
            if (c >= 'a' && c <= 'f') return c - 'a' + 10;
            if (c >= 'A' && c <= 'F') return c - 'A' + 10;
            return -1;
        }
    }
}
