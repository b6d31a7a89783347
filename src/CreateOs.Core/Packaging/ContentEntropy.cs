using System;

namespace CreateOs.Core.Packaging
{
    /// <summary>
    /// Shannon entropy of a file's first bytes, to store rather than deflate content that is already compressed or random:
    /// fast deflate (zlib-ng level 1) emits static-Huffman blocks there and grows the data by about 5%.
    /// </summary>
    internal static class ContentEntropy
    {
        private const int SampleBytes = 16 * 1024;

        /// <summary>Bits per byte above which deflate gains nothing worth the time.</summary>
        private const double IncompressibleBitsPerByte = 7.8;

        /// <summary>Below this many bytes the estimate is too noisy; such files are deflated (it costs little either way).</summary>
        private const int MinimumSample = 4 * 1024;

        public static bool LooksIncompressible(byte[] buffer, int count)
        {
            var n = Math.Min(count, SampleBytes);
            if (n < MinimumSample) return false;
            var histogram = new int[256];
            for (var i = 0; i < n; i++) histogram[buffer[i]]++;
            double entropy = 0;
            foreach (var frequency in histogram)
            {
                if (frequency == 0) continue;
                var p = (double)frequency / n;
                entropy -= p * Math.Log(p, 2);
            }

            return entropy >= IncompressibleBitsPerByte;
        }
    }
}
