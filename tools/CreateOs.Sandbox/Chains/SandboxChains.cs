using System.Globalization;
using System.Numerics;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CreateOs.Sandbox.Chains;

/// <summary>
/// The sandbox's EVM side: one anvil per chain (started or attached) with <c>SandboxToken</c> installed at the real
/// USDC/USDT addresses, wallet funding, and on-chain payment verification as the MPP gateway does it.
/// </summary>
public sealed class SandboxChains : IAsyncDisposable
{
    public const int TokenDecimals = 6;

    /// <summary>
    /// The only address allowed to mint sandbox tokens. Nobody has its key: the sandbox sends mint calls from it through
    /// anvil_impersonateAccount, so wallets under test cannot mint themselves money by accident.
    /// </summary>
    public const string MinterAddress = "0x5a4d5a4d5a4d5a4d5a4d5a4d5a4d5a4d5a4d5a4d";

    // Storage slots of SandboxToken.sol that the sandbox writes after anvil_setCode (no constructor runs).
    internal const int NameSlot = 3;
    internal const int SymbolSlot = 4;
    internal const int MinterSlot = 5;

    private static readonly BigInteger WeiPerEth = BigInteger.Pow(10, 18);
    private static readonly BigInteger MinterEthBalance = 1_000_000 * WeiPerEth;
    private static readonly BigInteger ImpersonatedSenderMinimumEth = 1_000 * WeiPerEth;
    private static readonly TimeSpan ReceiptWaitTimeout = TimeSpan.FromSeconds(30);

