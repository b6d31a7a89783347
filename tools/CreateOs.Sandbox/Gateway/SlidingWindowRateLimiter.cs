namespace CreateOs.Sandbox.Gateway;

/// <summary>A sliding-window counter per client key. Not thread-safe: <see cref="GatewayState"/> holds its lock.</summary>
internal sealed class SlidingWindowRateLimiter
{
    private readonly Dictionary<string, Queue<DateTimeOffset>> _windows = new(StringComparer.Ordinal);

    /// <summary>Admits and counts the request if fewer than <paramref name="limit"/> were admitted in the last window.
    /// Refused requests are not counted; <paramref name="retryAfter"/> is when the oldest admitted one leaves the window.</summary>
    public bool TryAcquire(string key, DateTimeOffset now, int limit, TimeSpan window, out TimeSpan retryAfter)
    {
        if (!_windows.TryGetValue(key, out var admitted)) _windows[key] = admitted = new Queue<DateTimeOffset>();
        while (admitted.Count > 0 && now - admitted.Peek() >= window) admitted.Dequeue();
        if (admitted.Count >= limit)
        {
            retryAfter = admitted.Peek() + window - now;
            return false;
        }
        admitted.Enqueue(now);
        retryAfter = TimeSpan.Zero;
        return true;
    }

    public void Clear() => _windows.Clear();
}
