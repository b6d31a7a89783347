using System.Numerics;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>A decoded ERC-20 Transfer event.</summary>
    public sealed class Erc20Transfer
    {
        public Erc20Transfer(EthereumAddress token, EthereumAddress from, EthereumAddress to, BigInteger value)
        {
            Token = token; From = from; To = to; Value = value;
        }

        /// <summary>The contract that emitted the log.</summary>
        public EthereumAddress Token { get; }
        public EthereumAddress From { get; }
        public EthereumAddress To { get; }
        /// <summary>Raw token units.</summary>
        public BigInteger Value { get; }
    }
}
