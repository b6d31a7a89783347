using System;
using System.Numerics;

namespace CreateOs.Core.Chain
{
    /// <summary>maxFeePerGas × gasLimit is above the allowed ceiling. Nothing was signed.</summary>
    public sealed class GasCostCeilingExceededException : InvalidOperationException
    {
        public GasCostCeilingExceededException(BigInteger maxGasCostWei, BigInteger ceilingWei)
            : base($"The transaction could cost up to {maxGasCostWei} wei in gas, above the ceiling of {ceilingWei} wei; refusing to sign.")
        {
            MaxGasCostWei = maxGasCostWei; CeilingWei = ceilingWei;
        }

        public BigInteger MaxGasCostWei { get; }
        public BigInteger CeilingWei { get; }
    }
}
