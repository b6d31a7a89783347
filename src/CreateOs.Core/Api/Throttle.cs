using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace CreateOs.Core.Api
{
    /// <summary>Runs work over many items with at most a given number in flight (each worker takes the next item as it finishes one).</summary>
    public static class Throttle
    {
        /// <param name="body">Runs one item (with its index); it should handle its own failures — an exception stops the run.</param>
        public static Task ForEachAsync<T>(IReadOnlyList<T> items, int limit, Func<T, int, CancellationToken, Task> body, CancellationToken ct)
        {
            if (limit < 1) throw new ArgumentOutOfRangeException(nameof(limit), limit, "The limit must be at least 1.");
            var next = -1;
            async Task Worker()
            {
                int index;
                while ((index = Interlocked.Increment(ref next)) < items.Count)
                {
                    ct.ThrowIfCancellationRequested();
                    await body(items[index], index, ct).ConfigureAwait(false);
                }
            }
            return Task.WhenAll(Enumerable.Range(0, Math.Min(limit, items.Count)).Select(_ => Task.Run(Worker, ct)));
        }
    }
}
