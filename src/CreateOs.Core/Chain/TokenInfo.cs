using System;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>A pinned ERC-20 token contract.</summary>
    public sealed class TokenInfo
    {
        public TokenInfo(ChainInfo chain, string symbol, EthereumAddress address, int decimals, bool isUnofficial, string description,
            string? eip712Name = null, string? eip712Version = null)
        {
            Eip712Name = eip712Name;
            Eip712Version = eip712Version;
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

        /// <summary>The EIP-712 domain name of the contract (USDC: "USD Coin"); null when it takes no EIP-3009 authorizations.</summary>
        public string? Eip712Name { get; }
        public string? Eip712Version { get; }

        /// <summary>The contract takes EIP-3009 transferWithAuthorization (payment v2 pays only such tokens).</summary>
        public bool SupportsTransferWithAuthorization => Eip712Name != null && Eip712Version != null;

        /// <summary>The pinned EIP-712 domain of this contract.</summary>
        /// <exception cref="InvalidOperationException">The token takes no EIP-3009 authorizations.</exception>
        public Eip712Domain Eip712Domain => SupportsTransferWithAuthorization
            ? new Eip712Domain(Eip712Name!, Eip712Version!, Chain.ChainId, Address)
            : throw new InvalidOperationException($"{Symbol} on {Chain.Name} takes no EIP-3009 authorizations.");

        public override string ToString() => $"{Symbol} on {Chain.Name} ({Address})";
    }
}
