using CreateOs.Sandbox.Chains;

namespace CreateOs.Sandbox.Gateway;

/// <summary>Which payment protocol the gateway speaks (mpp-gateway.md §6 and §11, docs/payment-v2.md).</summary>
public enum GatewayProtocol
{
    /// <summary>JSON quote only; the client pays with an ERC-20 transfer and retries with X-Payment-Tx. v2 credential
    /// headers are ignored, as a gateway that does not know them would.</summary>
    V1,

    /// <summary>v2 only: the 402 body is <c>{"error","amount_usd"}</c> without pay_to/amount_token, the challenges travel
    /// in headers (<see cref="GatewayOptions.ChallengeForms"/>), and X-Payment-Tx is answered with 400.</summary>
    V2,

    /// <summary>The v1 JSON quote plus the v2 challenge headers; both X-Payment-Tx and v2 credentials are accepted.</summary>
    Both,
}

/// <summary>Which v2 challenges a 402 carries and which credentials are accepted.</summary>
[Flags]
public enum GatewayChallengeForms
{
    None = 0,

    /// <summary><c>WWW-Authenticate: Payment …</c>, answered with <c>Authorization: Payment …</c>.</summary>
    Mpp = 1,

    /// <summary><c>PAYMENT-REQUIRED</c> (x402 v2), answered with <c>PAYMENT-SIGNATURE</c>.</summary>
    X402 = 2,

    All = Mpp | X402,
}

/// <summary>A failure the gateway's settler is told to have (a fault for client tests).</summary>
public enum SettlementFault
{
    None,

    /// <summary>Settlement fails before a transaction is sent: 502, the authorization stays unused, its reference is released.</summary>
    FailBeforeSending,

    /// <summary>The settlement transaction is mined (the tokens move), then the gateway answers 502 as if it had lost the
    /// receipt: no credits, and the reference stays recorded because the authorization is used on-chain.</summary>
    FailAfterSending,
}

/// <summary>The <c>payload.type</c> values of draft-evm-charge the sandbox verifies (<c>permit2</c> is not offered).</summary>
public static class MppCredentialType
{
    public const string Authorization = "authorization";
    public const string Transaction = "transaction";
    public const string Hash = "hash";

    public static readonly IReadOnlyList<string> Supported = [Authorization, Transaction, Hash];

    /// <summary>Every type the spec defines; a credential of any other type is malformed.</summary>
    public static readonly IReadOnlyList<string> Defined = ["permit2", Authorization, Transaction, Hash];
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

    /// <summary>anvil's dev account 9 (of the default mnemonic).</summary>
    public const string DefaultSettlerAddress = "0xa0Ee7A142d267C1f36714E4a8F75612F20a79720";

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

    /// <summary>With <see cref="GatewayProtocol.V2"/> or <see cref="GatewayProtocol.Both"/>: the challenges a 402 carries
    /// (one MPP challenge and one x402 offer per chain with a usdc token); a credential of a form not issued is refused.</summary>
    public GatewayChallengeForms ChallengeForms { get; set; } = GatewayChallengeForms.All;

    /// <summary>
    /// The MPP credential types the challenges offer, most preferred first (draft-evm-charge "Credential Type
    /// Negotiation"): <c>authorization</c> (EIP-3009, settled by <see cref="SettlerAddress"/>), <c>transaction</c> (a
    /// signed EIP-1559 transfer the gateway broadcasts) and <c>hash</c> (a transfer the client broadcast). The real
    /// gateway's examples offer only <c>authorization</c>.
    /// </summary>
    public IReadOnlyList<string> MppCredentialTypes { get; set; } = [MppCredentialType.Authorization];

    /// <summary>How long a v2 challenge is valid: the MPP <c>expires</c> and the x402 <c>maxTimeoutSeconds</c>.</summary>
    public TimeSpan ChallengeLifetime { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The account that submits transferWithAuthorization for v2 payments and pays its gas. Defaults to anvil's dev
    /// account 9; the sandbox impersonates it and keeps it supplied with ETH, so any address works on an anvil node.
    /// </summary>
    public string SettlerAddress { get; set; } = DefaultSettlerAddress;

    /// <summary>Makes v2 settlements fail (see <see cref="Gateway.SettlementFault"/>) until set back to None.</summary>
    public SettlementFault SettlementFault { get; set; } = SettlementFault.None;

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
