using System.Numerics;

namespace CreateOs.Sandbox.Chains;

/// <summary>A token the sandbox installs: <paramref name="Key"/> is how the gateway names it ("usdc", "usdt").</summary>
public sealed record SandboxTokenDefinition(string Key, string Address, string Name, string Symbol);

/// <summary>A chain the sandbox runs: the gateway's chain name, its real chain id, and the tokens at their real addresses.</summary>
public sealed record SandboxChainDefinition(string Name, long ChainId, IReadOnlyList<SandboxTokenDefinition> Tokens);

/// <summary>How <see cref="SandboxChains"/> starts (or attaches to) its chains and funds wallets.</summary>
public sealed record SandboxChainOptions
{
    /// <summary>The chain table; defaults to Arbitrum One and Base with the pinned USDC/USDT addresses (mpp-gateway.md §10).</summary>
    public IReadOnlyList<SandboxChainDefinition> Chains { get; init; } = SandboxChains.DefaultChains;

    /// <summary>Chain name → RPC URL of an already running anvil to use instead of starting one (e.g. from docker compose).</summary>
    public IReadOnlyDictionary<string, string> AttachRpcUrls { get; init; } = new Dictionary<string, string>();

    /// <summary>anvil executable; null → CREATEOS_ANVIL, the repository's node_modules, then PATH.</summary>
    public string? AnvilPath { get; init; }

    /// <summary>Host anvil listens on. Use 0.0.0.0 only in a container whose port is published deliberately.</summary>
    public string AnvilHost { get; init; } = "127.0.0.1";

    /// <summary>Native balance (in ETH) a funded wallet gets for gas; an existing larger balance is kept.</summary>
    public decimal FundingEth { get; init; } = 1.0m;

    /// <summary>Largest amount one fund call may mint per token and chain.</summary>
    public decimal MaxFundingUsd { get; init; } = 1_000_000m;

    /// <summary>Initial base fee of started chains, in wei (0.01 gwei: Arbitrum's floor). Null keeps anvil's default.</summary>
    public BigInteger? BaseFeeWei { get; init; } = 10_000_000;

    public IReadOnlyList<string> ExtraAnvilArguments { get; init; } = [];

    /// <summary>
    /// Chain name → block time of a started chain (anvil <c>--block-time</c>): blocks come on a schedule, as on the real
    /// chains (Arbitrum 0.25 s, Base 2 s), instead of one per transaction at once. Empty = mine on arrival.
    /// </summary>
    public IReadOnlyDictionary<string, TimeSpan> BlockTimes { get; init; } = new Dictionary<string, TimeSpan>(StringComparer.OrdinalIgnoreCase);

    public TimeSpan StartupTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads options from a configuration section (default "Chains"), e.g. appsettings.json or environment variables
    /// such as <c>Chains__Attach__arbitrum=http://127.0.0.1:8545</c>. Keys: AnvilPath, AnvilHost, FundingEth,
    /// MaxFundingUsd, StartupTimeoutSeconds, Attach:{chain}. Missing keys keep the defaults.
    /// </summary>
    public static SandboxChainOptions FromConfiguration(Microsoft.Extensions.Configuration.IConfiguration configuration, string sectionName = "Chains")
    {
        var section = configuration.GetSection(sectionName);
        var defaults = new SandboxChainOptions();
        static decimal? ReadDecimal(string? text, string key) =>
            text is null ? null
            : decimal.TryParse(text, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value
            : throw new FormatException($"Configuration value {key} = '{text}' is not a number.");

        var attach = section.GetSection("Attach").GetChildren()
            .Where(child => !string.IsNullOrWhiteSpace(child.Value))
            .ToDictionary(child => child.Key, child => child.Value!, StringComparer.OrdinalIgnoreCase);
        var startupSeconds = ReadDecimal(section["StartupTimeoutSeconds"], "StartupTimeoutSeconds");

        return defaults with
        {
            AnvilPath = string.IsNullOrWhiteSpace(section["AnvilPath"]) ? defaults.AnvilPath : section["AnvilPath"],
            AnvilHost = string.IsNullOrWhiteSpace(section["AnvilHost"]) ? defaults.AnvilHost : section["AnvilHost"]!,
            FundingEth = ReadDecimal(section["FundingEth"], "FundingEth") ?? defaults.FundingEth,
            MaxFundingUsd = ReadDecimal(section["MaxFundingUsd"], "MaxFundingUsd") ?? defaults.MaxFundingUsd,
            StartupTimeout = startupSeconds is { } seconds ? TimeSpan.FromSeconds((double)seconds) : defaults.StartupTimeout,
            AttachRpcUrls = attach,
        };
    }
}

/// <summary>One running sandbox chain.</summary>
public sealed class SandboxChain
{
    internal SandboxChain(SandboxChainDefinition definition, AnvilChain node)
    {
        Definition = definition;
        Node = node;
        Tokens = definition.Tokens.ToDictionary(t => t.Key, t => t.Address, StringComparer.OrdinalIgnoreCase);
    }

