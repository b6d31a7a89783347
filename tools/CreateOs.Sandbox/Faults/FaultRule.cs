namespace CreateOs.Sandbox.Faults;

/// <summary>
/// A fault applied to requests matching <see cref="Method"/> and <see cref="PathPattern"/>.
/// In the pattern, <c>*</c> matches one path segment and a trailing <c>**</c> matches any rest.
/// </summary>
public sealed class FaultRule
{
    public Guid Id { get; } = Guid.NewGuid();
    /// <summary>HTTP method, or "*" for any.</summary>
    public string Method { get; init; } = "*";
    public string PathPattern { get; init; } = "/**";
    /// <summary>Delay before the request is handled.</summary>
    public int LatencyMs { get; init; }
    /// <summary>Answer with this status (and the error envelope) instead of handling the request.</summary>
    public int? Status { get; init; }
    public string? Message { get; init; }
    public int? RetryAfterSeconds { get; init; }
    /// <summary>Handle the request, then abort the connection so the client never sees the response.</summary>
    public bool DropAfterActing { get; init; }
    /// <summary>When set, only requests carrying this header match (e.g. X-Payment-Tx: only paid retries).</summary>
    public string? WhenHeader { get; init; }
    /// <summary>How many matching requests the rule affects; null = every one.</summary>
    public int? Count { get; init; }

    /// <summary>How many requests this rule has affected so far.</summary>
    public int Applied { get; internal set; }

    public bool IsExhausted => Count is { } count && Applied >= count;

    public bool Matches(string method, string path, Func<string, bool>? hasHeader = null)
    {
        if (WhenHeader != null && (hasHeader is null || !hasHeader(WhenHeader))) return false;
        if (Method != "*" && !string.Equals(Method, method, StringComparison.OrdinalIgnoreCase)) return false;
        var patternSegments = PathPattern.Trim('/').Split('/');
        var pathSegments = path.Trim('/').Split('/');
        for (var i = 0; i < patternSegments.Length; i++)
        {
            if (patternSegments[i] == "**" && i == patternSegments.Length - 1) return true;
            if (i >= pathSegments.Length) return false;
            if (patternSegments[i] != "*" && !string.Equals(patternSegments[i], pathSegments[i], StringComparison.OrdinalIgnoreCase)) return false;
        }
        return patternSegments.Length == pathSegments.Length;
    }

    public override string ToString() => $"{Method} {PathPattern}";
}
