using System;
using System.Text;

namespace CreateOs.Core.Wallet
{
    /// <summary>
    /// A 20-byte Ethereum account address. <see cref="ToString"/> gives the EIP-55 checksummed form.
    /// <see cref="Parse"/> accepts all-lowercase, all-uppercase or correctly checksummed mixed case, and rejects a
    /// mixed-case string whose checksum is wrong (a typo detector).
    /// </summary>
    public readonly struct EthereumAddress : IEquatable<EthereumAddress>
    {
        private const int ByteLength = 20;
        private readonly string? _lowerHex; // 40 lowercase hex digits, no prefix; null means the zero address (default)

        private EthereumAddress(string lowerHex) => _lowerHex = lowerHex;

        public static EthereumAddress Zero => default;

        private string LowerHex => _lowerHex ?? new string('0', 2 * ByteLength);

        public static EthereumAddress FromBytes(byte[] bytes)
        {
            if (bytes is null) throw new ArgumentNullException(nameof(bytes));
            if (bytes.Length != ByteLength) throw new ArgumentException("An address is 20 bytes.", nameof(bytes));
            return new EthereumAddress(Hex.Encode(bytes, withPrefix: false));
        }

        /// <summary>Address of an uncompressed public key (64 bytes X‖Y, or 65 bytes with the 0x04 prefix): keccak(X‖Y)[12..].</summary>
        public static EthereumAddress FromPublicKey(byte[] publicKey)
        {
            if (publicKey is null) throw new ArgumentNullException(nameof(publicKey));
            int offset;
            if (publicKey.Length == 65 && publicKey[0] == 0x04) offset = 1;
            else if (publicKey.Length == 64) offset = 0;
            else throw new ArgumentException("Expected an uncompressed public key (64 or 65 bytes).", nameof(publicKey));
            byte[] hash = Keccak256.Hash(publicKey, offset, 64);
            var address = new byte[ByteLength];
            Buffer.BlockCopy(hash, 12, address, 0, ByteLength);
            return FromBytes(address);
        }

        /// <exception cref="FormatException">Not 40 hex digits (with optional 0x), or mixed case with a wrong EIP-55 checksum.</exception>
        public static EthereumAddress Parse(string text)
        {
            if (!TryParse(text, out var address, out string? error))
                throw new FormatException(error);
            return address;
        }

        public static bool TryParse(string? text, out EthereumAddress address) => TryParse(text, out address, out _);

        private static bool TryParse(string? text, out EthereumAddress address, out string? error)
        {
            address = default;
            if (text is null) { error = "Address is null."; return false; }
            string digits = Hex.StripPrefix(text.Trim());
            if (digits.Length != 2 * ByteLength) { error = "An address has 40 hex digits."; return false; }
            bool hasLower = false, hasUpper = false;
            foreach (char c in digits)
            {
                if (Hex.NibbleValue(c) < 0) { error = "An address contains only hex digits."; return false; }
                if (c >= 'a' && c <= 'f') hasLower = true;
                else if (c >= 'A' && c <= 'F') hasUpper = true;
            }
            string lower = digits.ToLowerInvariant();
            if (hasLower && hasUpper && !string.Equals(ApplyChecksum(lower), digits, StringComparison.Ordinal))
            {
                error = "Address has an invalid EIP-55 checksum (mixed case that does not match).";
                return false;
            }
            address = new EthereumAddress(lower);
            error = null;
            return true;
        }

        /// <summary>True for a well-formed address: lowercase, uppercase, or mixed case with a valid checksum.</summary>
        public static bool IsValid(string? text) => TryParse(text, out _);

        /// <summary>True only for a mixed-case string with a correct checksum (all-lower/all-upper carry no checksum).</summary>
        public static bool IsChecksummed(string? text) =>
            text != null && TryParse(text, out var address) &&
            string.Equals(Hex.StripPrefix(text.Trim()), ApplyChecksum(address.LowerHex), StringComparison.Ordinal) &&
            !string.Equals(address.LowerHex, Hex.StripPrefix(text.Trim()), StringComparison.Ordinal);

        /// <summary>Converts any well-formed address string to its EIP-55 checksummed form.</summary>
        public static string ToChecksumAddress(string text) => Parse(text).ToChecksumString();

        public byte[] ToBytes() => Hex.Decode(LowerHex);

        public string ToChecksumString() => "0x" + ApplyChecksum(LowerHex);

        public string ToLowerHexString(bool withPrefix = true) => withPrefix ? "0x" + LowerHex : LowerHex;

        public override string ToString() => ToChecksumString();

        public bool Equals(EthereumAddress other) => string.Equals(LowerHex, other.LowerHex, StringComparison.Ordinal);

        public override bool Equals(object? obj) => obj is EthereumAddress other && Equals(other);

        public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(LowerHex);

        public static bool operator ==(EthereumAddress left, EthereumAddress right) => left.Equals(right);

        public static bool operator !=(EthereumAddress left, EthereumAddress right) => !left.Equals(right);

        // EIP-55: keccak of the lowercase ASCII hex (no 0x); uppercase a letter when its hash nibble is >= 8.
        private static string ApplyChecksum(string lowerHex)
        {
            byte[] hash = Keccak256.Hash(Encoding.ASCII.GetBytes(lowerHex));
            var chars = lowerHex.ToCharArray();
            for (int i = 0; i < chars.Length; i++)
            {
                int nibble = (i & 1) == 0 ? hash[i / 2] >> 4 : hash[i / 2] & 0xF;
                if (chars[i] >= 'a' && chars[i] <= 'f' && nibble >= 8) chars[i] = char.ToUpperInvariant(chars[i]);
            }
            return new string(chars);
        }
    }
}
