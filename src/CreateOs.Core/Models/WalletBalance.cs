using System.Numerics;

namespace CreateOs.Core.Models
{
    /// <summary>How much of one pinned token (and of the chain's gas coin) an address holds on one chain.</summary>
    public sealed class WalletBalance
    {
        public string Address { get; set; } = "";
        public string Chain { get; set; } = "";
        public ulong ChainId { get; set; }
        /// <summary>The token's lower-case id as the gateway names it: usdc, usdt.</summary>
        public string Token { get; set; } = "";
        public string Symbol { get; set; } = "";
        /// <summary>The pinned contract address (from the module's table, never from a server).</summary>
        public string Contract { get; set; } = "";
        public decimal Balance { get; set; }
        public BigInteger BalanceRaw { get; set; }
        public int Decimals { get; set; }
        /// <summary>The chain's gas coin (ETH on Arbitrum and Base), needed to pay for the transfer.</summary>
        public decimal NativeBalance { get; set; }
        public BigInteger NativeBalanceWei { get; set; }
        /// <summary>True for tokens refused by default (bridged USDT on Base).</summary>
        public bool IsUnofficial { get; set; }
        /// <summary>Where the numbers come from: Chain (read on-chain) or Gateway (/agent/balance).</summary>
        public string Source { get; set; } = "Chain";

        public override string ToString() => $"{Balance} {Symbol} on {Chain}";

        public static decimal ToDecimal(BigInteger raw, int decimals) => (decimal)raw / (decimal)BigInteger.Pow(10, decimals);
    }
}