    public static IReadOnlyList<SandboxChainDefinition> DefaultChains { get; } =
    [
        new("arbitrum", 42161,
        [
            new("usdc", "0xaf88d065e77c8cC2239327C5EDb3A432268e5831", "USD Coin", "USDC"),
            new("usdt", "0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9", "Sandbox Tether USD", "USDT"),
        ]),
        new("base", 8453,
        [
            new("usdc", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", "USD Coin", "USDC"),
            new("usdt", "0xfde4C96c8593536E31F229EA8f37b2ADa2699bb2", "Sandbox Tether USD", "USDT"),
        ]),
    ];

    private readonly SandboxChainOptions _options;
    private int _disposed;

    private SandboxChains(SandboxChainOptions options, IReadOnlyList<SandboxChain> chains)
    {
        _options = options;
        Chains = chains;
    }

    public IReadOnlyList<SandboxChain> Chains { get; }

    /// <summary>The runtime bytecode installed at every token address.</summary>
    public static string TokenRuntimeBytecode => SandboxTokenArtifact.RuntimeBytecode;

    /// <summary>Starts (or attaches to) every chain of the table and installs the tokens.</summary>
    public static async Task<SandboxChains> StartAsync(SandboxChainOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new SandboxChainOptions();
        ValidateDefinitions(options.Chains);

        var attachUrls = new Dictionary<string, string>(options.AttachRpcUrls, StringComparer.OrdinalIgnoreCase);
        var unknown = attachUrls.Keys.Where(name => options.Chains.All(c => !c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))).ToList();
        if (unknown.Count > 0)
            throw new ArgumentException($"Attach URL given for unknown chain(s): {string.Join(", ", unknown)}.", nameof(options));

        var startTasks = options.Chains
            .Select(definition => StartChainAsync(definition, attachUrls.GetValueOrDefault(definition.Name), options, cancellationToken))
            .ToList();
        try
        {
            await Task.WhenAll(startTasks).ConfigureAwait(false);
        }
        catch
        {
            foreach (var task in startTasks.Where(t => t.IsCompletedSuccessfully))
                await task.Result.Node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        return new SandboxChains(options, startTasks.Select(t => t.Result).ToList());
    }

    public SandboxChain GetChain(string name) =>
        TryGetChain(name, out var chain)
            ? chain
            : throw new ArgumentException($"Unknown sandbox chain '{name}' (known: {string.Join(", ", Chains.Select(c => c.Name))}).", nameof(name));

    public bool TryGetChain(string name, out SandboxChain chain)
    {
        chain = Chains.FirstOrDefault(c => c.Name.Equals(name, StringComparison.OrdinalIgnoreCase))!;
        return chain is not null;
    }

    /// <summary>
    /// Mints <paramref name="usd"/> of every token on every chain to <paramref name="address"/> and raises its native
    /// balance to <see cref="SandboxChainOptions.FundingEth"/> (never lowers it). Returns the balances afterwards.
    /// </summary>
    /// <exception cref="ArgumentException">Bad address, or an amount that is not positive, above the cap, or finer than 6 decimals.</exception>
    public async Task<FundingResult> FundAsync(string address, decimal usd, CancellationToken cancellationToken = default)
    {
        ValidateFundingRequest(address, usd);
        var units = EvmHex.ToBaseUnits(usd, TokenDecimals);
        var ethTarget = EvmHex.ToBaseUnits(_options.FundingEth, 18);
        var results = await Task.WhenAll(Chains.Select(chain => FundOnChainAsync(chain, address, units, ethTarget, cancellationToken))).ConfigureAwait(false);
        return new FundingResult(address, usd, results);
    }

    /// <summary>Throws <see cref="ArgumentException"/> with a user-facing message when a fund request is invalid.</summary>
    public void ValidateFundingRequest(string? address, decimal usd)
    {
        if (!EvmHex.IsAddress(address))
            throw new ArgumentException("address must be 0x followed by 40 hex digits.", nameof(address));
        if (usd <= 0)
            throw new ArgumentException("usd must be positive.", nameof(usd));
        if (usd > _options.MaxFundingUsd)
            throw new ArgumentException($"usd must be at most {_options.MaxFundingUsd.ToString(CultureInfo.InvariantCulture)}.", nameof(usd));
        if (decimal.Round(usd, TokenDecimals) != usd)
            throw new ArgumentException($"usd must have at most {TokenDecimals} decimal places.", nameof(usd));
    }

    /// <summary>balanceOf(account) of a sandbox token (key "usdc"/"usdt" or its address), in base units.</summary>
    public async Task<BigInteger> GetTokenBalanceAsync(string chainName, string token, string account, CancellationToken cancellationToken = default)
    {
        var chain = GetChain(chainName);
        var contract = chain.ResolveToken(token);
        var data = "0x" + EvmHex.BalanceOfSelector + EvmHex.AddressToWord(account);
        return EvmHex.ParseQuantity(await chain.Rpc.EthCallAsync(contract, data, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>Native balance in wei.</summary>
    public Task<BigInteger> GetEthBalanceAsync(string chainName, string account, CancellationToken cancellationToken = default) =>
        GetChain(chainName).Rpc.GetBalanceAsync(account, cancellationToken);

    /// <summary>The receipt of <paramref name="transactionHash"/> on the named chain, or null if there is none (yet).</summary>
    public async Task<TransactionReceipt?> GetReceiptAsync(string chainName, string transactionHash, CancellationToken cancellationToken = default)
    {
        var chain = GetChain(chainName);
        if (!EvmHex.IsTransactionHash(transactionHash))
            throw new ArgumentException("A transaction hash is 0x followed by 64 hex digits.", nameof(transactionHash));
        var result = await chain.Rpc.CallAsync("eth_getTransactionReceipt", [transactionHash], cancellationToken).ConfigureAwait(false);
        return result.ValueKind == JsonValueKind.Object ? ParseReceipt(result) : null;
    }

    /// <summary>
    /// Sends a transaction from <paramref name="from"/> without a key (anvil impersonation; the account gets ETH for gas
    /// when it runs low) and waits for its receipt. It is simulated with eth_call first, as a settler does: a call that
    /// would revert throws <see cref="ChainRpcException"/> with the revert reason and is never sent.
    /// </summary>
    public async Task<TransactionReceipt> SendAsImpersonatedAsync(string chainName, string from, string to, string data, CancellationToken cancellationToken = default)
    {
        var chain = GetChain(chainName);
        if (!EvmHex.IsAddress(from)) throw new ArgumentException("from must be an address.", nameof(from));
        if (!EvmHex.IsAddress(to)) throw new ArgumentException("to must be an address.", nameof(to));
        await RaiseEthBalanceAsync(chain.Rpc, from, ImpersonatedSenderMinimumEth, cancellationToken).ConfigureAwait(false);
        await chain.Rpc.CallAsync("anvil_impersonateAccount", [from], cancellationToken).ConfigureAwait(false);
        var transaction = new Dictionary<string, string> { ["from"] = from, ["to"] = to, ["data"] = data };
        await chain.Rpc.CallAsync("eth_call", [transaction, "latest"], cancellationToken).ConfigureAwait(false);
        var hash = await chain.Rpc.CallForStringAsync("eth_sendTransaction", [transaction], cancellationToken).ConfigureAwait(false);
        return await WaitForReceiptAsync(chain, hash, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Broadcasts a transaction someone else signed (eth_sendRawTransaction) and waits for its receipt. A node that
    /// already has it ("already known", or mined: "nonce too low") is not an error when its receipt can be found.
    /// </summary>
    public async Task<TransactionReceipt> SendRawTransactionAsync(string chainName, string rawHex, string transactionHash, CancellationToken cancellationToken = default)
    {
        var chain = GetChain(chainName);
        try
        {
            await chain.Rpc.CallForStringAsync("eth_sendRawTransaction", [rawHex], cancellationToken).ConfigureAwait(false);
        }
        catch (ChainRpcException)
        {
            if (await GetReceiptAsync(chainName, transactionHash, cancellationToken).ConfigureAwait(false) is null) throw;
        }
        return await WaitForReceiptAsync(chain, transactionHash, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>EIP-3009 authorizationState(authorizer, nonce) of a sandbox token: true once the authorization was used.</summary>
    public async Task<bool> GetAuthorizationStateAsync(string chainName, string token, string authorizer, string nonceHex, CancellationToken cancellationToken = default)
    {
        var chain = GetChain(chainName);
        var contract = chain.ResolveToken(token);
        var nonce = EvmHex.StripPrefix(nonceHex);
        if (nonce.Length != 64 || !nonce.All(char.IsAsciiHexDigit)) throw new ArgumentException("An EIP-3009 nonce is 32 bytes (64 hex digits).", nameof(nonceHex));
        var data = "0x" + EvmHex.AuthorizationStateSelector + EvmHex.AddressToWord(authorizer) + nonce.ToLowerInvariant();
        return !EvmHex.ParseQuantity(await chain.Rpc.EthCallAsync(contract, data, cancellationToken).ConfigureAwait(false)).IsZero;
    }

    /// <summary>
    /// Checks a payment the way the MPP gateway does (mpp-gateway.md §6): the receipt exists with status 1 and contains
    /// an ERC-20 Transfer log emitted by exactly <paramref name="tokenContract"/> with to == <paramref name="payTo"/> and
    /// value ≥ <paramref name="minimumAmount"/>. By default one log must cover the amount; with
    /// <paramref name="sumTransfers"/> the matching logs are added up (the real gateway's behaviour is undocumented).
    /// Confirmation depth and tx.from are reported, not enforced: that is the caller's policy.
    /// </summary>
    public async Task<TransferVerification> VerifyTransferAsync(
        string chainName,
        string transactionHash,
        string tokenContract,
        string payTo,
        BigInteger minimumAmount,
        bool sumTransfers = false,
        CancellationToken cancellationToken = default)
    {
        var chain = GetChain(chainName);
        if (!EvmHex.IsAddress(tokenContract)) throw new ArgumentException("tokenContract must be an address.", nameof(tokenContract));
        if (!EvmHex.IsAddress(payTo)) throw new ArgumentException("payTo must be an address.", nameof(payTo));

        var receipt = await GetReceiptAsync(chainName, transactionHash, cancellationToken).ConfigureAwait(false);
        long? confirmations = null;
        if (receipt is not null)
        {
            var latestBlock = await chain.Rpc.GetBlockNumberAsync(cancellationToken).ConfigureAwait(false);
            confirmations = Math.Max(0, latestBlock - receipt.BlockNumber + 1);
        }
        return EvaluateTransfer(chain.Name, transactionHash, receipt, tokenContract, payTo, minimumAmount, sumTransfers, confirmations);
    }

    /// <summary>
    /// The pure part of <see cref="VerifyTransferAsync"/>: judges a receipt (null = not found) against the gateway's rules.
    /// </summary>
    public static TransferVerification EvaluateTransfer(
        string chainName,
        string transactionHash,
        TransactionReceipt? receipt,
        string tokenContract,
        string payTo,
        BigInteger minimumAmount,
        bool sumTransfers = false,
        long? confirmations = null)
    {
        TransferVerification Result(TransferVerificationOutcome outcome, IReadOnlyList<TokenTransferLog> matches) =>
            new(outcome, chainName, transactionHash, tokenContract, payTo, minimumAmount, receipt, matches, confirmations);

        if (receipt is null) return Result(TransferVerificationOutcome.TransactionNotFound, []);
        if (!receipt.Succeeded) return Result(TransferVerificationOutcome.TransactionReverted, []);

        var matches = DecodeTransfers(receipt)
            .Where(t => EvmHex.AddressEquals(t.TokenContract, tokenContract) && EvmHex.AddressEquals(t.To, payTo))
            .ToList();
        if (matches.Count == 0) return Result(TransferVerificationOutcome.NoTransferToPayee, matches);

        var covered = sumTransfers
            ? matches.Aggregate(BigInteger.Zero, (sum, t) => sum + t.Value) >= minimumAmount
            : matches.Any(t => t.Value >= minimumAmount);
        return Result(covered ? TransferVerificationOutcome.Verified : TransferVerificationOutcome.AmountTooLow, matches);
    }

    /// <summary>All well-formed ERC-20 Transfer logs of a receipt (any emitter).</summary>
    public static IReadOnlyList<TokenTransferLog> DecodeTransfers(TransactionReceipt receipt)
    {
        var transfers = new List<TokenTransferLog>();
        foreach (var log in receipt.Logs)
        {
            // ERC-721 Transfer has the same topic0 but 4 topics; a 3-topic log with a 32-byte value is ERC-20.
            if (log.Removed || log.Topics.Count != 3 || !log.Topics[0].Equals(EvmHex.TransferEventTopic, StringComparison.OrdinalIgnoreCase)) continue;
            var data = EvmHex.StripPrefix(log.Data);
            if (data.Length != 64) continue;
            transfers.Add(new TokenTransferLog(log.Address, EvmHex.WordToAddress(log.Topics[1]), EvmHex.WordToAddress(log.Topics[2]), EvmHex.ParseQuantity(data), log.LogIndex));
        }
        return transfers;
    }

    /// <summary>
    /// <c>{"chains":[{"name","chainId","rpcUrl","tokens":{"usdc","usdt"}}]}</c>: a fresh object each call, so the host
    /// can add its own top-level fields (apiUri, gatewayUri, …) before serving it.
    /// </summary>
    public JsonObject BuildInfo()
    {
        var chains = new JsonArray();
        foreach (var chain in Chains)
        {
            var tokens = new JsonObject();
            foreach (var token in chain.Definition.Tokens) tokens[token.Key] = token.Address;
            chains.Add(new JsonObject
            {
                ["name"] = chain.Name,
                ["chainId"] = chain.ChainId,
                ["rpcUrl"] = chain.RpcUrl,
                ["tokens"] = tokens,
            });
        }
        return new JsonObject { ["chains"] = chains };
    }

    /// <summary>The JSON body of a successful POST /sandbox/fund.</summary>
    public static JsonObject DescribeFunding(FundingResult result)
    {
        var chains = new JsonArray();
        foreach (var chain in result.Chains)
        {
            var entry = new JsonObject { ["name"] = chain.Name };
            foreach (var (key, balance) in chain.TokenBalances) entry[key] = EvmHex.FormatUnits(balance, TokenDecimals);
            entry["eth"] = EvmHex.FormatEther(chain.EthBalanceWei);
            chains.Add(entry);
        }
        return new JsonObject
        {
            ["address"] = result.Address,
            ["usd"] = result.Usd,
            ["chains"] = chains,
        };
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
        await Task.WhenAll(Chains.Select(c => c.Node.DisposeAsync().AsTask())).ConfigureAwait(false);
    }

    private static async Task<SandboxChain> StartChainAsync(SandboxChainDefinition definition, string? attachUrl, SandboxChainOptions options, CancellationToken cancellationToken)
    {
        var node = attachUrl is not null
            ? await AnvilChain.AttachAsync(attachUrl, definition.ChainId, options.StartupTimeout, cancellationToken).ConfigureAwait(false)
            : await AnvilChain.StartAsync(new AnvilStartOptions
            {
                ChainId = definition.ChainId,
                AnvilPath = options.AnvilPath,
                Host = options.AnvilHost,
                BaseFeeWei = options.BaseFeeWei,
                ExtraArguments = options.BlockTimes.TryGetValue(definition.Name, out var blockTime)
                    ? [.. options.ExtraAnvilArguments, "--block-time", blockTime.TotalSeconds.ToString(CultureInfo.InvariantCulture)]
                    : options.ExtraAnvilArguments,
                StartupTimeout = options.StartupTimeout,
            }, cancellationToken).ConfigureAwait(false);
        try
        {
            var chain = new SandboxChain(definition, node);
            await InstallTokensAsync(chain, cancellationToken).ConfigureAwait(false);
            return chain;
        }
        catch
        {
            await node.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // Installing over an existing sandbox token (attach mode, restarted host) keeps its balances: setCode leaves storage alone.
    private static async Task InstallTokensAsync(SandboxChain chain, CancellationToken cancellationToken)
    {
        var rpc = chain.Rpc;
        try
        {
            foreach (var token in chain.Definition.Tokens)
            {
                await rpc.CallAsync("anvil_setCode", [token.Address, TokenRuntimeBytecode], cancellationToken).ConfigureAwait(false);
                await SetStorageAsync(rpc, token.Address, NameSlot, EvmHex.EncodeShortStringStorageWord(token.Name), cancellationToken).ConfigureAwait(false);
                await SetStorageAsync(rpc, token.Address, SymbolSlot, EvmHex.EncodeShortStringStorageWord(token.Symbol), cancellationToken).ConfigureAwait(false);
                await SetStorageAsync(rpc, token.Address, MinterSlot, "0x" + EvmHex.AddressToWord(MinterAddress), cancellationToken).ConfigureAwait(false);
            }
            await RaiseEthBalanceAsync(rpc, MinterAddress, MinterEthBalance, cancellationToken).ConfigureAwait(false);
            await rpc.CallAsync("anvil_impersonateAccount", [MinterAddress], cancellationToken).ConfigureAwait(false);
        }
        catch (ChainRpcException e) when (e.Code == -32601)
        {
            throw new InvalidOperationException(
                $"The node for '{chain.Name}' at {chain.RpcUrl} does not support {e.Method}; the sandbox needs anvil (anvil_* methods).", e);
        }

        foreach (var token in chain.Definition.Tokens)
        {
            var code = await rpc.GetCodeAsync(token.Address, cancellationToken).ConfigureAwait(false);
            if (!string.Equals(code, TokenRuntimeBytecode, StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"Installing the sandbox token at {token.Address} on '{chain.Name}' did not take effect (eth_getCode returned {code.Length} characters).");
        }
    }

    private static Task SetStorageAsync(ChainRpcClient rpc, string address, int slot, string word, CancellationToken cancellationToken) =>
        rpc.CallAsync("anvil_setStorageAt", [address, EvmHex.ToQuantity(slot), word], cancellationToken);

    private static async Task<BigInteger> RaiseEthBalanceAsync(ChainRpcClient rpc, string address, BigInteger target, CancellationToken cancellationToken)
    {
        var current = await rpc.GetBalanceAsync(address, cancellationToken).ConfigureAwait(false);
        if (current >= target) return current;
        await rpc.CallAsync("anvil_setBalance", [address, EvmHex.ToQuantity(target)], cancellationToken).ConfigureAwait(false);
        return target;
    }

    private static async Task<ChainFunding> FundOnChainAsync(SandboxChain chain, string address, BigInteger units, BigInteger ethTarget, CancellationToken cancellationToken)
    {
        await chain.FundingLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var eth = await RaiseEthBalanceAsync(chain.Rpc, address, ethTarget, cancellationToken).ConfigureAwait(false);
            var mintTransactions = new List<string>();
            var balances = new Dictionary<string, BigInteger>(StringComparer.OrdinalIgnoreCase);
            foreach (var token in chain.Definition.Tokens)
            {
                mintTransactions.Add(await MintAsync(chain, token.Address, address, units, cancellationToken).ConfigureAwait(false));
                var data = "0x" + EvmHex.BalanceOfSelector + EvmHex.AddressToWord(address);
                balances[token.Key] = EvmHex.ParseQuantity(await chain.Rpc.EthCallAsync(token.Address, data, cancellationToken).ConfigureAwait(false));
            }
            // Minting costs the minter gas, never the funded wallet, so the ETH balance read before is still current.
            return new ChainFunding(chain.Name, chain.ChainId, balances, eth, mintTransactions);
        }
        finally
        {
            chain.FundingLock.Release();
        }
    }

    private static async Task<string> MintAsync(SandboxChain chain, string tokenAddress, string to, BigInteger units, CancellationToken cancellationToken)
    {
        var transaction = new Dictionary<string, string>
        {
            ["from"] = MinterAddress,
            ["to"] = tokenAddress,
            ["data"] = "0x" + EvmHex.MintSelector + EvmHex.AddressToWord(to) + EvmHex.ToWord(units),
        };
        var hash = await chain.Rpc.CallForStringAsync("eth_sendTransaction", [transaction], cancellationToken).ConfigureAwait(false);
        var receipt = await WaitForReceiptAsync(chain, hash, cancellationToken).ConfigureAwait(false);
        if (!receipt.Succeeded)
            throw new InvalidOperationException($"Minting on '{chain.Name}' reverted (tx {hash}).");
        return hash;
    }

    // With automine the receipt exists at once; an attached node with interval mining needs a few polls.
    private static async Task<TransactionReceipt> WaitForReceiptAsync(SandboxChain chain, string hash, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + ReceiptWaitTimeout;
        while (true)
        {
            var result = await chain.Rpc.CallAsync("eth_getTransactionReceipt", [hash], cancellationToken).ConfigureAwait(false);
            if (result.ValueKind == JsonValueKind.Object) return ParseReceipt(result);
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException($"No receipt for {hash} on '{chain.Name}' after {ReceiptWaitTimeout.TotalSeconds:0} s; is the node mining?");
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    internal static TransactionReceipt ParseReceipt(JsonElement receipt)
    {
        static string? Text(JsonElement element, string name) =>
            element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
        static BigInteger? Quantity(JsonElement element, string name) =>
            Text(element, name) is { } text ? EvmHex.ParseQuantity(text) : null;

        var logs = new List<EvmLog>();
        if (receipt.TryGetProperty("logs", out var logArray) && logArray.ValueKind == JsonValueKind.Array)
        {
            foreach (var log in logArray.EnumerateArray())
            {
                var topics = log.TryGetProperty("topics", out var topicArray) && topicArray.ValueKind == JsonValueKind.Array
                    ? topicArray.EnumerateArray().Select(t => t.GetString() ?? "").ToList()
                    : [];
                var removed = log.TryGetProperty("removed", out var r) && r.ValueKind == JsonValueKind.True;
                logs.Add(new EvmLog(Text(log, "address") ?? "", topics, Text(log, "data") ?? "0x", (long?)Quantity(log, "logIndex"), removed));
            }
        }

        return new TransactionReceipt(
            TransactionHash: Text(receipt, "transactionHash") ?? "",
            Status: (int)(Quantity(receipt, "status") ?? 0),
            BlockNumber: (long)(Quantity(receipt, "blockNumber") ?? 0),
            BlockHash: Text(receipt, "blockHash"),
            From: Text(receipt, "from") ?? "",
            To: Text(receipt, "to"),
            GasUsed: Quantity(receipt, "gasUsed") ?? 0,
            EffectiveGasPrice: Quantity(receipt, "effectiveGasPrice"),
            Logs: logs);
    }

    private static void ValidateDefinitions(IReadOnlyList<SandboxChainDefinition> definitions)
    {
        if (definitions.Count == 0) throw new ArgumentException("At least one chain is needed.");
        var duplicates = definitions.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0) throw new ArgumentException($"Duplicate chain name(s): {string.Join(", ", duplicates)}.");
        foreach (var definition in definitions)
            foreach (var token in definition.Tokens)
            {
                if (!EvmHex.IsAddress(token.Address)) throw new ArgumentException($"Token {token.Key} on {definition.Name}: '{token.Address}' is not an address.");
                EvmHex.EncodeShortStringStorageWord(token.Name);
                EvmHex.EncodeShortStringStorageWord(token.Symbol);
            }
    }
}
