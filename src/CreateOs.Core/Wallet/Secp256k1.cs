using System;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.EC;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;
using Org.BouncyCastle.Math.EC.Multiplier;

namespace CreateOs.Core.Wallet
{
    /// <summary>secp256k1 curve arithmetic used by keys and signature recovery (BouncyCastle's optimised custom curve).</summary>
    internal static class Secp256k1
    {
        private static readonly X9ECParameters Parameters = CustomNamedCurves.GetByName("secp256k1");

        internal static readonly ECDomainParameters Domain =
            new ECDomainParameters(Parameters.Curve, Parameters.G, Parameters.N, Parameters.H);

        internal static readonly BigInteger N = Parameters.N;
        internal static readonly BigInteger HalfN = Parameters.N.ShiftRight(1);

        private static readonly FixedPointCombMultiplier GeneratorMultiplier = new FixedPointCombMultiplier();

        /// <summary>1 ≤ d &lt; n, for a 32-byte big-endian scalar.</summary>
        internal static bool IsValidPrivateKey(byte[] privateKey)
        {
            if (privateKey is null || privateKey.Length != 32) return false;
            var d = new BigInteger(1, privateKey);
            return d.SignValue > 0 && d.CompareTo(N) < 0;
        }

        /// <summary>Uncompressed public key, 65 bytes starting with 0x04.</summary>
        internal static byte[] PublicKeyFromPrivate(BigInteger d) =>
            GeneratorMultiplier.Multiply(Domain.G, d).Normalize().GetEncoded(false);

        /// <summary>
        /// ECDSA over a 32-byte hash exactly as BouncyCastle's ECDsaSigner with an RFC 6979 HMAC-SHA256 nonce (same k,
        /// r and s), then low-s. The recovery id comes from the nonce point R = k·G (y parity, plus 2 when x ≥ n) and
        /// flips with s, as libsecp256k1 does: no trial recovery needed.
        /// </summary>
        internal static EthereumSignature Sign(byte[] privateKey, byte[] hash)
        {
            var d = new BigInteger(1, privateKey);
            var e = new BigInteger(1, hash); // n has 256 bits: the hash is used whole (SEC1 4.1.3 step 5)
            var nonces = new HMacDsaKCalculator(new Sha256Digest());
            nonces.Init(N, d, hash);
            while (true)
            {
                BigInteger k = nonces.NextK();
                ECPoint point = GeneratorMultiplier.Multiply(Domain.G, k).Normalize();
                BigInteger x = point.AffineXCoord.ToBigInteger();
                BigInteger r = x.Mod(N);
                if (r.SignValue == 0) continue;
                BigInteger s = Org.BouncyCastle.Utilities.BigIntegers.ModOddInverse(N, k).Multiply(e.Add(d.Multiply(r))).Mod(N);
                if (s.SignValue == 0) continue;

                int recoveryId = (point.AffineYCoord.TestBitZero() ? 1 : 0) | (x.CompareTo(N) >= 0 ? 2 : 0);
                if (s.CompareTo(HalfN) > 0)
                {
                    s = N.Subtract(s);
                    recoveryId ^= 1;
                }
                return new EthereumSignature(ToBytes32(r), ToBytes32(s), recoveryId);
            }
        }

        /// <summary>SEC1 4.1.6 public key recovery; null when the inputs do not give a valid point.</summary>
        internal static byte[]? RecoverPublicKey(byte[] hash, BigInteger r, BigInteger s, int recoveryId)
        {
            if (hash is null || hash.Length != 32) throw new ArgumentException("A 32-byte hash is required.", nameof(hash));
            if (recoveryId < 0 || recoveryId > 3) return null;
            if (r.SignValue <= 0 || r.CompareTo(N) >= 0 || s.SignValue <= 0 || s.CompareTo(N) >= 0) return null;

            var curve = Domain.Curve;
            BigInteger x = r.Add(N.Multiply(BigInteger.ValueOf(recoveryId / 2)));
            if (x.CompareTo(curve.Field.Characteristic) >= 0) return null;

            ECPoint R;
            try
            {
                byte[] compressed = new byte[33];
                compressed[0] = (byte)((recoveryId & 1) == 1 ? 0x03 : 0x02);
                byte[] xBytes = Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, x);
                Buffer.BlockCopy(xBytes, 0, compressed, 1, 32);
                R = curve.DecodePoint(compressed);
            }
            catch (ArgumentException)
            {
                return null; // x is not on the curve
            }

            BigInteger e = new BigInteger(1, hash);
            BigInteger rInv = r.ModInverse(N);
            BigInteger u1 = e.Negate().Mod(N).Multiply(rInv).Mod(N);
            BigInteger u2 = s.Multiply(rInv).Mod(N);
            ECPoint q = ECAlgorithms.SumOfTwoMultiplies(Domain.G, u1, R, u2).Normalize();
            if (q.IsInfinity) return null;
            return q.GetEncoded(false);
        }

        internal static byte[] ToBytes32(BigInteger value) =>
            Org.BouncyCastle.Utilities.BigIntegers.AsUnsignedByteArray(32, value);
    }
}
