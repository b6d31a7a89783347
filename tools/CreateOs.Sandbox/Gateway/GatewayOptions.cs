using CreateOs.Sandbox.Chains;

namespace CreateOs.Sandbox.Gateway;

/// <summary>Which challenge format the 402 uses (mpp-gateway.md §11).</summary>
public enum GatewayProtocol
{
    /// <summary>JSON quote only; the client pays with an ERC-20 transfer and retries with X-Payment-Tx.</summary>
    V1,

    /// <summary>The v1 JSON quote plus <c>WWW-Authenticate: Payment …</c> (and optionally <c>PAYMENT-REQUIRED</c>).</summary>
    V2,
}

/// <summary>Whether a nonce may be reused by another wallet (the real gateway's scope is undocumented).</summary>
public enum NonceScope
{
    Global,
    PerWallet,
}

/// <summary>A chain the gateway accepts payments on: its name, real chain id and token key → pinned contract.</summary>
public sealed record GatewayChain(string Name, long ChainId, IReadOnlyDictionary<string, string> Tokens);

/// <summary>
/// How the emulated MPP gateway behaves. Properties are read on every request, so tests may change them on a running
/// sandbox (e.g. switch <see cref="Protocol"/> or lower <see cref="RateLimitPerMinute"/>).
/// </summary>
public sealed class GatewayOptions
{
    /// <summary>The sandbox's default recipient: a fixed address nobody holds a key for.</summary>
    public const string DefaultPayTo = "0x2664D5d0baa2D464D922c2137854ec33d95E12F8";

    public const decimal MinimumPricePerMonthUsd = 0.50m;

    /// <summary>Price of one month of a deploy; the quote is max(this, $0.50) × months (one real quote was 1.813947).</summary>
    public decimal PricePerMonthUsd { get; set; } = MinimumPricePerMonthUsd;

    /// <summary>The recipient (pay_to), the same on every chain.</summary>
    public string PayTo { get; set; } = DefaultPayTo;

    /// <summary>Accepted chains and tokens; defaults to arbitrum/base × usdc/usdt at the pinned addresses.</summary>
    public IReadOnlyList<GatewayChain> Chains { get; set; } = FromSandboxChains(SandboxChains.DefaultChains);

    /// <summary>payment_chain of the quote, X-Payment-Chain when absent, and /agent/balance's default chain.</summary>
    public string DefaultChain { get; set; } = "arbitrum";

    /// <summary>Requests per <see cref="RateLimitWindow"/> per client IP + X-Wallet-Address on /agent/*; 0 disables.</summary>
    public int RateLimitPerMinute { get; set; } = 30;

    public TimeSpan RateLimitWindow { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Largest accepted |now − X-Timestamp|, in both directions.</summary>
    public TimeSpan SignatureSkew { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long a used nonce is remembered (at least the skew window on either side).</summary>
    public TimeSpan NonceTtl { get; set; } = TimeSpan.FromSeconds(120);

    public NonceScope NonceScope { get; set; } = NonceScope.Global;

    /// <summary>Blocks, counting the one holding the tx, a payment needs before it is accepted.</summary>
    public int RequiredConfirmations { get; set; } = 1;

    /// <summary>Reject payments whose tx.from is not the authenticated wallet.</summary>
    public bool RequireTxFromWallet { get; set; }

    /// <summary>Add up several Transfer logs to pay_to instead of requiring one log that covers the amount.</summary>
    public bool SumTransferLogs { get; set; }

    /// <summary>
    /// The real gateway records the hash before verifying it (§6 step 2). By default the sandbox releases the hash again
    /// when verification fails, so a client may retry a not-yet-visible payment; true keeps it consumed (→ 409 on retry).
    /// </summary>
    public bool ConsumeHashOnFailedVerification { get; set; }

    public GatewayProtocol Protocol { get; set; } = GatewayProtocol.V1;

    /// <summary>With <see cref="GatewayProtocol.V2"/>: also send the x402 <c>PAYMENT-REQUIRED</c> header.</summary>
    public bool IncludeX402Header { get; set; } = true;

    /// <summary>How long a v2 challenge is valid (its <c>expires</c> parameter).</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Credits (in USD) a wallet has before its first deploy.</summary>
    public decimal InitialCreditsUsd { get; set; }

    /// <summary>Cap of the whole POST /agent/deploy body; larger requests get 413, like the real gateway's JSON parser.</summary>
    public long MaxRequestBytes { get; set; } = 50L * 1024 * 1024;

    public static IReadOnlyList<GatewayChain> FromSandboxChains(IEnumerable<SandboxChainDefinition> definitions) =>
        definitions
            .Select(d => new GatewayChain(d.Name, d.ChainId, d.Tokens.ToDictionary(t => t.Key, t => t.Address, StringComparer.OrdinalIgnoreCase)))
            .ToList();

    public GatewayChain? FindChain(string name) =>
        Chains.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The quoted price for <paramref name="months"/> months, in USD.</summary>
    public decimal PriceUsd(int months) => Math.Max(PricePerMonthUsd, MinimumPricePerMonthUsd) * months;
}