    public SandboxChainDefinition Definition { get; }

    public string Name => Definition.Name;

    public long ChainId => Definition.ChainId;

    public string RpcUrl => Node.RpcUrl;

    /// <summary>Token key ("usdc", "usdt") → contract address, as pinned (checksum case).</summary>
    public IReadOnlyDictionary<string, string> Tokens { get; }

    public string UsdcAddress => Tokens["usdc"];

    public string UsdtAddress => Tokens["usdt"];

    /// <summary>True when the sandbox started this chain's anvil (false when it attached to a running node).</summary>
    public bool IsStartedBySandbox => Node.IsOwned;

    public ChainRpcClient Rpc => Node.Rpc;

    internal AnvilChain Node { get; }

    internal SemaphoreSlim FundingLock { get; } = new(1, 1);

    /// <summary>Resolves a token key ("usdc") or a contract address of this chain to the pinned address.</summary>
    public string ResolveToken(string keyOrAddress)
    {
        if (Tokens.TryGetValue(keyOrAddress, out var byKey)) return byKey;
        foreach (var address in Tokens.Values)
            if (EvmHex.AddressEquals(address, keyOrAddress)) return address;
        throw new ArgumentException($"'{keyOrAddress}' is not a sandbox token on {Name} (known: {string.Join(", ", Tokens.Keys)}).", nameof(keyOrAddress));
    }
}

/// <summary>A log entry of a transaction receipt.</summary>
public sealed record EvmLog(string Address, IReadOnlyList<string> Topics, string Data, long? LogIndex, bool Removed);

/// <summary>The parts of eth_getTransactionReceipt the sandbox uses. <see cref="Status"/> is 1 for success, 0 for a revert.</summary>
public sealed record TransactionReceipt(
    string TransactionHash,
    int Status,
    long BlockNumber,
    string? BlockHash,
    string From,
    string? To,
    BigInteger GasUsed,
    BigInteger? EffectiveGasPrice,
    IReadOnlyList<EvmLog> Logs)
{
    public bool Succeeded => Status == 1;
}

/// <summary>An ERC-20 Transfer event decoded from a receipt log.</summary>
public sealed record TokenTransferLog(string TokenContract, string From, string To, BigInteger Value, long? LogIndex);

public enum TransferVerificationOutcome
{
    /// <summary>Receipt status 1 and a Transfer from the named token to pay_to with value ≥ the minimum.</summary>
    Verified,

    /// <summary>No receipt on this chain: unknown hash, still pending, or sent on another chain.</summary>
    TransactionNotFound,

    /// <summary>The transaction was mined but reverted (receipt status 0).</summary>
    TransactionReverted,

    /// <summary>No Transfer log emitted by the named token contract to pay_to (wrong token, wrong payee, not a transfer).</summary>
    NoTransferToPayee,

    /// <summary>Transfers to pay_to exist but none (or their sum, if summing) reaches the minimum.</summary>
    AmountTooLow,
}

/// <summary>What <see cref="SandboxChains.VerifyTransferAsync"/> found, with everything a gateway policy may want to check.</summary>
public sealed record TransferVerification(
    TransferVerificationOutcome Outcome,
    string Chain,
    string TransactionHash,
    string TokenContract,
    string PayTo,
    BigInteger MinimumAmount,
    TransactionReceipt? Receipt,
    IReadOnlyList<TokenTransferLog> MatchingTransfers,
    long? Confirmations)
{
    public bool IsVerified => Outcome == TransferVerificationOutcome.Verified;

    public int? Status => Receipt?.Status;

    public long? BlockNumber => Receipt?.BlockNumber;

    /// <summary>The transaction's sender (tx.from), which a stricter gateway may compare with the paying wallet.</summary>
    public string? From => Receipt?.From;

    /// <summary>Sum of all matching transfers' values.</summary>
    public BigInteger TotalAmount => MatchingTransfers.Aggregate(BigInteger.Zero, (sum, t) => sum + t.Value);

    /// <summary>The largest single matching transfer, or 0.</summary>
    public BigInteger LargestAmount => MatchingTransfers.Count == 0 ? BigInteger.Zero : MatchingTransfers.Max(t => t.Value);
}

/// <summary>Balances of one wallet on one chain after a fund call, in base units (tokens: 6 decimals; ETH: wei).</summary>
public sealed record ChainFunding(string Name, long ChainId, IReadOnlyDictionary<string, BigInteger> TokenBalances, BigInteger EthBalanceWei, IReadOnlyList<string> MintTransactions);

/// <summary>The result of <see cref="SandboxChains.FundAsync"/>.</summary>
public sealed record FundingResult(string Address, decimal Usd, IReadOnlyList<ChainFunding> Chains);
