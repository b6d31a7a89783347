using System.Numerics;
using CreateOs.Sandbox.Chains;
using Xunit;
using static CreateOs.Sandbox.Tests.Chains.ChainTestSupport;

namespace CreateOs.Sandbox.Tests.Chains;

public sealed class FundingTests(SandboxChainsFixture fixture) : IClassFixture<SandboxChainsFixture>
{
    private static readonly BigInteger OneEth = BigInteger.Pow(10, 18);
    private readonly SandboxChains _chains = fixture.Chains;

    [Fact]
    public async Task FundingMintsExactAmountsOfBothTokensOnBothChains()
    {
        var wallet = RandomAddress();
        var result = await _chains.FundAsync(wallet, 25m);

        Assert.Equal(wallet, result.Address);
        Assert.Equal(25m, result.Usd);
        Assert.Equal(["arbitrum", "base"], result.Chains.Select(c => c.Name));
        foreach (var chain in _chains.Chains)
        {
            foreach (var token in new[] { "usdc", "usdt" })
                Assert.Equal(new BigInteger(25_000_000), await _chains.GetTokenBalanceAsync(chain.Name, token, wallet));
            Assert.Equal(OneEth, await _chains.GetEthBalanceAsync(chain.Name, wallet));

            var reported = result.Chains.Single(c => c.Name == chain.Name);
            Assert.Equal(new BigInteger(25_000_000), reported.TokenBalances["usdc"]);
            Assert.Equal(new BigInteger(25_000_000), reported.TokenBalances["usdt"]);
            Assert.Equal(OneEth, reported.EthBalanceWei);
            Assert.Equal(2, reported.MintTransactions.Count);
        }
    }

    [Fact]
    public async Task FundingTwiceAddsUpAndKeepsFractionsExact()
    {
        var wallet = RandomAddress();
        await _chains.FundAsync(wallet, 10m);
        var second = await _chains.FundAsync(wallet, 0.000001m);

        Assert.Equal(new BigInteger(10_000_001), await _chains.GetTokenBalanceAsync("base", "usdc", wallet));
        Assert.Equal(new BigInteger(10_000_001), second.Chains.Single(c => c.Name == "arbitrum").TokenBalances["usdt"]);
        Assert.Equal("10.000001", SandboxChains.DescribeFunding(second)["chains"]![0]!["usdc"]!.GetValue<string>());
    }

    [Fact]
    public async Task FundingDoesNotLowerALargerEthBalance()
    {
        var wallet = RandomAddress();
        var fiveEth = 5 * OneEth;
        await _chains.GetChain("arbitrum").Rpc.CallAsync("anvil_setBalance", [wallet, EvmHex.ToQuantity(fiveEth)]);

        var result = await _chains.FundAsync(wallet, 1m);

        Assert.Equal(fiveEth, await _chains.GetEthBalanceAsync("arbitrum", wallet));
        Assert.Equal(OneEth, await _chains.GetEthBalanceAsync("base", wallet));
        Assert.Equal(fiveEth, result.Chains.Single(c => c.Name == "arbitrum").EthBalanceWei);
    }

    [Fact]
    public async Task ConcurrentFundingOfOneWalletLosesNothing()
    {
        var wallet = RandomAddress();
        await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => _chains.FundAsync(wallet, 1.5m)));
        foreach (var chain in _chains.Chains)
        {
            Assert.Equal(new BigInteger(9_000_000), await _chains.GetTokenBalanceAsync(chain.Name, "usdc", wallet));
            Assert.Equal(new BigInteger(9_000_000), await _chains.GetTokenBalanceAsync(chain.Name, "usdt", wallet));
        }
    }

    [Fact]
    public async Task MintingRaisesTotalSupply()
    {
        var chain = _chains.GetChain("base");
        var before = await CallUintAsync(chain, chain.UsdtAddress, "0x18160ddd");
        await _chains.FundAsync(RandomAddress(), 3m);
        Assert.Equal(before + 3_000_000, await CallUintAsync(chain, chain.UsdtAddress, "0x18160ddd"));
    }

    [Theory]
    [InlineData("0x123", "25")]
    [InlineData("f39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "25")]
    [InlineData("0xZZ9Fd6e51aad88F6F4ce6aB8827279cffFb92266", "25")]
    [InlineData("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "0")]
    [InlineData("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "-1")]
    [InlineData("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "1000000.000001")]
    [InlineData("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266", "0.0000001")]
    public async Task InvalidFundingRequestsAreRejected(string address, string usd)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _chains.FundAsync(address, decimal.Parse(usd, System.Globalization.CultureInfo.InvariantCulture)));
    }

    [Fact]
    public async Task TheCapItselfIsAllowed()
    {
        var wallet = RandomAddress();
        await _chains.FundAsync(wallet, 1_000_000m);
        Assert.Equal(new BigInteger(1_000_000_000_000), await _chains.GetTokenBalanceAsync("arbitrum", "usdc", wallet));
    }
}
