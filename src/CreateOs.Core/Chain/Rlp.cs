using System;
using System.Collections.Generic;
using System.Numerics;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>Recursive Length Prefix encoding, and a strict decoder that rejects every non-canonical form.</summary>
    public static class Rlp
    {
        public static byte[] EncodeString(byte[] bytes)
        {
            if (bytes is null) throw new ArgumentNullException(nameof(bytes));
            if (bytes.Length == 1 && bytes[0] < 0x80) return new[] { bytes[0] };
            byte[] header = Header(0x80, bytes.Length);
            var result = new byte[header.Length + bytes.Length];
            Buffer.BlockCopy(header, 0, result, 0, header.Length);
            Buffer.BlockCopy(bytes, 0, result, header.Length, bytes.Length);
            return result;
        }

        /// <summary>Minimal big-endian integer: zero encodes as the empty string (0x80).</summary>
        public static byte[] EncodeInteger(BigInteger value) => EncodeString(BigEndian.ToMinimalBytes(value));

        public static byte[] EncodeInteger(ulong value) => EncodeInteger(new BigInteger(value));

        /// <summary>Wraps already-encoded items in a list header.</summary>
        public static byte[] EncodeList(params byte[][] encodedItems)
        {
            int payloadLength = 0;
            foreach (var item in encodedItems) payloadLength += item.Length;
            byte[] header = Header(0xc0, payloadLength);
            var result = new byte[header.Length + payloadLength];
            Buffer.BlockCopy(header, 0, result, 0, header.Length);
            int offset = header.Length;
            foreach (var item in encodedItems)
            {
                Buffer.BlockCopy(item, 0, result, offset, item.Length);
                offset += item.Length;
            }
            return result;
        }

        public static byte[] Encode(RlpItem item)
        {
            if (item is null) throw new ArgumentNullException(nameof(item));
            if (!item.IsList) return EncodeString(item.Bytes);
            var encoded = new byte[item.Items.Count][];
            for (int i = 0; i < encoded.Length; i++) encoded[i] = Encode(item.Items[i]);
            return EncodeList(encoded);
        }

        /// <summary>Decodes exactly one item spanning all of <paramref name="data"/>.</summary>
        /// <exception cref="FormatException">Truncated, trailing bytes, or any non-canonical length or single byte.</exception>
        public static RlpItem Decode(byte[] data)
        {
            if (data is null) throw new ArgumentNullException(nameof(data));
            int position = 0;
            RlpItem item = DecodeItem(data, ref position, data.Length, depth: 0);
            if (position != data.Length) throw new FormatException("Trailing bytes after the RLP item.");
            return item;
        }

        private const int MaxDepth = 64;

        private static RlpItem DecodeItem(byte[] data, ref int position, int end, int depth)
        {
            if (depth > MaxDepth) throw new FormatException("RLP nesting is too deep.");
            if (position >= end) throw new FormatException("RLP input is truncated.");
            byte prefix = data[position++];

            if (prefix < 0x80) return RlpItem.String(new[] { prefix });

            if (prefix <= 0xbf)
            {
                int length = ReadLength(data, ref position, end, prefix, 0x80, 0xb7);
                var bytes = new byte[length];
                Buffer.BlockCopy(data, position, bytes, 0, length);
                position += length;
                if (length == 1 && bytes[0] < 0x80) throw new FormatException("A single byte below 0x80 must not have a string header.");
                return RlpItem.String(bytes);
            }

            int listLength = ReadLength(data, ref position, end, prefix, 0xc0, 0xf7);
            int listEnd = position + listLength;
            var items = new List<RlpItem>();
            while (position < listEnd) items.Add(DecodeItem(data, ref position, listEnd, depth + 1));
            if (position != listEnd) throw new FormatException("RLP list payload length mismatch.");
            return RlpItem.List(items);
        }

        // Reads the payload length for a string (shortBase 0x80, longBase 0xb7) or list (0xc0, 0xf7) prefix and checks it fits.
        private static int ReadLength(byte[] data, ref int position, int end, byte prefix, int shortBase, int longBase)
        {
            long length;
            if (prefix <= longBase)
            {
                length = prefix - shortBase;
            }
            else
            {
                int lengthOfLength = prefix - longBase;
                if (lengthOfLength > end - position) throw new FormatException("RLP length is truncated.");
                if (data[position] == 0) throw new FormatException("RLP length has leading zeros.");
                if (lengthOfLength > 4) throw new FormatException("RLP length is too large.");
                length = 0;
                for (int i = 0; i < lengthOfLength; i++) length = (length << 8) | data[position++];
                if (length < 56) throw new FormatException("RLP long form used for a length below 56.");
            }
            if (length > end - position) throw new FormatException("RLP payload is truncated.");
            return (int)length;
        }

        private static byte[] Header(int shortBase, int length)
        {
            if (length < 56) return new[] { (byte)(shortBase + length) };
            byte[] lengthBytes = BigEndian.ToMinimalBytes(new BigInteger(length));
            var header = new byte[1 + lengthBytes.Length];
            header[0] = (byte)(shortBase + 55 + lengthBytes.Length);
            Buffer.BlockCopy(lengthBytes, 0, header, 1, lengthBytes.Length);
            return header;
        }
    }
}
