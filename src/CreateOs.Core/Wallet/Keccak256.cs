using System;
using Org.BouncyCastle.Crypto.Digests;

namespace CreateOs.Core.Wallet
{
    /// <summary>Ethereum's Keccak-256 (the original Keccak padding, not NIST SHA3-256).</summary>
    public static class Keccak256
    {
        public static byte[] Hash(byte[] data)
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            return Hash(data, 0, data.Length);
        }

        public static byte[] Hash(byte[] data, int offset, int count)
        {
            var digest = new KeccakDigest(256);
            digest.BlockUpdate(data, offset, count);
            var output = new byte[32];
            digest.DoFinal(output, 0);
            return output;
        }

        /// <summary>Hash of the concatenation of the parts, without building the concatenation.</summary>
        public static byte[] Hash(params byte[][] parts)
        {
            var digest = new KeccakDigest(256);
            foreach (var part in parts) digest.BlockUpdate(part, 0, part.Length);
            var output = new byte[32];
            digest.DoFinal(output, 0);
            return output;
        }
    }
}
