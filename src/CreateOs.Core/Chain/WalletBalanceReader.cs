using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Models;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>Reads an address's pinned-token and gas balances on-chain, through the session's RPC endpoints.</summary>
    public sealed class WalletBalanceReader
    {
        private readonly Func<ChainInfo, EthRpcClient> _rpcFor;

        public WalletBalanceReader(Func<ChainInfo, EthRpcClient> rpcFor) => _rpcFor = rpcFor;

        public async Task<IReadOnlyList<WalletBalance>> ReadAsync(EthereumAddress address, IEnumerable<ChainInfo> chains, IReadOnlyCollection<string>? tokenSymbols, CancellationToken ct)
        {
            var results = new List<WalletBalance>();
            foreach (var chain in chains)
            {
                var rpc = _rpcFor(chain);
                var actualChainId = await rpc.GetChainIdAsync(ct).ConfigureAwait(false);
                if (actualChainId != chain.ChainId) throw new ChainIdMismatchException(chain.ChainId, actualChainId);
                var reader = new BalanceReader(rpc);
                var native = await reader.GetNativeBalanceAsync(address, ct).ConfigureAwait(false);
                foreach (var token in TokenRegistry.Tokens.Where(t => t.Chain == chain))
                {
                    if (tokenSymbols != null && tokenSymbols.Count > 0 && !tokenSymbols.Any(s => string.Equals(s, token.Symbol, StringComparison.OrdinalIgnoreCase))) continue;
                    var raw = await reader.GetTokenBalanceAsync(token, address, ct).ConfigureAwait(false);
                    results.Add(new WalletBalance
                    {
                        Address = address.ToChecksumString(),
                        Chain = chain.Name,
                        ChainId = chain.ChainId,
                        Token = token.Symbol.ToLowerInvariant(),
                        Symbol = token.Symbol,
                        Contract = token.Address.ToChecksumString(),
                        Balance = WalletBalance.ToDecimal(raw, token.Decimals),
                        BalanceRaw = raw,
                        Decimals = token.Decimals,
                        NativeBalance = WalletBalance.ToDecimal(native, 18),
                        NativeBalanceWei = native,
                        IsUnofficial = token.IsUnofficial,
                        Source = "Chain",
                    });
                }
            }
            return results;
        }
    }
}
