using System;
using System.Globalization;
using System.Net.Http;
using System.Net.Http.Headers;

namespace CreateOs.Core.Http
{
    /// <summary>
    /// When to try a request again and how long to wait: 429/502/503/504 with Retry-After honoured, otherwise bounded
    /// exponential backoff with full jitter. A request that is not idempotent is retried only when the answer proves
    /// the server did not act on it (429 or 503), never after a gateway timeout or a dropped connection.
    /// </summary>
    public sealed class RetryPolicy
    {
        private readonly Random _jitter;
        private readonly object _jitterLock = new object();

        public RetryPolicy(int maxAttempts = 4, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null, TimeSpan? maxRetryAfter = null, int? seed = null)
        {
            if (maxAttempts < 1) throw new ArgumentOutOfRangeException(nameof(maxAttempts), "at least one attempt is needed");
            MaxAttempts = maxAttempts;
            BaseDelay = baseDelay ?? TimeSpan.FromMilliseconds(500);
            MaxDelay = maxDelay ?? TimeSpan.FromSeconds(8);
            MaxRetryAfter = maxRetryAfter ?? TimeSpan.FromSeconds(60);
            _jitter = seed.HasValue ? new Random(seed.Value) : new Random();
        }

        public static RetryPolicy None { get; } = new RetryPolicy(maxAttempts: 1);

        public int MaxAttempts { get; }
        public TimeSpan BaseDelay { get; }
        public TimeSpan MaxDelay { get; }
        /// <summary>A Retry-After longer than this is not waited for: the error is reported instead.</summary>
        public TimeSpan MaxRetryAfter { get; }

        public static bool IsRetryableStatus(int status) => status == 429 || status == 502 || status == 503 || status == 504;

        /// <summary>Whether a status answer may be retried for this kind of request.</summary>
        public bool ShouldRetryStatus(int status, bool idempotent, bool hasRetryAfter)
        {
            if (!IsRetryableStatus(status)) return false;
            if (idempotent) return true;
            // 429 and 503 are refusals: the request was not carried out, so even a POST can be sent again.
            // CreateOS uses 429 for quotas, which no wait will lift, unless it says when to come back.
            return status == 503 || (status == 429 && hasRetryAfter);
        }

        /// <summary>Whether a transport failure may be retried: only when the request cannot have reached the server, or it is idempotent.</summary>
        public bool ShouldRetryTransport(bool idempotent, bool requestMayHaveBeenSent) => idempotent || !requestMayHaveBeenSent;

        /// <summary>The wait before attempt <paramref name="nextAttempt"/> (2 for the first retry).</summary>
        public TimeSpan Delay(int nextAttempt, TimeSpan? retryAfter)
        {
            if (retryAfter.HasValue) return retryAfter.Value < TimeSpan.Zero ? TimeSpan.Zero : retryAfter.Value;
            var exponent = Math.Min(nextAttempt - 2, 16);
            var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, exponent));
            double fraction;
            lock (_jitterLock) fraction = _jitter.NextDouble();
            // "Full jitter" keeps many clients from retrying in lockstep; half the ceiling is a floor so waits still grow.
            return TimeSpan.FromMilliseconds(ceiling * (0.5 + fraction / 2));
        }

        /// <summary>
        /// The longest Retry-After ever believed: a server's "99999999" or a date years ahead is read as this, so no wait
        /// and no clock arithmetic built on it can run for years or overflow. Every caller has its own, shorter cap.
        /// </summary>
        public static readonly TimeSpan LongestRetryAfter = TimeSpan.FromDays(1);

        /// <summary>
        /// Reads Retry-After as delta-seconds or an HTTP date, between zero (a past date, a negative number) and
        /// <see cref="LongestRetryAfter"/>. Garbage, NaN, infinity and numbers too large for a TimeSpan are no Retry-After.
        /// </summary>
        public static TimeSpan? ParseRetryAfter(HttpResponseMessage response, DateTimeOffset now)
        {
            RetryConditionHeaderValue? header = null;
            try { header = response.Headers.RetryAfter; }
            catch (FormatException) { }
            if (header != null)
            {
                if (header.Delta.HasValue) return Bounded(header.Delta.Value.TotalSeconds);
                if (header.Date.HasValue) return Bounded((header.Date.Value - now).TotalSeconds);
            }
            if (response.Headers.TryGetValues("Retry-After", out var values))
            {
                foreach (var value in values)
                {
                    if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && !double.IsNaN(seconds))
                        return Bounded(seconds);
                }
            }
            return null;
        }

        private static TimeSpan Bounded(double seconds) =>
            seconds <= 0 ? TimeSpan.Zero
            : seconds >= LongestRetryAfter.TotalSeconds ? LongestRetryAfter
            : TimeSpan.FromSeconds(seconds);
    }
}
