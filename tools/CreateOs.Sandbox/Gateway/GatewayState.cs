namespace CreateOs.Sandbox.Gateway;

/// <summary>
/// Everything the emulated gateway remembers: credit ledger, used nonces and tx hashes, which wallet deployed which
/// project, issued quotes, accepted payments, a request log and the rate-limit windows. Thread-safe (one lock);
/// collection properties return snapshots. Wallets are keyed in lower case.
/// </summary>
public sealed class GatewayState
{
    private readonly object _gate = new();
    private readonly Dictionary<string, decimal> _creditsUsd = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _nonces = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedTxHashes = new(StringComparer.Ordinal);
    private readonly HashSet<string> _authorizationReferences = new(StringComparer.Ordinal);
    private readonly List<GatewayProject> _projects = new();
    private readonly List<GatewayQuote> _quotes = new();
    private readonly List<GatewayPayment> _payments = new();
    private readonly List<GatewayRequest> _requests = new();
    private readonly SlidingWindowRateLimiter _rateLimiter = new();

    public GatewayState(GatewayOptions? options = null) => Options = options ?? new GatewayOptions();

    public GatewayOptions Options { get; }

    /// <summary>The gateway's clock (server_now of the signature check); tests may replace it.</summary>
    public Func<DateTimeOffset> Clock { get; set; } = () => DateTimeOffset.UtcNow;

    public DateTimeOffset Now => Clock();

    public IReadOnlyList<GatewayProject> Projects { get { lock (_gate) return _projects.ToList(); } }
    public IReadOnlyList<GatewayQuote> Quotes { get { lock (_gate) return _quotes.ToList(); } }
    public IReadOnlyList<GatewayPayment> Payments { get { lock (_gate) return _payments.ToList(); } }
    public IReadOnlyList<GatewayRequest> Requests { get { lock (_gate) return _requests.ToList(); } }

    /// <summary>How many POST /agent/deploy requests reached the gateway (any outcome).</summary>
    public int DeployRequestCount { get { lock (_gate) return _requests.Count(r => r.Method == "POST" && r.Path.Equals("/agent/deploy", StringComparison.OrdinalIgnoreCase)); } }

    // ---- credits ($1 = 100 credits; kept in USD) ----

    public decimal GetCreditsUsd(string wallet)
    {
        lock (_gate) return _creditsUsd.TryGetValue(Key(wallet), out var usd) ? usd : Options.InitialCreditsUsd;
    }

    public decimal GetCredits(string wallet) => GatewayMoney.UsdToCredits(GetCreditsUsd(wallet));

    /// <summary>Adds (or, with a negative amount, removes) credits; returns the new balance in USD, never below 0.</summary>
    public decimal GrantCredits(string wallet, decimal usd)
    {
        lock (_gate)
        {
            var balance = Math.Max(0m, GetCreditsUsd(wallet) + usd);
            _creditsUsd[Key(wallet)] = balance;
            return balance;
        }
    }

    /// <summary>Takes <paramref name="usd"/> from the wallet's credits if it has that much.</summary>
    public bool TryDeductCredits(string wallet, decimal usd)
    {
        lock (_gate)
        {
            var balance = GetCreditsUsd(wallet);
            if (balance < usd) return false;
            _creditsUsd[Key(wallet)] = balance - usd;
            return true;
        }
    }

    // ---- nonces and tx hashes ----

    /// <summary>Atomically records a nonce; false if it was seen within <see cref="GatewayOptions.NonceTtl"/>.</summary>
    public bool TryUseNonce(string wallet, string nonce)
    {
        var key = Options.NonceScope == NonceScope.PerWallet ? Key(wallet) + ":" + nonce : nonce;
        var now = Now;
        lock (_gate)
        {
            foreach (var expired in _nonces.Where(n => now - n.Value > Options.NonceTtl).Select(n => n.Key).ToList())
                _nonces.Remove(expired);
            return _nonces.TryAdd(key, now);
        }
    }

    /// <summary>Atomically records a payment tx hash; false if it was already used (→ 409).</summary>
    public bool TryReserveTxHash(string txHash)
    {
        lock (_gate) return _usedTxHashes.Add(txHash.ToLowerInvariant());
    }

    /// <summary>Makes a reserved hash usable again (after a failed verification, unless configured otherwise).</summary>
    public void ReleaseTxHash(string txHash)
    {
        lock (_gate) _usedTxHashes.Remove(txHash.ToLowerInvariant());
    }

    public bool IsTxHashUsed(string txHash)
    {
        lock (_gate) return _usedTxHashes.Contains(txHash.ToLowerInvariant());
    }

    /// <summary>Atomically records a v2 payment reference (authorizer, EIP-3009 nonce); false if already recorded (→ 409).</summary>
    public bool TryRecordAuthorization(string authorizer, string nonce)
    {
        lock (_gate) return _authorizationReferences.Add(AuthorizationKey(authorizer, nonce));
    }

    /// <summary>Forgets a reference whose settlement failed while the authorization stayed unused on-chain.</summary>
    public void ReleaseAuthorization(string authorizer, string nonce)
    {
        lock (_gate) _authorizationReferences.Remove(AuthorizationKey(authorizer, nonce));
    }

    public bool IsAuthorizationRecorded(string authorizer, string nonce)
    {
        lock (_gate) return _authorizationReferences.Contains(AuthorizationKey(authorizer, nonce));
    }

    private static string AuthorizationKey(string authorizer, string nonce) => Key(authorizer) + ":" + nonce.Trim().ToLowerInvariant();

    // ---- ownership, quotes, payments, request log ----

    public void AddProject(GatewayProject project)
    {
        lock (_gate) _projects.Add(project with { Wallet = Key(project.Wallet) });
    }

    public GatewayProject? FindProject(Guid projectId)
    {
        lock (_gate) return _projects.FirstOrDefault(p => p.ProjectId == projectId);
    }

    public IReadOnlyList<GatewayProject> ProjectsOf(string wallet)
    {
        var key = Key(wallet);
        lock (_gate) return _projects.Where(p => p.Wallet == key).ToList();
    }

    internal void RecordQuote(GatewayQuote quote) { lock (_gate) _quotes.Add(quote); }

    internal void RecordPayment(GatewayPayment payment) { lock (_gate) _payments.Add(payment); }

    internal void RecordRequest(GatewayRequest request) { lock (_gate) _requests.Add(request); }

    /// <summary>Forgets the request log.</summary>
    public void ClearRequests() { lock (_gate) _requests.Clear(); }

    // ---- rate limit ----

    /// <summary>Counts a request against <paramref name="clientKey"/>; false (with the wait) when the window is full.</summary>
    public bool TryAcquireRateLimit(string clientKey, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        var limit = Options.RateLimitPerMinute;
        if (limit <= 0) return true;
        lock (_gate)
        {
            if (_rateLimiter.TryAcquire(clientKey, Now, limit, Options.RateLimitWindow, out retryAfter)) return true;
            RateLimitedCount++;
            return false;
        }
    }

    /// <summary>How many requests were answered 429 because of the rate limit.</summary>
    public int RateLimitedCount { get; private set; }

    /// <summary>Empties every rate-limit window.</summary>
    public void ResetRateLimits() { lock (_gate) _rateLimiter.Clear(); }

    internal static string Key(string wallet) => wallet.Trim().ToLowerInvariant();
}
