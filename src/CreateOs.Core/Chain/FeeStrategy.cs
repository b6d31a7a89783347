using System.Numerics;
using System.Threading;
using System.Threading.Tasks;

namespace CreateOs.Core.Chain
{
    /// <summary>
    /// Chain-aware EIP-1559 fees (mpp-gateway.md §12.4). Arbitrum: tip 0 (FIFO sequencer), maxFee = 2 × base fee.
    /// Base and others: tip = eth_maxPriorityFeePerGas capped, maxFee = 2 × base fee + tip.
    /// </summary>
    public static class FeeStrategy
    {
        /// <summary>Default tip cap: 0.001 gwei, ample on Base where the usual tip is a few thousand wei.</summary>
        public static readonly BigInteger DefaultMaxPriorityFeeCapWei = 1_000_000;

        public static async Task<FeeEstimate> EstimateAsync(EthRpcClient rpc, ChainInfo chain, BigInteger? maxPriorityFeeCapWei = null,
            CancellationToken cancellationToken = default)
        {
            RpcBlock? latest = await rpc.GetBlockByNumberAsync("latest", cancellationToken).ConfigureAwait(false);
            BigInteger baseFee = latest?.BaseFeePerGas ?? await rpc.GetGasPriceAsync(cancellationToken).ConfigureAwait(false);

            if (chain.FeeModel == FeeModel.Arbitrum)
            {
                // eth_gasPrice on Arbitrum is the current base fee (with its floor); take the larger of the two readings.
                BigInteger gasPrice = await rpc.GetGasPriceAsync(cancellationToken).ConfigureAwait(false);
                BigInteger reference = BigInteger.Max(baseFee, gasPrice);
                return new FeeEstimate(reference, BigInteger.Zero, reference * 2);
            }

            BigInteger cap = maxPriorityFeeCapWei ?? DefaultMaxPriorityFeeCapWei;
            BigInteger tip;
            try
            {
                tip = await rpc.GetMaxPriorityFeePerGasAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (JsonRpcException)
            {
                tip = cap; // method not supported by this node
            }
            tip = BigInteger.Min(BigInteger.Max(tip, BigInteger.Zero), cap);
            return new FeeEstimate(baseFee, tip, baseFee * 2 + tip);
        }
    }
}
