using CreateOs.Core.Chain;
using CreateOs.Core.Wallet;
using Xunit;

namespace CreateOs.Core.Tests.Chain;

public class TokenRegistryTests
{
    [Theory]
    [InlineData("arbitrum", "USDC", "0xaf88d065e77c8cC2239327C5EDb3A432268e5831", 42161)]
    [InlineData("42161", "usdt", "0xFd086bC7CD5C481DCC9C85ebE478A1C0b69FCbb9", 42161)]
    [InlineData("base", "usdc", "0x833589fCD6eDb6E08f4c7C32D4f71b54bdA02913", 8453)]
    public void Pinned_tokens(string chain, string symbol, string address, ulong chainId)
    {
        TokenInfo token = TokenRegistry.GetToken(chain, symbol);
        Assert.Equal(EthereumAddress.Parse(address), token.Address);
        Assert.Equal(6, token.Decimals);
        Assert.Equal(chainId, token.Chain.ChainId);
        Assert.False(token.IsUnofficial);
    }

    [Fact]
    public void Base_usdt_needs_opt_in()
    {
        Assert.Throws<TokenNotAllowedException>(() => TokenRegistry.GetToken("base", "USDT"));
        TokenInfo token = TokenRegistry.GetToken("base", "USDT", allowUnofficial: true);
        Assert.True(token.IsUnofficial);
        Assert.Equal(EthereumAddress.Parse("0xfde4C96c8593536E31F229EA8f37b2ADa2699bb2"), token.Address);
    }

    [Theory]
    [InlineData("arbitrum", "USDC.e")]
    [InlineData("base", "USDbC")]
    [InlineData("base", "DAI")]
    [InlineData("ethereum", "USDC")]
    public void Refused(string chain, string symbol) =>
        Assert.Throws<TokenNotAllowedException>(() => TokenRegistry.GetToken(chain, symbol));

    [Fact]
    public void Lookalike_addresses_are_recognised()
    {
        Assert.True(TokenRegistry.IsRefusedLookalike(EthereumAddress.Parse("0xFF970A61A04b1cA14834A43f5dE4533eBDDB5CC8")));
        Assert.True(TokenRegistry.IsRefusedLookalike(EthereumAddress.Parse("0xd9aAEc86B65D86f6A7B5B1b0c42FFA531710b6CA")));
        Assert.False(TokenRegistry.IsRefusedLookalike(TokenRegistry.GetToken("base", "usdc").Address));
        Assert.Null(TokenRegistry.FindByAddress(TokenRegistry.Arbitrum, EthereumAddress.Parse("0xFF970A61A04b1cA14834A43f5dE4533eBDDB5CC8")));
    }

    [Fact]
    public void Chains_and_rpc_urls()
    {
        Assert.Equal(new Uri("https://arb1.arbitrum.io/rpc"), TokenRegistry.GetChain("arbitrum").DefaultRpcUrl);
        Assert.Equal(new Uri("https://mainnet.base.org"), TokenRegistry.GetChain(8453).DefaultRpcUrl);
        Assert.Equal(FeeModel.Arbitrum, TokenRegistry.Arbitrum.FeeModel);
        Assert.Throws<TokenNotAllowedException>(() => TokenRegistry.GetChain(1));
    }
}
