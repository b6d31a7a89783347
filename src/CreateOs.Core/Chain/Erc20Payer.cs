using System;
using System.Numerics;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>
    /// Builds and signs EIP-1559 payments WITHOUT broadcasting them: the caller journals the returned
    /// <see cref="SignedTransaction"/> (raw, hash, nonce, fees) and only then calls <see cref="BroadcastAsync"/>.
    /// Before signing it checks, in order: token belongs to this chain, eth_chainId matches, the amount is sane,
    /// the token balance suffices, the gas estimate succeeds, the gas-cost ceiling holds, and ETH covers the worst case
    /// (gas at maxFeePerGas, plus Base's L1 data fee, plus value).
    /// </summary>
    public sealed class Erc20Payer
    {
        private readonly EthRpcClient _rpc;

        public Erc20Payer(EthRpcClient rpc, ChainInfo chain)
        {
            _rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));
            Chain = chain ?? throw new ArgumentNullException(nameof(chain));
        }

        public ChainInfo Chain { get; }

        /// <summary>Signs transfer(recipient, amount) on the pinned token contract.</summary>
        public async Task<SignedTransaction> BuildTransferAsync(EthereumKey key, TokenInfo token, EthereumAddress recipient, BigInteger amount,
            TransactionBuildOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            if (token is null) throw new ArgumentNullException(nameof(token));
            if (token.Chain.ChainId != Chain.ChainId)
                throw new ArgumentException($"{token} does not belong to {Chain}.", nameof(token));
            if (TokenRegistry.IsRefusedLookalike(token.Address))
                throw new TokenNotAllowedException($"{token.Address} is a refused lookalike token.");
            if (amount.Sign <= 0) throw new ArgumentOutOfRangeException(nameof(amount), "The amount must be positive.");
            if (recipient == EthereumAddress.Zero) throw new ArgumentException("Refusing to pay the zero address.", nameof(recipient));

            await EnsureChainIdAsync(cancellationToken).ConfigureAwait(false);

            var balance = await new BalanceReader(_rpc).GetTokenBalanceAsync(token, key.Address, cancellationToken).ConfigureAwait(false);
            if (balance < amount) throw new InsufficientFundsException(token.Symbol, amount, balance);

            byte[] data = Erc20Abi.EncodeTransfer(recipient, amount);
            return await BuildAndSignAsync(key, token.Address, BigInteger.Zero, data, options, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Signs a plain ETH transfer (also used for a 0-value self-transfer that cancels a stuck nonce).</summary>
        public async Task<SignedTransaction> BuildNativeTransferAsync(EthereumKey key, EthereumAddress recipient, BigInteger valueWei,
            TransactionBuildOptions? options = null, CancellationToken cancellationToken = default)
        {
            if (key is null) throw new ArgumentNullException(nameof(key));
            if (valueWei.Sign < 0) throw new ArgumentOutOfRangeException(nameof(valueWei));
            await EnsureChainIdAsync(cancellationToken).ConfigureAwait(false);
            return await BuildAndSignAsync(key, recipient, valueWei, Array.Empty<byte>(), options, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Broadcasts a journaled transaction; "already known"/"nonce too low" come back as statuses, not errors.</summary>
        public Task<BroadcastResult> BroadcastAsync(SignedTransaction transaction, CancellationToken cancellationToken = default)
        {
            if (transaction is null) throw new ArgumentNullException(nameof(transaction));
            if (transaction.ChainId != Chain.ChainId)
                throw new ChainIdMismatchException(Chain.ChainId, transaction.ChainId);
            return _rpc.SendRawTransactionAsync(transaction.Raw, cancellationToken);
        }

        /// <summary>Waits for the receipt; a deadline yields Pending (unknown), never failure.</summary>
        public Task<ReceiptWaitResult> WaitForReceiptAsync(string transactionHash, TimeSpan? timeout = null, CancellationToken cancellationToken = default) =>
            new ReceiptWaiter(_rpc, Chain).WaitAsync(transactionHash, timeout, cancellationToken);

        // Base charges an L1 data fee outside gas × price. No oracle code (e.g. a local anvil) means no such fee.
        private async Task<BigInteger> EstimateL1FeeAsync(Eip1559Transaction transaction, CancellationToken cancellationToken)
        {
            if (!Chain.L1FeeOracle.HasValue) return BigInteger.Zero;
            byte[] result = await _rpc.CallAsync(new CallRequest
            {
                To = Chain.L1FeeOracle.Value,
                Data = Erc20Abi.EncodeGetL1Fee(transaction.EncodeUnsigned()),
            }, "latest", cancellationToken).ConfigureAwait(false);
            return result.Length == 0 ? BigInteger.Zero : Erc20Abi.DecodeUint256(result);
        }

        private async Task EnsureChainIdAsync(CancellationToken cancellationToken)
        {
            ulong actual = await _rpc.GetChainIdAsync(cancellationToken).ConfigureAwait(false);
            if (actual != Chain.ChainId) throw new ChainIdMismatchException(Chain.ChainId, actual);
        }

        private async Task<SignedTransaction> BuildAndSignAsync(EthereumKey key, EthereumAddress to, BigInteger value, byte[] data,
            TransactionBuildOptions? options, CancellationToken cancellationToken)
        {
            options ??= new TransactionBuildOptions();
            if (options.GasLimitMarginPercent < 0 || options.GasLimitMarginPercent > 200)
                throw new ArgumentOutOfRangeException(nameof(options), "GasLimitMarginPercent must be between 0 and 200.");

            ulong nonce = options.Nonce ?? Math.Max(
                await _rpc.GetTransactionCountAsync(key.Address, "pending", cancellationToken).ConfigureAwait(false),
                options.MinimumNonce);

            FeeEstimate fees = await FeeStrategy.EstimateAsync(_rpc, Chain, options.MaxPriorityFeeCapWei, cancellationToken).ConfigureAwait(false);
            BigInteger tip = BigInteger.Max(fees.MaxPriorityFeePerGas, options.MinimumMaxPriorityFeePerGas ?? BigInteger.Zero);
            BigInteger maxFee = BigInteger.Max(BigInteger.Max(fees.MaxFeePerGas, options.MinimumMaxFeePerGas ?? BigInteger.Zero), tip);

            ulong estimate = await _rpc.EstimateGasAsync(
                new CallRequest { From = key.Address, To = to, Data = data, Value = value }, cancellationToken).ConfigureAwait(false);
            ulong gasLimit = checked((ulong)((new BigInteger(estimate) * (100 + options.GasLimitMarginPercent) + 99) / 100));

            BigInteger ceiling = options.MaxGasCostWei ?? Chain.DefaultMaxGasCostWei;
            BigInteger maxGasCost = maxFee * gasLimit;
            if (maxGasCost > ceiling) throw new GasCostCeilingExceededException(maxGasCost, ceiling);

            var transaction = new Eip1559Transaction
            {
                ChainId = Chain.ChainId,
                Nonce = nonce,
                MaxPriorityFeePerGas = tip,
                MaxFeePerGas = maxFee,
                GasLimit = gasLimit,
                To = to,
                Value = value,
                Data = data,
            };

            BigInteger l1Fee = await EstimateL1FeeAsync(transaction, cancellationToken).ConfigureAwait(false);
            BigInteger ethBalance = await _rpc.GetBalanceAsync(key.Address, "latest", cancellationToken).ConfigureAwait(false);
            BigInteger worstCase = maxGasCost + l1Fee + value;
            if (ethBalance < worstCase) throw new InsufficientFundsException("ETH", worstCase, ethBalance);

            SignedTransaction signed = transaction.Sign(key);
            signed.EstimatedL1FeeWei = l1Fee;

            // Self-check before handing the bytes out: they must parse back and recover to our own address.
            DecodedTransaction check = TransactionDecoder.Decode(signed.Raw);
            if (check.From != key.Address || check.Nonce != nonce || check.ChainId != Chain.ChainId || check.Hash != signed.Hash)
                throw new InvalidOperationException("Signed transaction failed its self-check; not returning it.");
            return signed;
        }
    }
}
