using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Numerics;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>
    /// Chains and token contracts pinned in code (mpp-gateway.md §10). A server may name a token by symbol, but the
    /// address always comes from here; lookalikes (USDC.e, USDbC) are refused.
    /// </summary>
    public static class TokenRegistry
    {
        private static readonly BigInteger OneThousandthEth = BigInteger.Pow(10, 15);

        public static ChainInfo Arbitrum { get; } = new ChainInfo("arbitrum", "Arbitrum One", 42161,
            new Uri("https://arb1.arbitrum.io/rpc"), FeeModel.Arbitrum, OneThousandthEth, blockTime: TimeSpan.FromMilliseconds(250));

        public static ChainInfo Base { get; } = new ChainInfo("base", "Base", 8453,
            new Uri("https://mainnet.base.org"), FeeModel.Eip1559, OneThousandthEth,
            EthereumAddress.Parse("0x420000000000000000000000000000000000000F"), TimeSpan.FromSeconds(2));

        public static IReadOnlyList<ChainInfo> Chains { get; } = new[] { Arbitrum, Base };

        // Native USDC (FiatToken v2.2) on both chains reports name() "USD Coin" and version() "2": its EIP-712 domain.
        private const string CircleUsdcName = "USD Coin";
        private const string CircleUsdcVersion = "2";

        public static IReadOnlyList<TokenInfo> Tokens { get; } = new[]
        {
            new TokenInfo(Arbitrum, "USDC", EthereumAddress.Parse("0xaf88d065e77c8cC2239327C5EDb3A432268e5831"), 6, false, "native Circle USDC", CircleUsdcName, CircleUsdcVersion),
            new TokenInfo(Arbitrum, "USDT", EthereumAddress.Parse("0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9"), 6, false, "Tether USD₮0"),
            new TokenInfo(Base, "USDC", EthereumAddress.Parse("0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913"), 6, false, "native Circle USDC", CircleUsdcName, CircleUsdcVersion),
            new TokenInfo(Base, "USDT", EthereumAddress.Parse("0xfde4C96c8593536E31F229EA8f37b2ADa2699bb2"), 6, true,
                "bridged, unofficial: neither Tether USDT nor USDT0 exists on Base"),
        };

        /// <summary>Contracts that imitate a supported token and are never paid: (chain, symbol, address).</summary>
        public static IReadOnlyList<(ChainInfo Chain, string Symbol, EthereumAddress Address)> RefusedLookalikes { get; } = new[]
        {
            (Arbitrum, "USDC.E", EthereumAddress.Parse("0xFF970A61A04b1cA14834A43f5dE4533eBDDB5CC8")),
            (Base, "USDBC", EthereumAddress.Parse("0xd9aAEc86B65D86f6A7B5B1b0c42FFA531710b6CA")),
        };

        /// <summary>Finds a chain by gateway name ("arbitrum", "base"), a common alias, or a decimal chain id.</summary>
        public static ChainInfo GetChain(string nameOrChainId)
        {
            if (TryGetChain(nameOrChainId, out var chain)) return chain;
            throw new TokenNotAllowedException($"Unsupported chain '{nameOrChainId}'. Supported: arbitrum (42161), base (8453).");
        }

        public static ChainInfo GetChain(ulong chainId) =>
            Chains.FirstOrDefault(c => c.ChainId == chainId)
            ?? throw new TokenNotAllowedException($"Unsupported chain id {chainId}. Supported: 42161, 8453.");

        public static bool TryGetChain(string? nameOrChainId, out ChainInfo chain)
        {
            chain = null!;
            if (string.IsNullOrWhiteSpace(nameOrChainId)) return false;
            string key = nameOrChainId!.Trim().ToLowerInvariant();
            if (ulong.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out ulong id))
            {
                chain = Chains.FirstOrDefault(c => c.ChainId == id)!;
                return chain != null;
            }
            switch (key)
            {
                case "arbitrum": case "arbitrum-one": case "arbitrum one": case "arb1": case "arb": chain = Arbitrum; return true;
                case "base": case "base-mainnet": chain = Base; return true;
                default: return false;
            }
        }

        /// <summary>The pinned token for a symbol on a chain (case-insensitive).</summary>
        /// <exception cref="TokenNotAllowedException">Unknown, a lookalike, or unofficial without <paramref name="allowUnofficial"/>.</exception>
        public static TokenInfo GetToken(ChainInfo chain, string symbol, bool allowUnofficial = false)
        {
            if (chain is null) throw new ArgumentNullException(nameof(chain));
            string wanted = (symbol ?? "").Trim().ToUpperInvariant();
            if (RefusedLookalikes.Any(l => l.Symbol == wanted))
                throw new TokenNotAllowedException($"{symbol} is a lookalike of a supported token and is refused.");
            TokenInfo? token = Tokens.FirstOrDefault(t => t.Chain.ChainId == chain.ChainId && t.Symbol == wanted);
            if (token is null)
                throw new TokenNotAllowedException($"Token '{symbol}' is not supported on {chain.Name}.");
            if (token.IsUnofficial && !allowUnofficial)
                throw new TokenNotAllowedException($"{token.Symbol} on {chain.Name} is {token.Description}; refused unless explicitly allowed.");
            return token;
        }

        public static TokenInfo GetToken(string chainNameOrId, string symbol, bool allowUnofficial = false) =>
            GetToken(GetChain(chainNameOrId), symbol, allowUnofficial);

        /// <summary>The pinned token at this address on this chain (for checking addresses a server reports), or null.</summary>
        public static TokenInfo? FindByAddress(ChainInfo chain, EthereumAddress address) =>
            Tokens.FirstOrDefault(t => t.Chain.ChainId == chain.ChainId && t.Address == address);

        public static bool IsRefusedLookalike(EthereumAddress address) => RefusedLookalikes.Any(l => l.Address == address);
    }
}
