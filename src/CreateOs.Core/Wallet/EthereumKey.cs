using System;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Security;

namespace CreateOs.Core.Wallet
{
    /// <summary>
    /// A secp256k1 private key. Holds the 32 key bytes until disposed (then zeroed). Signs with RFC 6979 deterministic
    /// nonces and low-s, so signatures match ethers, cast and geth byte for byte.
    /// <see cref="ToString"/> shows only the address.
    /// </summary>
    public sealed class EthereumKey : IDisposable
    {
        private readonly byte[] _privateKey;
        private readonly byte[] _publicKey;
        private bool _disposed;

        private EthereumKey(byte[] privateKey32)
        {
            _privateKey = privateKey32;
            _publicKey = Secp256k1.PublicKeyFromPrivate(new BigInteger(1, _privateKey));
            Address = EthereumAddress.FromPublicKey(_publicKey);
        }

        public EthereumAddress Address { get; }

        /// <summary>Uncompressed public key, 65 bytes starting with 0x04.</summary>
        public byte[] PublicKey => (byte[])_publicKey.Clone();

        /// <summary>Copies the key bytes (the caller may zero its own array afterwards).</summary>
        /// <exception cref="ArgumentException">Not 32 bytes, or not 1 ≤ d &lt; n.</exception>
        public static EthereumKey FromPrivateKey(byte[] privateKey)
        {
            if (privateKey is null) throw new ArgumentNullException(nameof(privateKey));
            if (!IsValidPrivateKey(privateKey))
                throw new ArgumentException("Invalid private key: it must be 32 bytes with 1 ≤ d < n.", nameof(privateKey));
            return new EthereumKey((byte[])privateKey.Clone());
        }

        /// <summary>Parses 64 hex digits (with or without 0x).</summary>
        public static EthereumKey FromHex(string privateKeyHex)
        {
            if (privateKeyHex is null) throw new ArgumentNullException(nameof(privateKeyHex));
            if (!Hex.TryDecode(privateKeyHex.Trim(), out var bytes) || bytes.Length != 32)
                throw new FormatException("A private key is 64 hex digits.");
            try { return FromPrivateKey(bytes); }
            finally { Array.Clear(bytes, 0, bytes.Length); }
        }

        /// <summary>
        /// A new random key from a cryptographically secure generator. This overload keeps BouncyCastle types out of
        /// callers' signatures: the cmdlet assembly must not bind to BouncyCastle itself (it lives in the module's
        /// private load context, and another module's copy may sit in the default one).
        /// </summary>
        public static EthereumKey Generate() => Generate(null);

        /// <summary>A new random key from the given generator (tests pass a seeded one).</summary>
        public static EthereumKey Generate(SecureRandom? random)
        {
            random ??= new SecureRandom();
            var candidate = new byte[32];
            try
            {
                while (true)
                {
                    random.NextBytes(candidate);
                    if (IsValidPrivateKey(candidate)) return new EthereumKey((byte[])candidate.Clone());
                }
            }
            finally { Array.Clear(candidate, 0, candidate.Length); }
        }

        public static bool IsValidPrivateKey(byte[] privateKey) => Secp256k1.IsValidPrivateKey(privateKey);

        /// <summary>Signs a 32-byte hash: RFC 6979 (HMAC-SHA256), low-s, recovery id from the nonce point R.</summary>
        public EthereumSignature SignHash(byte[] hash)
        {
            ThrowIfDisposed();
            if (hash is null) throw new ArgumentNullException(nameof(hash));
            if (hash.Length != 32) throw new ArgumentException("Only 32-byte hashes are signed.", nameof(hash));
            return Secp256k1.Sign(_privateKey, hash);
        }

        /// <summary>A copy of the 32 key bytes; the caller must zero it. Internal so the key cannot leak through the public API.</summary>
        internal byte[] ExportPrivateKeyBytes()
        {
            ThrowIfDisposed();
            return (byte[])_privateKey.Clone();
        }

        public void Dispose()
        {
            if (_disposed) return;
            Array.Clear(_privateKey, 0, _privateKey.Length);
            _disposed = true;
        }

        public override string ToString() => $"EthereumKey({Address})";

        private void ThrowIfDisposed()
        {
            if (_disposed) throw new ObjectDisposedException(nameof(EthereumKey));
        }
    }
}
