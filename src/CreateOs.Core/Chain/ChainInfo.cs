using System;
using System.Numerics;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>How a chain prices gas (see <see cref="FeeStrategy"/>).</summary>
    public enum FeeModel
    {
        /// <summary>Arbitrum: the sequencer ignores tips; tip 0, maxFee = 2 × base fee.</summary>
        Arbitrum,
        /// <summary>OP Stack (Base) and generic EIP-1559: capped eth_maxPriorityFeePerGas, maxFee = 2 × base fee + tip.</summary>
        Eip1559,
    }

    /// <summary>A supported chain. Instances come from <see cref="TokenRegistry"/> (or tests/emulators), never from a server.</summary>
    public sealed class ChainInfo
    {
        public ChainInfo(string name, string displayName, ulong chainId, Uri defaultRpcUrl, FeeModel feeModel, BigInteger defaultMaxGasCostWei,
            EthereumAddress? l1FeeOracle = null, TimeSpan? blockTime = null)
        {
            BlockTime = blockTime ?? TimeSpan.FromSeconds(1);
            L1FeeOracle = l1FeeOracle;
            Name = name ?? throw new ArgumentNullException(nameof(name));
            DisplayName = displayName ?? name;
            ChainId = chainId;
            DefaultRpcUrl = defaultRpcUrl ?? throw new ArgumentNullException(nameof(defaultRpcUrl));
            FeeModel = feeModel;
            DefaultMaxGasCostWei = defaultMaxGasCostWei;
        }

        /// <summary>Gateway name: "arbitrum" or "base".</summary>
        public string Name { get; }
        public string DisplayName { get; }
        public ulong ChainId { get; }
        public Uri DefaultRpcUrl { get; }
        public FeeModel FeeModel { get; }
        /// <summary>Default hard ceiling on maxFeePerGas × gasLimit for one transaction, in wei.</summary>
        public BigInteger DefaultMaxGasCostWei { get; }

        /// <summary>How often the chain makes a block (its sequencer's schedule): receipts are polled at this pace.</summary>
        public TimeSpan BlockTime { get; }

        /// <summary>OP Stack GasPriceOracle (getL1Fee) for the L1 data fee that gas × price does not cover; null elsewhere.</summary>
        public EthereumAddress? L1FeeOracle { get; }

        public override string ToString() => $"{DisplayName} ({ChainId})";
    }
}
