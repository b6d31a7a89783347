using System;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>A pinned ERC-20 token contract.</summary>
    public sealed class TokenInfo
    {
        public TokenInfo(ChainInfo chain, string symbol, EthereumAddress address, int decimals, bool isUnofficial, string description)
        {
            Chain = chain ?? throw new ArgumentNullException(nameof(chain));
            Symbol = symbol ?? throw new ArgumentNullException(nameof(symbol));
            Address = address;
            Decimals = decimals;
            IsUnofficial = isUnofficial;
            Description = description ?? "";
        }

        public ChainInfo Chain { get; }
        /// <summary>Upper case, e.g. "USDC".</summary>
        public string Symbol { get; }
        public EthereumAddress Address { get; }
        public int Decimals { get; }
        /// <summary>Bridged/unofficial (Base USDT): refused unless the caller opts in.</summary>
        public bool IsUnofficial { get; }
        public string Description { get; }

        public override string ToString() => $"{Symbol} on {Chain.Name} ({Address})";
    }
}
