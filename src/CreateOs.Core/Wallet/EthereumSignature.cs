using System;
using Org.BouncyCastle.Math;

namespace CreateOs.Core.Wallet
{
    /// <summary>
    /// A secp256k1 signature (r, s) with its recovery id (0 or 1). Signatures made by <see cref="EthereumKey"/>
    /// are always low-s (EIP-2).
    /// </summary>
    public sealed class EthereumSignature
    {
        private readonly byte[] _r;
        private readonly byte[] _s;

        public EthereumSignature(byte[] r, byte[] s, int recoveryId)
        {
            if (r is null) throw new ArgumentNullException(nameof(r));
            if (s is null) throw new ArgumentNullException(nameof(s));
            if (r.Length > 32 || s.Length > 32) throw new ArgumentException("r and s are at most 32 bytes.");
            if (recoveryId < 0 || recoveryId > 3) throw new ArgumentOutOfRangeException(nameof(recoveryId));
            _r = BigEndian.LeftPad(r, 32);
            _s = BigEndian.LeftPad(s, 32);
            RecoveryId = recoveryId;
        }

        /// <summary>r as 32 bytes (left-padded).</summary>
        public byte[] R => (byte[])_r.Clone();

        /// <summary>s as 32 bytes (left-padded).</summary>
        public byte[] S => (byte[])_s.Clone();

        /// <summary>0 or 1 (the y parity of the nonce point); 2/3 only in the astronomically rare case r ≥ n.</summary>
        public int RecoveryId { get; }

        public bool IsLowS => new BigInteger(1, _s).CompareTo(Secp256k1.HalfN) <= 0;

        /// <summary>65 bytes r‖s‖v with v = 27 + recovery id (the personal_sign / eth_sign layout).</summary>
        public byte[] ToBytes65()
        {
            var bytes = new byte[65];
            Buffer.BlockCopy(_r, 0, bytes, 0, 32);
            Buffer.BlockCopy(_s, 0, bytes, 32, 32);
            bytes[64] = (byte)(27 + RecoveryId);
            return bytes;
        }

        /// <summary>0x-prefixed hex of <see cref="ToBytes65"/> (132 characters).</summary>
        public string ToHex() => Hex.Encode(ToBytes65());

        /// <summary>Parses 65 bytes r‖s‖v, accepting v ∈ {0, 1, 27, 28}.</summary>
        public static EthereumSignature FromBytes65(byte[] signature)
        {
            if (signature is null) throw new ArgumentNullException(nameof(signature));
            if (signature.Length != 65) throw new FormatException("A signature is 65 bytes (r‖s‖v).");
            int v = signature[64];
            int recoveryId = v switch
            {
                0 or 1 => v,
                27 or 28 => v - 27,
                _ => throw new FormatException("Signature v must be 0, 1, 27 or 28."),
            };
            var r = new byte[32];
            var s = new byte[32];
            Buffer.BlockCopy(signature, 0, r, 0, 32);
            Buffer.BlockCopy(signature, 32, s, 0, 32);
            return new EthereumSignature(r, s, recoveryId);
        }

        /// <summary>Parses a 0x-hex 65-byte signature.</summary>
        public static EthereumSignature FromHex(string signatureHex)
        {
            if (!Hex.TryDecode(signatureHex?.Trim(), out var bytes)) throw new FormatException("Signature is not hex.");
            return FromBytes65(bytes);
        }

        /// <summary>Recovers the uncompressed public key (65 bytes) that signed <paramref name="hash"/>.</summary>
        /// <exception cref="FormatException">The signature does not recover to a valid key.</exception>
        public byte[] RecoverPublicKey(byte[] hash)
        {
            byte[]? publicKey = Secp256k1.RecoverPublicKey(hash, new BigInteger(1, _r), new BigInteger(1, _s), RecoveryId);
            return publicKey ?? throw new FormatException("Signature does not recover to a valid public key.");
        }

        /// <summary>Recovers the signer's address from a 32-byte hash.</summary>
        public EthereumAddress RecoverAddress(byte[] hash) => EthereumAddress.FromPublicKey(RecoverPublicKey(hash));

        public override string ToString() => ToHex();
    }
}
