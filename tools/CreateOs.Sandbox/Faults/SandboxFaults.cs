namespace CreateOs.Sandbox.Faults;

/// <summary>Fault injection for reliability tests; also reachable over HTTP at /sandbox/faults.</summary>
public sealed class SandboxFaults
{
    private readonly object _gate = new();
    private readonly List<FaultRule> _rules = new();

    /// <summary>Reference §9 toggle: answer errors with HTTP 200 and a {"status":"fail"} body.</summary>
    public bool ErrorsAsHttp200 { get; set; }

    public IReadOnlyList<FaultRule> Rules { get { lock (_gate) return _rules.ToList(); } }

    public FaultRule Add(FaultRule rule)
    {
        lock (_gate) _rules.Add(rule);
        return rule;
    }

    /// <summary>Adds a rule for a route written as "METHOD /path/with/*/wildcards" (or just a path: any method).</summary>
    public FaultRule Add(string route, int latencyMs = 0, int? status = null, int? count = null, int? retryAfterSeconds = null,
        bool dropAfterActing = false, string? message = null)
    {
        var (method, path) = SplitRoute(route);
        return Add(new FaultRule
        {
            Method = method, PathPattern = path, LatencyMs = latencyMs, Status = status, Count = count,
            RetryAfterSeconds = retryAfterSeconds, DropAfterActing = dropAfterActing, Message = message,
        });
    }

    public FaultRule AddLatency(string route, int latencyMs, int? count = null) => Add(route, latencyMs: latencyMs, count: count);

    public FaultRule AddStatus(string route, int status, int? count = null, int? retryAfterSeconds = null) =>
        Add(route, status: status, count: count, retryAfterSeconds: retryAfterSeconds);

    public FaultRule AddDropAfterActing(string route, int? count = 1) => Add(route, dropAfterActing: true, count: count);

    public bool Remove(Guid ruleId) { lock (_gate) return _rules.RemoveAll(r => r.Id == ruleId) > 0; }

    /// <summary>Removes all rules and turns the HTTP 200 toggle off.</summary>
    public void Clear()
    {
        lock (_gate) _rules.Clear();
        ErrorsAsHttp200 = false;
    }

    /// <summary>The first live rule matching the request, counted as applied (exhausted rules are dropped).</summary>
    internal FaultRule? Take(string method, string path, Func<string, bool>? hasHeader = null)
    {
        lock (_gate)
        {
            var rule = _rules.FirstOrDefault(r => !r.IsExhausted && r.Matches(method, path, hasHeader));
            if (rule is null) return null;
            rule.Applied++;
            if (rule.IsExhausted) _rules.Remove(rule);
            return rule;
        }
    }

    internal static (string Method, string Path) SplitRoute(string route)
    {
        var trimmed = route.Trim();
        var space = trimmed.IndexOf(' ');
        return space < 0 ? ("*", trimmed) : (trimmed[..space].ToUpperInvariant(), trimmed[(space + 1)..].Trim());
    }
}
