using System;
using System.Globalization;
using System.Text;

namespace CreateOs.Core.Wallet
{
    /// <summary>
    /// EIP-191 version 0x45 ("personal_sign"): keccak256("\u0019Ethereum Signed Message:\n" + byte length + message).
    /// Strings are always hashed as their UTF-8 bytes, even when they look like hex; pass bytes to sign raw data.
    /// </summary>
    public static class PersonalSign
    {
        // "\x19Ethereum..." would be wrong in C#: \x takes up to four hex digits and yields U+019E.
        private const string Prefix = "\u0019Ethereum Signed Message:\n";

        public static byte[] HashMessage(byte[] message)
        {
            if (message is null) throw new ArgumentNullException(nameof(message));
            byte[] header = Encoding.ASCII.GetBytes(Prefix + message.Length.ToString(CultureInfo.InvariantCulture));
            return Keccak256.Hash(header, message);
        }

        public static byte[] HashMessage(string message) => HashMessage(Utf8(message));

        /// <summary>Signs the message; returns 0x + 130 hex digits (r‖s‖v, v = 27/28).</summary>
        public static string Sign(EthereumKey key, string message) => Sign(key, Utf8(message));

        public static string Sign(EthereumKey key, byte[] message)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            return key.SignHash(HashMessage(message)).ToHex();
        }

        /// <summary>Recovers the signer of a personal_sign signature (v may be 0, 1, 27 or 28).</summary>
        /// <exception cref="FormatException">The signature is malformed or does not recover.</exception>
        public static EthereumAddress RecoverSigner(string message, string signatureHex) =>
            RecoverSigner(Utf8(message), signatureHex);

        public static EthereumAddress RecoverSigner(byte[] message, string signatureHex) =>
            EthereumSignature.FromHex(signatureHex).RecoverAddress(HashMessage(message));

        /// <summary>Recovers the signer and returns it EIP-55 checksummed.</summary>
        public static string RecoverPersonalSignSigner(string message, string signatureHex) =>
            RecoverSigner(message, signatureHex).ToChecksumString();

        /// <summary>True when the signature over <paramref name="message"/> recovers to <paramref name="expectedSigner"/>; never throws on malformed input.</summary>
        public static bool Verify(string message, string signatureHex, EthereumAddress expectedSigner)
        {
            try { return RecoverSigner(message, signatureHex) == expectedSigner; }
            catch (FormatException) { return false; }
            catch (ArgumentException) { return false; }
        }

        private static byte[] Utf8(string message)
        {
            if (message is null) throw new ArgumentNullException(nameof(message));
            return new UTF8Encoding(false, true).GetBytes(message);
        }
    }
}
