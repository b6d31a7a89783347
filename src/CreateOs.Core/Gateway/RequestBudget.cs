using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace CreateOs.Core.Gateway
{
    /// <summary>
    /// The session's token bucket for the gateway's rate limit (30 requests per minute per IP and wallet, reference §9),
    /// shared by every gateway call of the session. Each token comes back one <see cref="Window"/> after it was spent,
    /// so no <see cref="Window"/> ever holds more than <see cref="MaxRequests"/> requests, whether the server counts in
    /// a sliding window, in fixed minutes or with a bucket of its own. The window is a little longer than the server's
    /// minute so that requests travelling at different speeds cannot land 31 in one of its minutes; the spare tokens
    /// (30 − <see cref="MaxRequests"/>) leave room for another process using the same wallet. A 429's Retry-After
    /// empties the bucket until then (<see cref="PauseFor"/>).
    /// </summary>
    public sealed class RequestBudget
    {
        public const int DefaultMaxRequests = 28;
        public static readonly TimeSpan DefaultWindow = TimeSpan.FromSeconds(62);

        // When each token was spent, oldest first; a token comes back one window later.
        private readonly List<DateTimeOffset> _sent = new List<DateTimeOffset>();
        private readonly object _sync = new object();
        private readonly Func<DateTimeOffset> _clock;
        private readonly Func<TimeSpan, CancellationToken, Task> _delay;
        private DateTimeOffset _pausedUntil = DateTimeOffset.MinValue;

        public RequestBudget(int maxRequests = DefaultMaxRequests, TimeSpan? window = null, Func<DateTimeOffset>? clock = null, Func<TimeSpan, CancellationToken, Task>? delay = null)
        {
            if (maxRequests < 1) throw new ArgumentOutOfRangeException(nameof(maxRequests));
            MaxRequests = maxRequests;
            Window = window ?? DefaultWindow;
            if (Window <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(window));
            _clock = clock ?? (() => DateTimeOffset.UtcNow);
            _delay = delay ?? ((wait, ct) => Task.Delay(wait, ct));
        }

        public int MaxRequests { get; }
        public TimeSpan Window { get; }

        public override string ToString() => $"{Available} of {MaxRequests} requests free in {Window.TotalSeconds:0} s";

        /// <summary>The fastest pace that can be kept up forever: one request every <see cref="Window"/> / <see cref="MaxRequests"/>.</summary>
        public TimeSpan SustainedInterval => TimeSpan.FromTicks(Window.Ticks / MaxRequests);

        /// <summary>How many requests were sent within the current window.</summary>
        public int UsedInWindow
        {
            get { lock (_sync) { Trim(_clock()); return _sent.Count; } }
        }

        /// <summary>Tokens that may be spent right now without waiting (0 while paused by a 429).</summary>
        public int Available
        {
            get
            {
                lock (_sync)
                {
                    var now = _clock();
                    if (now < _pausedUntil) return 0;
                    Trim(now);
                    return MaxRequests - _sent.Count;
                }
            }
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
                    if (now < _pausedUntil) wait = _pausedUntil - now;
                    else if (_sent.Count < MaxRequests)
                    {
                        Spend(now);
                        return;
                    }
                    else wait = _sent[0] + Window - now;
                }
                await _delay(wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1), ct).ConfigureAwait(false);
            }
        }

        /// <summary>
        /// The server said 429, so its count is higher than ours: nothing is sent for <paramref name="retryAfter"/> (one
        /// sustained interval without one), and from then on the bucket refills at the sustained pace as if it were full.
        /// The pause is at most one <see cref="Window"/>: a rate limit per minute never needs longer, and a hostile
        /// Retry-After of years must not freeze every later call of the session (the call that got it reports it).
        /// </summary>
        public void PauseFor(TimeSpan? retryAfter)
        {
            lock (_sync)
            {
                var now = _clock();
                Trim(now);
                var pause = retryAfter.HasValue && retryAfter.Value > TimeSpan.Zero ? retryAfter.Value : SustainedInterval;
                var until = now + (pause < Window ? pause : Window);
                if (until > _pausedUntil) _pausedUntil = until;
                for (var k = 1; _sent.Count < MaxRequests; k++) Spend(until - Window + TimeSpan.FromTicks(SustainedInterval.Ticks * k));
            }
        }

        private void Spend(DateTimeOffset at)
        {
            var index = _sent.Count;
            while (index > 0 && _sent[index - 1] > at) index--;
            _sent.Insert(index, at);
        }

        private void Trim(DateTimeOffset now)
        {
            while (_sent.Count > 0 && now - _sent[0] >= Window) _sent.RemoveAt(0);
        }
    }
}
