using System;
using System.Numerics;

namespace CreateOs.Core.Wallet
{
    /// <summary>Unsigned big-endian conversions for <see cref="BigInteger"/> (netstandard2.0 lacks the isUnsigned/isBigEndian overloads).</summary>
    internal static class BigEndian
    {
        /// <summary>Minimal unsigned big-endian bytes: zero gives an empty array, never a sign byte.</summary>
        internal static byte[] ToMinimalBytes(BigInteger value)
        {
            if (value.Sign < 0) throw new ArgumentOutOfRangeException(nameof(value), "Value must not be negative.");
            if (value.IsZero) return Array.Empty<byte>();
            byte[] little = value.ToByteArray();
            int length = little.Length;
            while (length > 0 && little[length - 1] == 0) length--;
            var result = new byte[length];
            for (int i = 0; i < length; i++) result[i] = little[length - 1 - i];
            return result;
        }

        /// <summary>Left-padded unsigned big-endian bytes of exactly <paramref name="size"/> bytes.</summary>
        internal static byte[] ToFixedBytes(BigInteger value, int size)
        {
            byte[] minimal = ToMinimalBytes(value);
            if (minimal.Length > size) throw new ArgumentOutOfRangeException(nameof(value), $"Value does not fit in {size} bytes.");
            return LeftPad(minimal, size);
        }

        internal static BigInteger FromBytes(byte[] bigEndian) => FromBytes(bigEndian, 0, bigEndian.Length);

        internal static BigInteger FromBytes(byte[] bigEndian, int offset, int count)
        {
            var little = new byte[count + 1]; // trailing zero keeps it positive
            for (int i = 0; i < count; i++) little[i] = bigEndian[offset + count - 1 - i];
            return new BigInteger(little);
        }

        internal static byte[] LeftPad(byte[] bytes, int size)
        {
            if (bytes.Length > size) throw new ArgumentException($"More than {size} bytes.", nameof(bytes));
            if (bytes.Length == size) return (byte[])bytes.Clone();
            var result = new byte[size];
            Buffer.BlockCopy(bytes, 0, result, size - bytes.Length, bytes.Length);
            return result;
        }

        internal static byte[] TrimLeadingZeros(byte[] bytes)
        {
            int start = 0;
            while (start < bytes.Length && bytes[start] == 0) start++;
            var result = new byte[bytes.Length - start];
            Buffer.BlockCopy(bytes, start, result, 0, result.Length);
            return result;
        }
    }
}
