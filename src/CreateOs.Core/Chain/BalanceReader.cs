using System;
using System.Numerics;
using System.Threading;
using System.Threading.Tasks;
using CreateOs.Core.Wallet;

namespace CreateOs.Core.Chain
{
    /// <summary>Reads token state: balances (balanceOf), native balances, decimals and EIP-3009 authorization state.</summary>
    public sealed class BalanceReader
    {
        private readonly EthRpcClient _rpc;

        public BalanceReader(EthRpcClient rpc) => _rpc = rpc ?? throw new ArgumentNullException(nameof(rpc));

        /// <summary>Token balance in raw units.</summary>
        /// <exception cref="FormatException">The call returned no data (no contract at the pinned address on this RPC's chain).</exception>
        public async Task<BigInteger> GetTokenBalanceAsync(TokenInfo token, EthereumAddress owner, CancellationToken cancellationToken = default)
        {
            if (token is null) throw new ArgumentNullException(nameof(token));
            byte[] result = await _rpc.CallAsync(new CallRequest { To = token.Address, Data = Erc20Abi.EncodeBalanceOf(owner) },
                "latest", cancellationToken).ConfigureAwait(false);
            return Erc20Abi.DecodeUint256(result);
        }

        /// <summary>Native (ETH) balance in wei.</summary>
        public Task<BigInteger> GetNativeBalanceAsync(EthereumAddress owner, CancellationToken cancellationToken = default) =>
            _rpc.GetBalanceAsync(owner, "latest", cancellationToken);

        /// <summary>decimals() as reported by the contract (compare with the pinned value once at startup).</summary>
        public async Task<int> GetDecimalsAsync(TokenInfo token, CancellationToken cancellationToken = default)
        {
            if (token is null) throw new ArgumentNullException(nameof(token));
            byte[] result = await _rpc.CallAsync(new CallRequest { To = token.Address, Data = Erc20Abi.EncodeDecimals() },
                "latest", cancellationToken).ConfigureAwait(false);
            BigInteger decimals = Erc20Abi.DecodeUint256(result);
            if (decimals > 255) throw new FormatException("decimals() returned an out-of-range value.");
            return (int)decimals;
        }

        /// <summary>
        /// EIP-3009 authorizationState(authorizer, nonce) at the latest block: true once the authorization was used (or
        /// cancelled), so it can never move tokens again; false means it still can, until its validBefore passes.
        /// </summary>
        public async Task<bool> IsAuthorizationUsedAsync(TokenInfo token, EthereumAddress authorizer, byte[] nonce, CancellationToken cancellationToken = default)
        {
            if (token is null) throw new ArgumentNullException(nameof(token));
            byte[] result = await _rpc.CallAsync(new CallRequest { To = token.Address, Data = Eip3009.EncodeAuthorizationState(authorizer, nonce) },
                "latest", cancellationToken).ConfigureAwait(false);
            BigInteger state = Erc20Abi.DecodeUint256(result);
            if (state > 1) throw new FormatException("authorizationState() returned a value that is not a bool.");
            return state == 1;
        }
    }
}
