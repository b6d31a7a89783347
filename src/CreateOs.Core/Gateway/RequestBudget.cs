using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CreateOs.Core.Gateway
{
    /// <summary>
    /// A client-side sliding-window budget that keeps a session's gateway traffic under the gateway's limit
    /// (30 requests per minute per IP and wallet, reference §9), with headroom for other callers.
    /// </summary>
    public sealed class RequestBudget
    {
        private readonly Queue<DateTimeOffset> _sent = new Queue<DateTimeOffset>();
        private readonly object _sync = new object();
        private readonly Func<DateTimeOffset> _clock;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;

        public RequestBudget(int maxRequests = 25, TimeSpan? window = null, Func<DateTimeOffset>? clock = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
        {
            if (maxRequests < 1) throw new ArgumentOutOfRangeException(nameof(maxRequests));
            MaxRequests = maxRequests;
            Window = window ?? TimeSpan.FromMinutes(1);
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
            _delay = delay ?? ((wait, ct) => Task.Delay(wait, ct));
        }

        public int MaxRequests { get; }
        public TimeSpan Window { get; }

        /// <summary>How many requests were sent within the current window.</summary>
        public int UsedInWindow
        {
            get { lock (_sync) { Trim(_clock()); return _sent.Count; } }
        }

        /// <summary>Waits until a request may be sent without exceeding the budget, then counts it.</summary>
        public async Task AcquireAsync(CancellationToken ct)
        {
            while (true)
            {
                TimeSpan wait;
                lock (_sync)
                {
                    var now = _clock();
                    Trim(now);
                    if (_sent.Count < MaxRequests)
                    {
                        _sent.Enqueue(now);
                        return;
                    }
                    wait = _sent.Peek() + Window - now;
                }
                await _delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), ct).ConfigureAwait(false);
            }
        }

        private void Trim(DateTimeOffset now)
        {
            while (_sent.Count > 0 && now - _sent.Peek() >= Window) _sent.Dequeue();
        }
    }
}
