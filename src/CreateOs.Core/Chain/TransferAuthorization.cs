using System;
using System.Numerics;
using System.Security.Cryptography;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>
    /// The message of an EIP-3009 <c>transferWithAuthorization</c>: <see cref="From"/> lets anyone move
    /// <see cref="Value"/> to <see cref="To"/> once, between <see cref="ValidAfter"/> and <see cref="ValidBefore"/>
    /// (unix seconds, both exclusive), identified by a random 32-byte <see cref="Nonce"/>.
    /// </summary>
    public sealed class TransferAuthorization
    {
        private byte[] _nonce = new byte[32];

        public EthereumAddress From { get; set; }
        public EthereumAddress To { get; set; }
        public BigInteger Value { get; set; }
        public BigInteger ValidAfter { get; set; }
        public BigInteger ValidBefore { get; set; }

        public byte[] Nonce
        {
            get => (byte[])_nonce.Clone();
            set
            {
                if (value is null || value.Length != 32) throw new ArgumentException("An EIP-3009 nonce is 32 bytes.", nameof(value));
                _nonce = (byte[])value.Clone();
            }
        }

        public string NonceHex => Hex.Encode(_nonce);

        /// <summary>32 bytes from the OS's cryptographic random source.</summary>
        public static byte[] NewNonce()
        {
            var nonce = new byte[32];
            using (var random = RandomNumberGenerator.Create()) random.GetBytes(nonce);
            return nonce;
        }

        public override string ToString() => $"{Value} from {From.ToChecksumString()} to {To.ToChecksumString()}, valid {ValidAfter}..{ValidBefore}, nonce {NonceHex}";
    }
}
