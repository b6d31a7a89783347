using System;
using System.Collections.Generic;
using System.Numerics;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>A decoded (or to-be-encoded) RLP value: either a byte string or a list of items.</summary>
    public sealed class RlpItem
    {
        private readonly byte[]? _bytes;
        private readonly IReadOnlyList<RlpItem>? _items;

        private RlpItem(byte[]? bytes, IReadOnlyList<RlpItem>? items)
        {
            _bytes = bytes;
            _items = items;
        }

        public static RlpItem String(byte[] bytes) => new RlpItem(bytes ?? throw new ArgumentNullException(nameof(bytes)), null);

        public static RlpItem List(IReadOnlyList<RlpItem> items) => new RlpItem(null, items ?? throw new ArgumentNullException(nameof(items)));

        public static RlpItem List(params RlpItem[] items) => List((IReadOnlyList<RlpItem>)items);

        public bool IsList => _items != null;

        /// <exception cref="FormatException">The item is a list.</exception>
        public byte[] Bytes => _bytes ?? throw new FormatException("Expected an RLP string, found a list.");

        /// <exception cref="FormatException">The item is a string.</exception>
        public IReadOnlyList<RlpItem> Items => _items ?? throw new FormatException("Expected an RLP list, found a string.");

        /// <summary>Reads a canonical unsigned integer (no leading zero bytes).</summary>
        public BigInteger ToBigInteger()
        {
            byte[] bytes = Bytes;
            if (bytes.Length > 0 && bytes[0] == 0) throw new FormatException("RLP integer has leading zero bytes.");
            return BigEndian.FromBytes(bytes);
        }

        public ulong ToUInt64()
        {
            BigInteger value = ToBigInteger();
            if (value > ulong.MaxValue) throw new FormatException("RLP integer does not fit in 64 bits.");
            return (ulong)value;
        }
    }
}
