using System;
using System.Numerics;

namespace CreateOs.Core.Chain
{
    /// <summary>The wallet cannot cover the transfer (token units) or the worst-case gas cost plus value (wei). Nothing was signed.</summary>
    public sealed class InsufficientFundsException : InvalidOperationException
    {
        public InsufficientFundsException(string asset, BigInteger required, BigInteger available)
            : base($"Insufficient {asset}: need {required}, have {available} (raw units).")
        {
            Asset = asset; Required = required; Available = available;
        }

        public string Asset { get; }
        public BigInteger Required { get; }
        public BigInteger Available { get; }
    }
}
