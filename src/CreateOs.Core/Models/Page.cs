using System.Collections.Generic;

namespace CreateOs.Core.Models
{
    /// <summary>One page of a paginated list (reference §3); <see cref="Total"/> is null when the list is not paginated.</summary>
    public sealed class Page<T>
    {
        public Page(IReadOnlyList<T> items, int? total, int offset, IReadOnlyList<string>? keys = null, int? limit = null)
        {
            Items = items;
            Total = total;
            Offset = offset;
            Keys = keys;
            Limit = limit;
        }

        /// <summary>The page size the server says it used (pagination.limit), when it says one.</summary>
        public int? Limit { get; }

        public IReadOnlyList<T> Items { get; }
        public int? Total { get; }
        public int Offset { get; }

        /// <summary>
        /// What identifies each item as the server sent it (its id, else its JSON), in the order of <see cref="Items"/>;
        /// lets a walk notice a page that repeats what was already listed. Null when unknown (items compare by value then).
        /// </summary>
        public IReadOnlyList<string>? Keys { get; }

        /// <summary>Walking stops when offset+count reaches the total, or a page comes back empty, or the list was a bare array.</summary>
        public bool IsLast => Items.Count == 0 || Total == null || Offset + Items.Count >= Total.Value;
    }
}
