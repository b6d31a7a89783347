using System.Numerics;

namespace CreateOs.Core.Chain
{
    /// <summary>Optional overrides for <see cref="Erc20Payer"/>.</summary>
    public sealed class TransactionBuildOptions
    {
        /// <summary>Use exactly this nonce (e.g. to replace a stuck payment); otherwise the pending count is used.</summary>
        public ulong? Nonce { get; set; }

        /// <summary>Never use a nonce below this (the journal's highest unfinished nonce + 1).</summary>
        public ulong MinimumNonce { get; set; }

        /// <summary>Hard ceiling on maxFeePerGas × gasLimit in wei; defaults to the chain's <see cref="ChainInfo.DefaultMaxGasCostWei"/>.</summary>
        public BigInteger? MaxGasCostWei { get; set; }

        /// <summary>Cap on the priority fee (non-Arbitrum chains); defaults to <see cref="FeeStrategy.DefaultMaxPriorityFeeCapWei"/>.</summary>
        public BigInteger? MaxPriorityFeeCapWei { get; set; }

        /// <summary>Floors for replacing a transaction at the same nonce (at least 10% above the one being replaced).</summary>
        public BigInteger? MinimumMaxFeePerGas { get; set; }
        public BigInteger? MinimumMaxPriorityFeePerGas { get; set; }

        /// <summary>Gas limit = estimate × (100 + margin) / 100. Default 20.</summary>
        public int GasLimitMarginPercent { get; set; } = 20;
    }
}
