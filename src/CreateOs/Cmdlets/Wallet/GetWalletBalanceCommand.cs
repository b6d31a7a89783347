using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Numerics;
using CreateOs.Commands.Infrastructure;
using CreateOs.Core.Chain;
using CreateOs.Core.Http;
using CreateOs.Core.Models;
using CreateOs.Core.Wallet;

namespace CreateOs.Commands.Wallet
{
    /// <summary>
    /// <para type="synopsis">Gets the USDC/USDT and gas balances of a wallet on Arbitrum and Base, read on-chain or from the gateway.</para>
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "WalletBalance")]
    [OutputType(typeof(WalletBalance))]
    public sealed class GetWalletBalanceCommand : CreateOsCmdlet
    {
        /// <summary>The address to read; defaults to the connected wallet.</summary>
        [Parameter(Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("WalletAddress")]
        public string? Address { get; set; }

        [Parameter]
        [ValidateSet("arbitrum", "base")]
        public string[]? Chain { get; set; }

        [Parameter]
        [ValidateSet("usdc", "usdt")]
        public string[]? Token { get; set; }

        /// <summary>Chain reads the pinned contracts through the session's RPC endpoints; Gateway asks /agent/balance.</summary>
        [Parameter]
        [ValidateSet("Chain", "Gateway")]
        public string Source { get; set; } = "Chain";

        protected override string ErrorNoun => "WalletBalance";

        protected override void ProcessRecord()
        {
            var text = Address ?? ActiveSession.WalletAddress;
            if (text is null)
            {
                ThrowTerminatingError(ErrorMapper.ToErrorRecord(new Core.WalletNotConnectedException(), "Wallet", null));
                return;
            }
            if (!EthereumAddress.TryParse(text, out var address))
            {
                WriteFailure(new ArgumentException($"'{text}' is not an Ethereum address (0x followed by 40 hex digits, with a valid checksum if mixed-case)."), text);
                return;
            }
            var session = ActiveSession;
            // Without -Chain, read the chains this session may use (a sandbox: those it runs); never reach for a public RPC.
            var chains = Chain != null || Source != "Chain"
                ? (Chain ?? new[] { "arbitrum", "base" }).Select(TokenRegistry.GetChain).ToList()
                : TokenRegistry.Chains.Where(session.HasRpcFor).ToList();
            if (chains.Count == 0)
            {
                TryInvoke(text, () => session.GetRpcUri(TokenRegistry.GetChain("arbitrum")));
                return;
            }
            TryInvoke(text, () =>
            {
                if (Source == "Chain")
                {
                    var reader = new WalletBalanceReader(session.GetRpcClient);
                    WriteObject(Await(ct => reader.ReadAsync(address, chains, Token, ct)), enumerateCollection: true);
                    return;
                }
                var gateway = session.GetGatewayClient();
                foreach (var chain in chains)
                {
                    var entries = Await(ct => gateway.GetBalanceAsync(address.ToChecksumString(), chain.Name, ct));
                    foreach (var entry in entries.Where(e => Token is null || Token.Contains(e.Token, StringComparer.OrdinalIgnoreCase)))
                        WriteObject(FromGateway(address, chain, entry));
                }
            });
        }

        /// <summary>Gateway figures, but the contract always from the module's own table: a server-sent address is only compared.</summary>
        private WalletBalance FromGateway(EthereumAddress address, ChainInfo chain, Core.Gateway.MppBalanceEntry entry)
        {
            TokenInfo? pinned = TokenRegistry.Tokens.FirstOrDefault(t => t.Chain == chain && string.Equals(t.Symbol, entry.Token, StringComparison.OrdinalIgnoreCase));
            if (pinned != null && entry.Address != null && EthereumAddress.TryParse(entry.Address, out var reported) && reported != pinned.Address)
                WriteWarning($"The gateway reports {entry.Symbol} on {chain.Name} at {entry.Address}, not the pinned {pinned.Address}; the pinned contract is shown.");
            var raw = BigInteger.TryParse(entry.BalanceRaw ?? "", NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : BigInteger.Zero;
            return new WalletBalance
            {
                Address = address.ToChecksumString(),
                Chain = chain.Name,
                ChainId = chain.ChainId,
                Token = entry.Token.ToLowerInvariant(),
                Symbol = entry.Symbol,
                Contract = pinned?.Address.ToChecksumString() ?? "",
                BalanceRaw = raw,
                Balance = WalletBalance.ToDecimal(raw, entry.Decimals),
                Decimals = entry.Decimals,
                IsUnofficial = pinned?.IsUnofficial ?? true,
                Source = "Gateway",
            };
        }
    }
}
