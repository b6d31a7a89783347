using System;

namespace CreateOs.Core.Http
{
    /// <summary>
    /// When to ask again whether something finished, spending a request budget where the answer is likely to change.
    /// How long a deployment takes is unknown and spread over orders of magnitude (seconds to ten minutes), so most
    /// deployments finish early: during the <see cref="EagerPeriod"/> (the budget's first window) the tokens still
    /// left are spread over the rest of it with intervals growing like elapsed^<see cref="Shape"/> — short at first,
    /// longer later, between <see cref="MinInterval"/> and <see cref="MaxInterval"/>. The interval is recomputed
    /// from the tokens actually left before every poll, so other calls sharing the budget are accounted for. After the
    /// eager period it polls at the <see cref="SustainedInterval"/>, the pace the budget allows forever.
    /// </summary>
    public sealed class PollSchedule
    {
        public PollSchedule(TimeSpan eagerPeriod, TimeSpan sustainedInterval, TimeSpan? minInterval = null, TimeSpan? maxInterval = null, double shape = 0.4)
        {
            if (eagerPeriod < TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(eagerPeriod));
            if (sustainedInterval <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(sustainedInterval));
            if (shape < 0 || shape >= 1) throw new ArgumentOutOfRangeException(nameof(shape), "the shape is an exponent in [0, 1)");
            EagerPeriod = eagerPeriod;
            SustainedInterval = sustainedInterval;
            MinInterval = minInterval ?? TimeSpan.FromMilliseconds(250);
            MaxInterval = maxInterval ?? TimeSpan.FromSeconds(3);
            if (MinInterval <= TimeSpan.Zero || MaxInterval < MinInterval) throw new ArgumentOutOfRangeException(nameof(maxInterval));
            Shape = shape;
        }

        /// <summary>The schedule for a budget of <paramref name="requests"/> per <paramref name="window"/>, <paramref name="requestsPerPoll"/> each.</summary>
        public static PollSchedule ForBudget(int requests, TimeSpan window, int requestsPerPoll = 1) =>
            new PollSchedule(window, TimeSpan.FromTicks(window.Ticks * requestsPerPoll / requests));

        public TimeSpan EagerPeriod { get; }
        public TimeSpan SustainedInterval { get; }
        public TimeSpan MinInterval { get; }
        public TimeSpan MaxInterval { get; }
        public double Shape { get; }

        /// <summary>
        /// The wait before the next poll, <paramref name="elapsed"/> after the watch started, with
        /// <paramref name="pollsLeft"/> polls the budget still allows in its current window.
        /// </summary>
        public TimeSpan NextInterval(TimeSpan elapsed, int pollsLeft)
        {
            var seconds = elapsed.TotalSeconds;
            var eager = EagerPeriod.TotalSeconds;
            if (seconds >= eager || pollsLeft <= 0) return SustainedInterval > MinInterval ? SustainedInterval : MinInterval;
            // With intervals c·t^a, the polls from t to T number ∫ dt / (c·t^a) = (T^(1-a) − t^(1-a)) / ((1-a)·c): choose c so they are pollsLeft.
            var t = Math.Max(seconds, 1e-3);
            var spread = (Math.Pow(eager, 1 - Shape) - Math.Pow(t, 1 - Shape)) / (1 - Shape);
            var interval = spread / pollsLeft * Math.Pow(t, Shape);
            return Clamp(TimeSpan.FromSeconds(interval), MinInterval, MaxInterval);
        }

        private static TimeSpan Clamp(TimeSpan value, TimeSpan min, TimeSpan max) => value < min ? min : value > max ? max : value;
    }
}
