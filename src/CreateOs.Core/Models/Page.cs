using System.Collections.Generic;

namespace CreateOs.Core.Models
{
    /// <summary>One page of a paginated list (reference §3); <see cref="Total"/> is null when the list is not paginated.</summary>
    public sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, int? total, int offset)
        {
            Items = items;
            Total = total;
            Offset = offset;
        }

        public IReadOnlyList<T> Items { get; }
        public int? Total { get; }
        public int Offset { get; }

        /// <summary>Walking stops when offset+count reaches the total, or a page comes back empty, or the list was a bare array.</summary>
        public bool IsLast => Items.Count == 0 || Total == null || Offset + Items.Count >= Total.Value;
    }
}
