using System.Numerics;

namespace CreateOs.Core.Chain
{
    /// <summary>EIP-1559 fee parameters, in wei per gas.</summary>
    public sealed class FeeEstimate
    {
        public FeeEstimate(BigInteger baseFeePerGas, BigInteger maxPriorityFeePerGas, BigInteger maxFeePerGas)
        {
            BaseFeePerGas = baseFeePerGas; MaxPriorityFeePerGas = maxPriorityFeePerGas; MaxFeePerGas = maxFeePerGas;
        }

        public BigInteger BaseFeePerGas { get; }
        public BigInteger MaxPriorityFeePerGas { get; }
        public BigInteger MaxFeePerGas { get; }
    }
}
